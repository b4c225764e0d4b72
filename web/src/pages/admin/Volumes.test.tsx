import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResourceFormPage } from '../../components/Resource';
import { mockApi, renderRoute } from '../../test/render';
import { parseVariables } from '../../lib/validation';
import { volumes } from './Volumes';

describe('volumes', () => {
  it('parses variables, keeping = in values', () => {
    expect(parseVariables('A=1\n\n  B=x=y  \n')).toEqual({ A: '1', B: 'x=y' });
  });

  it('creates an env volume with its variables and nothing of the other types', async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) => (c.query.includes('createDataset') ? { data: { createDataset: { id: 'cfg' } } } : { data: { items: [] } }));
    renderRoute(<ResourceFormPage resource={volumes} />, '/admin/volumes/new');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'cfg');
    await user.click(screen.getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByTitle('Environment variables'));
    await user.type(screen.getByRole('textbox', { name: 'Variables' }), 'not a variable');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Each line must be NAME=value, NAME of letters, digits and _')).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Variables' }));
    await user.type(screen.getByRole('textbox', { name: 'Variables' }), 'TOKEN=abc');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(calls.some((c) => c.query.includes('createDataset'))).toBe(true));
    const data = calls.find((c) => c.query.includes('createDataset'))?.variables?.data;
    expect(data).toMatchObject({ name: 'cfg', type: 'env', variables: { TOKEN: 'abc' }, groups: { connect: [] } });
    expect(data).not.toHaveProperty('volumeSize');
  });
});
