import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderRoute } from '../test/render';
import { MyGroupsPage } from './MyGroups';

const me = {
  id: 'alice',
  username: 'alice',
  isAdmin: false,
  effectiveGroups: [{ id: 'team', name: 'team', displayName: 'Team', admins: 'alice', instanceTypes: [], images: [], datasets: [] }],
};

const team = {
  id: 'team',
  users: [{ id: 'alice' }],
  groupImages: [],
  enabledSharedVolume: false,
  sharedVolumeCapacity: null,
  launchGroupOnly: null,
  jobDefaultActiveDeadlineSeconds: null,
};

describe('MyGroupsPage', () => {
  it("lets a group admin set the group's shared volume and default job time limit", async () => {
    const user = userEvent.setup({ delay: null });
    const calls = mockApi((c) => {
      if (c.query.includes('query Me')) return { data: { me } };
      if (c.query.includes('UpdateManagedGroup')) return { data: { updateGroup: { id: 'team' } } };
      return { data: { group: team } };
    });
    renderRoute(<MyGroupsPage />, '/my-groups');
    const form = await screen.findByRole('form', { name: 'Settings of team' });
    await user.click(within(form).getByRole('checkbox', { name: /Shared volume/ }));
    await user.type(within(form).getByRole('spinbutton', { name: /Default job time limit/ }), '3600');
    await user.click(within(form).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(calls.some((c) => c.query.includes('UpdateManagedGroup'))).toBe(true));
    expect(calls.find((c) => c.query.includes('UpdateManagedGroup'))?.variables).toEqual({
      where: { id: 'team' },
      data: { enabledSharedVolume: true, launchGroupOnly: true, jobDefaultActiveDeadlineSeconds: 3600 },
    });
  });
});
