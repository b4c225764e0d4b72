import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { renderConsole as render } from '../test/render';
import userEvent from '@testing-library/user-event';
import { LaunchForm } from './LaunchNotebook';
import type { MyGroup } from '../lib/me';
import type { Notebook } from '../lib/notebooks';

const team: MyGroup = {
  id: 'team',
  name: 'team',
  displayName: 'Team',
  quotaCpu: 2,
  quotaGpu: 0,
  instanceTypes: [
    { id: 'small', name: 'small', displayName: 'Small', cpuLimit: 1, memoryLimit: 1, gpuLimit: 0 },
    { id: 'large', name: 'large', displayName: 'Large', cpuLimit: 4, memoryLimit: 8, gpuLimit: 0 },
    { id: 'gpu', name: 'gpu', displayName: 'GPU', cpuLimit: 1, memoryLimit: 4, gpuLimit: 1 },
  ],
  images: [
    { id: 'base', name: 'base', displayName: 'Base', type: 'cpu' },
    { id: 'cuda', name: 'cuda', displayName: 'CUDA', type: 'gpu' },
  ],
  datasets: [{ id: 'data', name: 'data', writable: false }],
};

describe('LaunchForm', () => {
  it('disables instance types over quota and says why', () => {
    render(<LaunchForm groups={[team]} notebooks={[]} onSubmit={() => {}} />);
    expect(screen.getByRole('radio', { name: /Small/ })).toBeEnabled();
    expect(screen.getByRole('radio', { name: /Large/ })).toBeDisabled();
    expect(screen.getByText('Needs 4 CPU; your quota in Team is 2 CPU')).toBeVisible();
    expect(screen.getByRole('radio', { name: /GPU/ })).toBeDisabled();
    expect(screen.getByText('Needs 1 GPU; your quota in Team is 0 GPU')).toBeVisible();
  });

  it('counts the running notebooks of the group against the quota', () => {
    const running: Notebook[] = [1, 2].map((i) => ({
      id: `primehub/nb${i}`,
      name: `nb${i}`,
      namespace: 'primehub',
      user: 'alice',
      groupName: 'team',
      instanceType: 'small',
      image: 'base',
      stopped: false,
      phase: 'Running',
      createdAt: '2026-01-01T00:00:00Z',
    }));
    render(<LaunchForm groups={[team]} notebooks={running} onSubmit={() => {}} />);
    expect(screen.getByRole('radio', { name: /Small/ })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /Small/ }).closest('label')).toHaveTextContent(
      'Needs 1 CPU; your quota in Team is 2 CPU and 2 CPU in use',
    );
  });

  it('counts the running jobs too, not the queued or finished ones', () => {
    const jobs = [
      { groupName: 'team', instanceType: 'small', phase: 'Running' },
      { groupName: 'team', instanceType: 'large', phase: 'Pending' },
      { groupName: 'team', instanceType: 'large', phase: 'Succeeded' },
      { groupName: 'other', instanceType: 'small', phase: 'Running' },
    ];
    render(<LaunchForm groups={[team]} notebooks={[]} jobs={jobs} onSubmit={() => {}} />);
    expect(screen.getByRole('radio', { name: /Small/ })).toBeEnabled();
    expect(screen.getByRole('radio', { name: /Large/ }).closest('label')).toHaveTextContent(
      'Needs 4 CPU; your quota in Team is 2 CPU and 1 CPU in use',
    );
  });

  it('requires an instance type and an image, then launches with them', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    render(<LaunchForm groups={[team]} notebooks={[]} onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Launch' }));
    expect(await screen.findByText('An instance type is required')).toBeInTheDocument();
    expect(await screen.findByText('An image is required')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: /Small/ }));
    await user.click(screen.getByRole('combobox', { name: 'Image' }));
    // A CPU instance type offers CPU images only.
    // (Ant Design's visible options are titled; its role=option ones are for screen readers.)
    await user.click(await screen.findByTitle('Base'));
    expect(screen.queryByTitle('CUDA')).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Notebook name' }), 'Bad_Name');
    await user.click(screen.getByRole('button', { name: 'Launch' }));
    expect(await screen.findByText("Lowercase letters, digits or '-', starting and ending with a letter or digit")).toBeInTheDocument();

    await user.clear(screen.getByRole('textbox', { name: 'Notebook name' }));
    await user.click(screen.getByRole('button', { name: 'Launch' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ groupName: 'team', instanceType: 'small', image: 'base', name: '' }));
  });

  it('shows the API error', () => {
    render(<LaunchForm groups={[team]} notebooks={[]} onSubmit={() => {}} error="USER alice exceeded cpu quota: 2, requesting 4" />);
    expect(screen.getByRole('alert')).toHaveTextContent('USER alice exceeded cpu quota: 2, requesting 4');
  });
});
