import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderRoute } from '../test/render';
import { ConnectionTable } from './ConnectionTable';
import { groups } from '../pages/admin/Groups';
import { users } from '../pages/admin/Users';

/** Waits until the table shows its page, no longer dimmed: clicks do not reach it before. */
const loaded = () => waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());

const page = (names: string[], currentPage: number, totalPage: number) => ({
  data: { list: { pageInfo: { currentPage, totalPage }, edges: names.map((n) => ({ node: { id: n, name: n, username: n } })) } },
});

describe('ConnectionTable', () => {
  it('asks the API for pages, orders and searches', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) => page(c.variables?.page === 2 ? ['g11'] : ['g1', 'g2'], Number(c.variables?.page), 2));
    renderRoute(<ConnectionTable spec={groups.list} columns={groups.columns} label="groups" />, '/');
    expect(await screen.findByRole('cell', { name: 'g1' })).toBeInTheDocument();
    expect(calls[0].query).toBe(groups.list.document.toString());
    expect(calls[0].variables).toEqual({ page: 1, where: {} });

    await loaded();
    await user.click(screen.getByRole('listitem', { name: '2' }));
    expect(await screen.findByRole('cell', { name: 'g11' })).toBeInTheDocument();

    // Sorting goes back to the first page; a second click sorts descending.
    await loaded();
    const name = screen.getByRole('columnheader', { name: /Name/ });
    await user.click(within(name).getByText('Name'));
    await waitFor(() => expect(calls.at(-1)?.variables).toEqual({ page: 1, where: {}, order: { name: 'asc' } }));
    await loaded();
    await user.click(within(name).getByText('Name'));
    await waitFor(() => expect(calls.at(-1)?.variables).toEqual({ page: 1, where: {}, order: { name: 'desc' } }));

    await loaded();
    await user.type(screen.getByRole('searchbox', { name: 'Search groups' }), 'tea{Enter}');
    await waitFor(() => expect(calls.at(-1)?.variables).toMatchObject({ page: 1, where: { search: 'tea' } }));
  });

  it('orders users the way their API takes it', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi(() => page(['alice'], 1, 1));
    renderRoute(<ConnectionTable spec={users.list} columns={users.columns} label="users" />, '/');
    await screen.findByRole('cell', { name: 'alice' });
    expect(calls[0].query).toContain('userOrderBy: $order');
    await user.click(within(screen.getByRole('columnheader', { name: /Email/ })).getByText('Email'));
    await waitFor(() => expect(calls.at(-1)?.variables).toEqual({ page: 1, where: {}, order: { field: 'email' } }));
  });
});
