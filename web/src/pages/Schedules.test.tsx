import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderConsole as render } from '../test/render';
import { ScheduleForm } from './Schedules';
import type { MyGroup } from '../lib/me';

const team: MyGroup = {
  id: 'team',
  name: 'team',
  instanceTypes: [{ id: 'small', name: 'small', cpuLimit: 1, memoryLimit: 1 }],
  images: [{ id: 'base', name: 'base', type: 'both' }],
  datasets: [],
};

const nightly = {
  id: 'nightly',
  displayName: null,
  groupName: 'team',
  instanceType: { id: 'small', name: 'small' },
  image: 'base',
  command: 'x',
  recurrence: { type: 'daily', cron: null },
  nextRunTime: null,
  lastRunTime: null,
  forbidConcurrent: false,
  activeDeadlineSeconds: null,
  invalid: false,
  message: null,
};

describe('ScheduleForm', () => {
  it('asks for a cron expression of five fields when the recurrence is custom', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    render(<ScheduleForm groups={[team]} onSubmit={onSubmit} />);
    await user.click(screen.getByRole('radio', { name: /small/ }));
    await user.click(screen.getByRole('combobox', { name: 'Image' }));
    await user.click(await screen.findByTitle('base'));
    await user.type(screen.getByRole('textbox', { name: 'Command' }), 'python nightly.py');
    await user.click(screen.getByRole('combobox', { name: 'Recurrence' }));
    await user.click(await screen.findByTitle('Custom (cron)'));
    await user.type(screen.getByRole('textbox', { name: 'Cron expression' }), '0 4 * *');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Five fields, separated by spaces')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Cron expression' }), ' 1-5');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ groupName: 'team', recurrenceType: 'custom', cron: '0 4 * * 1-5', command: 'python nightly.py' })),
    );
  });

  it('keeps the group of a schedule that exists', () => {
    render(
      <ScheduleForm
        groups={[team, { ...team, id: 'other', name: 'other' }]}
        schedule={nightly}
        onSubmit={() => {}}
      />,
    );
    expect(screen.getByRole('combobox', { name: 'Group' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: /small/ })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
  });
});
