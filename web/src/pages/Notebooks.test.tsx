import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { mockApi, renderRoute } from '../test/render';
import { NotebooksPage } from './Notebooks';

const notebook = (name: string, phase: string) => ({
  id: `primehub/${name}`,
  name,
  namespace: 'primehub',
  user: 'alice',
  groupName: 'team',
  instanceType: 'cpu-1',
  image: 'base',
  stopped: false,
  phase,
  reason: null,
  message: null,
  url: null,
  createdAt: '2026-01-01T00:00:00Z',
  events: [
    { type: 'Normal', reason: 'Pending', message: 'waiting for its pod', object: 'Notebook' },
    { type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes are available: 3 Insufficient cpu.', object: 'Pod' },
  ],
});

describe('notebooks', () => {
  it('shows how a launch goes from its events, until it runs', async () => {
    mockApi((c) => {
      if (c.query.includes('notebooks')) {
        return { data: { notebooks: [notebook('waiting', 'Pending'), notebook('ready', 'Running')] } };
      }
      return { data: { me: { id: 'alice', username: 'alice', isAdmin: false, groups: [], effectiveGroups: [] } } };
    });
    renderRoute(<NotebooksPage />, '/notebooks');
    const events = await screen.findByRole('list', { name: 'events of waiting' });
    expect(within(events).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Notebook Pending: waiting for its pod',
      'Pod FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.',
    ]);
    expect(screen.queryByRole('list', { name: 'events of ready' })).toBeNull();
  });
});
