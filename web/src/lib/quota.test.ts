import { describe, expect, it } from 'vitest';
import { overQuotaReason, usageOf } from './quota';

const team = { name: 'team', displayName: 'Team', quotaCpu: 2, quotaGpu: 0, quotaMemory: null, projectQuotaCpu: 8, projectQuotaMemory: 4 };

describe('overQuotaReason', () => {
  it('lets through what fits, and everything without quotas', () => {
    expect(overQuotaReason({ cpuLimit: 2, memoryLimit: 4 }, team)).toBeUndefined();
    expect(overQuotaReason({ cpuLimit: 64, gpuLimit: 8 }, { name: 'free' })).toBeUndefined();
  });
  it('names the per-user quota first', () => {
    expect(overQuotaReason({ cpuLimit: 4 }, team)).toBe('Needs 4 CPU; your quota in Team is 2 CPU');
    expect(overQuotaReason({ cpuLimit: 1, gpuLimit: 1 }, team)).toBe('Needs 1 GPU; your quota in Team is 0 GPU');
  });
  it('counts what the user already runs', () => {
    const used = usageOf([{ cpuLimit: 1.5, memoryLimit: 1 }]);
    expect(overQuotaReason({ cpuLimit: 1 }, team, used)).toBe('Needs 1 CPU; your quota in Team is 2 CPU and 1.5 CPU in use');
    expect(overQuotaReason({ cpuLimit: 0.5 }, team, used)).toBeUndefined();
  });
  it('then the group total', () => {
    expect(overQuotaReason({ cpuLimit: 1, memoryLimit: 8 }, team)).toBe('Needs 8 GB memory; the quota of all of Team is 4 GB memory');
  });
});
