import { useQuery } from '@tanstack/react-query';
import { gql } from './api';
import { graphql } from '../gql';
import type { GroupQuota } from './quota';

export interface InstanceType {
  id: string;
  name: string;
  displayName?: string | null;
  description?: string | null;
  cpuLimit?: number | null;
  memoryLimit?: number | null;
  gpuLimit?: number | null;
}

export interface Image {
  id: string;
  name: string;
  displayName?: string | null;
  description?: string | null;
  type?: string | null;
  groupName?: string | null;
}

export interface Dataset {
  id: string;
  name: string;
  displayName?: string | null;
  writable?: boolean | null;
}

export interface MyGroup extends GroupQuota {
  id: string;
  userVolumeCapacity?: number | null;
  admins?: string | null;
  instanceTypes: InstanceType[] | null;
  images: Image[] | null;
  datasets: Dataset[] | null;
  /** What all the group's pods use now (cores, GB, GPUs as strings, as the API answers). */
  resourceStatus?: { cpuUsage?: string | null; memUsage?: string | null; gpuUsage?: string | null } | null;
}

export interface Me {
  id: string;
  username: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  isAdmin: boolean;
  effectiveGroups: MyGroup[] | null;
}

export const meQuery = graphql(`query Me {
  me {
    id username email firstName lastName isAdmin
    effectiveGroups {
      id name displayName admins
      quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory userVolumeCapacity
      resourceStatus { cpuUsage memUsage gpuUsage }
      instanceTypes { id name displayName description cpuLimit memoryLimit gpuLimit }
      images { id name displayName description type groupName }
      datasets { id name displayName writable }
    }
  }
}`);

/** Who is logged in, with the groups they may launch in and what each grants. */
export function useMe() {
  // graphql() checks the query against the schema; its answer is read as Me, which takes
  // the lists' elements as present (the API answers no null groups or resources).
  return useQuery({ queryKey: ['me'], queryFn: () => gql<{ me: Me }>(meQuery.toString()).then((d) => d.me) });
}

/** The groups a user administers. */
export function adminOf(me: Me): MyGroup[] {
  return (me.effectiveGroups ?? []).filter((g) => (g.admins ?? '').split(',').includes(me.username));
}
