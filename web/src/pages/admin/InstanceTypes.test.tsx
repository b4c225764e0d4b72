import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResourceFormPage } from '../../components/Resource';
import { mockApi, renderRoute } from '../../test/render';
import { instanceTypes } from './InstanceTypes';

const groups = { data: { items: [{ id: 'team', name: 'team', displayName: 'Team' }] } };

describe('instance type form', () => {
  it('validates as the API does before sending', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi(() => groups);
    renderRoute(<ResourceFormPage resource={instanceTypes} />, '/admin/instance-types/new');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'CPU_1');
    await user.clear(screen.getByRole('spinbutton', { name: 'CPU limit (cores)' }));
    await user.type(screen.getByRole('spinbutton', { name: 'CPU limit (cores)' }), '1');
    await user.type(screen.getByRole('spinbutton', { name: 'CPU request (cores)' }), '2');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText("Lowercase letters, digits or '-', starting and ending with a letter or digit")).toBeInTheDocument();
    expect(await screen.findByText('The CPU request cannot be more than its limit')).toBeInTheDocument();
    expect(calls.filter((c) => c.query.includes('mutation'))).toHaveLength(0);
  });

  it('creates with the groups granted, and shows what the API refuses', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) =>
      c.query.includes('createInstanceType')
        ? { errors: [{ message: 'instancetypes.primehub.io "cpu-1" already exists', extensions: { code: 'ALREADY_EXISTS' } }] }
        : groups,
    );
    renderRoute(<ResourceFormPage resource={instanceTypes} />, '/admin/instance-types/new');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'cpu-1');
    await user.click(screen.getByRole('combobox', { name: 'Groups' }));
    await user.click(await screen.findByTitle('Team (team)'));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('instancetypes.primehub.io "cpu-1" already exists');
    const create = calls.find((c) => c.query.includes('createInstanceType'));
    expect(create?.variables?.data).toEqual({
      name: 'cpu-1',
      displayName: '',
      description: '',
      cpuLimit: 1,
      cpuRequest: null,
      memoryLimit: 1,
      memoryRequest: null,
      gpuLimit: 0,
      nodeSelector: {},
      tolerations: { set: [] },
      global: false,
      groups: { connect: [{ id: 'team' }] },
    });
  });

  it('takes tolerations as kubectl writes taints, and refuses other lines', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) => (c.query.includes('createInstanceType') ? { data: { createInstanceType: { id: 'gpu-1' } } } : groups));
    renderRoute(<ResourceFormPage resource={instanceTypes} />, '/admin/instance-types/new');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'gpu-1');
    const tolerations = screen.getByRole('textbox', { name: 'Tolerations' });
    await user.type(tolerations, 'nvidia.com/gpu');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Each line must be key=value:Effect or key:Effect')).toBeInTheDocument();
    await user.clear(tolerations);
    await user.type(tolerations, 'nvidia.com/gpu:NoSchedule{Enter}dedicated=ml:NoExecute');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(calls.some((c) => c.query.includes('createInstanceType'))).toBe(true));
    const create = calls.find((c) => c.query.includes('createInstanceType'));
    expect((create?.variables?.data as { tolerations?: unknown }).tolerations).toEqual({
      set: [
        { operator: 'Exists', key: 'nvidia.com/gpu', effect: 'NoSchedule' },
        { operator: 'Equal', key: 'dedicated', value: 'ml', effect: 'NoExecute' },
      ],
    });
  });

  it('edits: grants and revokes groups by difference, and keeps the name', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) => {
      if (c.query.includes('updateInstanceType')) return { data: { updateInstanceType: { id: 'cpu-1' } } };
      if (c.query.includes('item:'))
        return {
          data: {
            item: { id: 'cpu-1', name: 'cpu-1', displayName: 'CPU 1', description: '', cpuLimit: 1, cpuRequest: null, memoryLimit: 2, memoryRequest: null, gpuLimit: 0, global: false, groups: [{ id: 'team' }] },
          },
        };
      return groups;
    });
    renderRoute(<ResourceFormPage resource={instanceTypes} />, '/admin/instance-types/cpu-1', '/admin/instance-types/:id');
    expect(await screen.findByRole('textbox', { name: 'Name' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Global: every group may use it' }));
    // By keyboard: Backspace in the groups field takes out the last group.
    await user.click(screen.getByRole('combobox', { name: 'Groups' }));
    await user.keyboard('{Backspace}');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('elsewhere')).toBeInTheDocument());
    const update = calls.find((c) => c.query.includes('updateInstanceType'));
    expect(update?.variables).toMatchObject({
      where: { id: 'cpu-1' },
      data: { global: true, memoryLimit: 2, groups: { disconnect: [{ id: 'team' }] } },
    });
    expect(update?.variables?.data).not.toHaveProperty('name');
  });
});
