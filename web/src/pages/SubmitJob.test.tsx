import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderConsole as render } from '../test/render';
import { JobForm } from './SubmitJob';
import type { MyGroup } from '../lib/me';

const team: MyGroup = {
  id: 'team',
  name: 'team',
  quotaCpu: 2,
  instanceTypes: [
    { id: 'small', name: 'small', cpuLimit: 1, memoryLimit: 1 },
    { id: 'huge', name: 'huge', cpuLimit: 8, memoryLimit: 8 },
  ],
  images: [{ id: 'base', name: 'base', type: 'both' }],
  datasets: [],
};

describe('JobForm', () => {
  it('disables what can never fit the quota, requires a command, and submits', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    render(<JobForm groups={[team]} onSubmit={onSubmit} />);
    expect(screen.getByRole('radio', { name: /huge/ })).toBeDisabled();
    expect(screen.getByText('Needs 8 CPU; your quota in team is 2 CPU')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /small/ }));
    await user.click(screen.getByRole('combobox', { name: 'Image' }));
    await user.click(await screen.findByTitle('base'));
    await user.type(screen.getByRole('textbox', { name: 'Command' }), '   ');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('A command is required')).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Command' }));
    await user.type(screen.getByRole('textbox', { name: 'Command' }), 'python train.py');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ groupName: 'team', instanceType: 'small', image: 'base', command: 'python train.py' })),
    );
  });
});
