import { useQuery } from '@tanstack/react-query';
import { request } from './api';
import { graphql } from '../gql';
import type { MeQuery } from '../gql/graphql';
import type { GroupQuota } from './quota';

// The shapes below are the Me query's answer, generated from the schema by `make generate`,
// so a change of the schema that breaks the console fails tsc. Only the lists' elements are
// taken as present (the API answers no null groups or resources), and all but an object's
// id and name may be left out (as tests' fixtures do).
type MeAnswer = NonNullable<MeQuery['me']>;
type Element<L> = NonNullable<L> extends readonly (infer E)[] ? NonNullable<E> : never;
type Loose<T extends { id: string; name: string }> = Pick<T, 'id' | 'name'> & Partial<T>;
type GroupAnswer = Element<MeAnswer['effectiveGroups']>;

export type InstanceType = Loose<Element<GroupAnswer['instanceTypes']>>;
export type Image = Loose<Element<GroupAnswer['images']>>;
export type Dataset = Loose<Element<GroupAnswer['datasets']>>;

export interface MyGroup extends Loose<Omit<GroupAnswer, 'instanceTypes' | 'images' | 'datasets'>>, GroupQuota {
  instanceTypes: InstanceType[] | null;
  images: Image[] | null;
  datasets: Dataset[] | null;
}

export interface Me extends Omit<MeAnswer, 'effectiveGroups'> {
  effectiveGroups: MyGroup[] | null;
}

export const meQuery = graphql(`query Me {
  me {
    id username email firstName lastName isAdmin
    effectiveGroups {
      id name displayName admins enabledDeployment allowPublicDeploymentEndpoints
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
  return useQuery({ queryKey: ['me'], queryFn: () => request(meQuery).then((d) => d.me as Me) });
}

/** The groups a user administers. */
export function adminOf(me: Me): MyGroup[] {
  return (me.effectiveGroups ?? []).filter((g) => (g.admins ?? '').split(',').includes(me.username));
}
