import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderRoute } from '../../test/render';
import { NotebooksAdminPage } from './Notebooks';

const running = {
  id: 'primehub/jupyter-alice',
  name: 'jupyter-alice',
  user: 'alice',
  groupName: 'team',
  instanceType: 'gpu-1',
  runningSince: '2026-01-02T03:04:05Z',
};

describe('NotebooksAdminPage', () => {
  it('lists running notebooks with their owner, group, instance type and start, and stops one', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) =>
      c.query.includes('stopNotebook')
        ? { data: { stopNotebook: { id: running.id, stopped: true } } }
        : { data: { list: { pageInfo: { currentPage: 1, totalPage: 1 }, edges: [{ node: running }] } } },
    );
    renderRoute(<NotebooksAdminPage />, '/admin/notebooks');
    const row = (await screen.findByRole('cell', { name: 'primehub/jupyter-alice' })).closest('tr')!;
    expect(calls[0].variables).toMatchObject({ page: 1, where: { phase: 'Running' } });
    for (const text of ['alice', 'team', 'gpu-1']) {
      expect(within(row).getByRole('cell', { name: text })).toBeInTheDocument();
    }
    expect(within(row).getByText(new Date(running.runningSince).toLocaleString())).toHaveAttribute('datetime', running.runningSince);

    await user.click(within(row).getByRole('button', { name: 'Stop jupyter-alice of alice' }));
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(calls.some((c) => c.query.includes('stopNotebook'))).toBe(true));
    const stop = calls.find((c) => c.query.includes('stopNotebook'))!;
    expect(stop.variables).toEqual({ where: { id: 'primehub/jupyter-alice' } });
  });
});
