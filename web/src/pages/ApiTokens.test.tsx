import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderRoute } from '../test/render';
import { ApiTokensPage } from './ApiTokens';

describe('API tokens', () => {
  it('shows a new token once, then lists it by name only', async () => {
    const user = userEvent.setup({ delay: null });
    const tokens: { id: string; name: string; createdAt: string; lastUsedAt: null }[] = [];
    mockApi((c) => {
      if (c.query.includes('createApiToken')) {
        tokens.push({ id: 't1', name: String(c.variables?.name), createdAt: '2026-01-01T00:00:00Z', lastUsedAt: null });
        return { data: { createApiToken: { token: 'phat_secretvalue' } } };
      }
      return { data: { me: { id: 'alice', apiTokens: tokens } } };
    });
    renderRoute(<ApiTokensPage />, '/api-tokens');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('A name is required')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Token name' }), 'laptop');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your new API token' });
    expect(dialog).toHaveTextContent('phat_secretvalue');
    expect(dialog).toHaveTextContent('Copy it now: it is not shown again.');
    await user.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByText('phat_secretvalue')).toBeNull());
    expect(await screen.findByRole('cell', { name: 'laptop' })).toBeInTheDocument();
  });
});
