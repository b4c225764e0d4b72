// Which instance types a user may launch now, by the group's quotas (PrimeHub's rules:
// per user in the group, then the group's total; an empty quota is no limit).

export interface Size {
  cpuLimit?: number | null;
  memoryLimit?: number | null;
  gpuLimit?: number | null;
}

export interface GroupQuota {
  name: string;
  displayName?: string | null;
  quotaCpu?: number | null;
  quotaGpu?: number | null;
  quotaMemory?: number | null;
  projectQuotaCpu?: number | null;
  projectQuotaGpu?: number | null;
  projectQuotaMemory?: number | null;
}

export interface Usage {
  cpu: number;
  memory: number;
  gpu: number;
}

export const noUsage: Usage = { cpu: 0, memory: 0, gpu: 0 };

const resources = [
  { key: 'cpu', size: 'cpuLimit', user: 'quotaCpu', group: 'projectQuotaCpu', unit: (n: number) => `${n} CPU` },
  { key: 'gpu', size: 'gpuLimit', user: 'quotaGpu', group: 'projectQuotaGpu', unit: (n: number) => `${n} GPU` },
  { key: 'memory', size: 'memoryLimit', user: 'quotaMemory', group: 'projectQuotaMemory', unit: (n: number) => `${n} GB memory` },
] as const;

/** Adds sizes up: what notebooks running at once use. */
export function usageOf(sizes: Size[]): Usage {
  return sizes.reduce<Usage>(
    (u, s) => ({ cpu: u.cpu + (s.cpuLimit ?? 0), memory: u.memory + (s.memoryLimit ?? 0), gpu: u.gpu + (s.gpuLimit ?? 0) }),
    noUsage,
  );
}

/**
 * Why an instance type cannot be launched in the group now, or undefined when it can.
 * used is what the user already runs in the group.
 */
export function overQuotaReason(it: Size, group: GroupQuota, used: Usage = noUsage): string | undefined {
  const name = group.displayName || group.name;
  for (const r of resources) {
    const need = it[r.size] ?? 0;
    if (need <= 0) continue;
    const perUser = group[r.user];
    if (perUser != null && need > perUser - used[r.key]) {
      const inUse = used[r.key] > 0 ? ` and ${r.unit(round(used[r.key]))} in use` : '';
      return `Needs ${r.unit(need)}; your quota in ${name} is ${r.unit(perUser)}${inUse}`;
    }
    const total = group[r.group];
    if (total != null && need > total) {
      return `Needs ${r.unit(need)}; the quota of all of ${name} is ${r.unit(total)}`;
    }
  }
  return undefined;
}

function round(n: number) {
  return Math.round(n * 100) / 100;
}
