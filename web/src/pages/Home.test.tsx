import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { mockApi, renderRoute } from '../test/render';
import { HomePage } from './Home';

describe('home', () => {
  it("shows a group's total use by all its members beside its quota", async () => {
    mockApi((c) => {
      if (c.query.includes('notebooks')) return { data: { notebooks: [] } };
      if (c.query.includes('phJobs')) return { data: { phJobs: [] } };
      return {
        data: {
          me: {
            id: 'alice', username: 'alice', isAdmin: false,
            effectiveGroups: [{
              id: 'team', name: 'team', displayName: 'Team', admins: '',
              quotaCpu: 2, quotaGpu: null, quotaMemory: null, projectQuotaCpu: 10, projectQuotaGpu: 4, projectQuotaMemory: 20,
              resourceStatus: { cpuUsage: '2.5', memUsage: '4', gpuUsage: '0' },
              instanceTypes: [], images: [], datasets: [],
            }],
          },
        },
      };
    });
    renderRoute(<HomePage />, '/');
    expect(await screen.findByText('2.5 of 10 cores')).toBeInTheDocument();
    expect(screen.getByText('4 of 20 GB')).toBeInTheDocument();
    expect(screen.getByText('0 of 4 GPUs')).toBeInTheDocument();
  });
});
