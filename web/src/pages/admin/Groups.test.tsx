import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResourceFormPage } from '../../components/Resource';
import { mockApi, renderRoute } from '../../test/render';
import { groups } from './Groups';

const stored = {
  id: 'team',
  name: 'team',
  displayName: 'Team',
  quotaCpu: 2,
  quotaGpu: null,
  quotaMemory: null,
  projectQuotaCpu: null,
  projectQuotaGpu: null,
  projectQuotaMemory: null,
  admins: 'alice',
  userVolumeCapacity: null,
  enabledSharedVolume: false,
  sharedVolumeCapacity: null,
  launchGroupOnly: true,
  enabledProfile: false,
  enabledDeployment: true,
  maxDeploy: 2,
  allowPublicDeploymentEndpoints: false,
  users: [{ id: 'alice' }, { id: 'bob' }],
  instanceTypes: [{ id: 'small' }],
  images: [],
  datasets: [],
};

function api() {
  return mockApi((c) => {
    if (c.query.includes('updateGroup') || c.query.includes('createGroup')) return { data: { item: { id: 'team' } } };
    if (c.query.includes('item: group')) return { data: { item: stored } };
    if (c.query.includes('users')) return { data: { items: [{ id: 'alice', username: 'alice' }, { id: 'bob', username: 'bob' }] } };
    return { data: { items: [] } };
  });
}

describe('group form', () => {
  it('refuses names the directory refuses', async () => {
    const user = userEvent.setup({ delay: null });
    api();
    renderRoute(<ResourceFormPage resource={groups} />, '/admin/groups/new');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'everyone');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('"everyone" is the group of all users')).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Name' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'team-');
    expect(await screen.findByText('Letters, digits, _ or -, starting and ending with a letter or digit')).toBeInTheDocument();
  });

  it('clears a quota with null, sends grants as sets and members as changes', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = api();
    renderRoute(<ResourceFormPage resource={groups} />, '/admin/groups/team', '/admin/groups/:id');
    const cpu = await screen.findByRole('spinbutton', { name: 'CPU per user (cores)' });
    expect(cpu).toHaveValue('2.0');
    await user.clear(cpu);
    // bob leaves: Backspace takes the last member out.
    await user.click(screen.getByRole('combobox', { name: 'Members' }));
    await user.keyboard('{Backspace}');
    await user.click(screen.getByRole('checkbox', { name: 'Deployments may have public endpoints' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.query.includes('updateGroup'))).toBe(true));
    const data = calls.find((c) => c.query.includes('updateGroup'))?.variables?.data as Record<string, unknown>;
    expect(data).toMatchObject({
      quotaCpu: null,
      quotaGpu: null,
      admins: 'alice',
      instanceTypes: { set: ['small'] },
      images: { set: [] },
      users: { disconnect: [{ id: 'bob' }] },
      enabledDeployment: true,
      maxDeploy: 2,
      allowPublicDeploymentEndpoints: true,
    });
    expect(data).not.toHaveProperty('name');
  });
});
