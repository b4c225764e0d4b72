import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResourceFormPage } from '../../components/Resource';
import { mockApi, renderRoute } from '../../test/render';
import { users } from './Users';

describe('user form', () => {
  it('refuses short passwords and sets a new one after saving the user', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) => {
      if (c.query.includes('item: user'))
        return { data: { item: { id: 'alice', username: 'alice', email: '', firstName: '', lastName: '', isAdmin: false, enabled: true, volumeCapacity: null, groups: [{ id: 'everyone' }, { id: 'team' }] } } };
      if (c.query.includes('mutation')) return { data: { x: { id: 'alice' } } };
      return { data: { items: [{ id: 'team', name: 'team' }] } };
    });
    renderRoute(<ResourceFormPage resource={users} />, '/admin/users/alice', '/admin/users/:id');
    const password = await screen.findByLabelText('New password');
    await user.type(password, 'short');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('A password needs at least 8 characters')).toBeInTheDocument();
    await user.type(password, '-but-long-now');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.query.includes('resetPassword'))).toBe(true));
    const mutations = calls.filter((c) => c.query.includes('mutation'));
    expect(mutations.map((c) => c.query.match(/\{\s*(\w+)\(/)?.[1])).toEqual(['updateUser', 'resetPassword']);
    // everyone is no membership to keep or drop; the password is not user data.
    expect(mutations[0].variables?.data).not.toHaveProperty('password');
    expect(mutations[0].variables?.data).toMatchObject({ groups: {} });
    expect(mutations[1].variables).toEqual({ id: 'alice', password: 'short-but-long-now' });
  });
});
