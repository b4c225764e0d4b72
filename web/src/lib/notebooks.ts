import { useQuery } from '@tanstack/react-query';
import { request } from './api';
import { graphql } from '../gql';
import type { MyGroup } from './me';
import { usageOf, type Usage } from './quota';

export interface Notebook {
  id: string;
  name: string;
  namespace: string;
  user: string;
  groupName: string;
  instanceType: string;
  image: string;
  stopped: boolean;
  phase?: string | null;
  reason?: string | null;
  message?: string | null;
  url?: string | null;
  createdAt: string;
  /** What happened to the notebook and its pod, oldest first. */
  events?: NotebookEvent[];
}

export interface NotebookEvent {
  type: string;
  reason: string;
  message: string;
  object: string;
}

const myNotebooks = graphql(`
  query MyNotebooks($where: NotebookWhereInput) {
    notebooks(where: $where) {
      id name namespace user groupName instanceType image stopped phase reason message url createdAt
      events { type reason message object }
    }
  }
`);

/** Whether a notebook is where its spec wants it: no need to ask again soon. */
function settled(n: Notebook) {
  return n.phase === 'Failed' || (n.stopped ? n.phase === 'Stopped' : n.phase === 'Running');
}

/** The user's notebooks; asked again every 2 seconds while one is on its way somewhere. */
export function useMyNotebooks(username: string | undefined) {
  return useQuery({
    queryKey: ['notebooks', username],
    enabled: !!username,
    // Typed as Notebook: what the schema answers must be what the pages read.
    queryFn: () => request(myNotebooks, { where: { user: username } }).then((d) => d.notebooks.flatMap((n): Notebook[] => (n ? [n] : []))),
    refetchInterval: (q) => (q.state.data?.every(settled) ?? true ? false : 2000),
  });
}

/** A job as far as the quota goes. */
export interface JobUse {
  groupName?: string | null;
  instanceType?: string | null;
  phase?: string | null;
}

/** Jobs whose pods run: queued ones wait for quota, finished ones freed theirs. */
const jobRuns = new Set(['Preparing', 'Running']);

/**
 * What the user runs in a group: notebooks not stopped and jobs whose pods run count, as the
 * quota counts their pods.
 */
export function usageIn(group: MyGroup, notebooks: Notebook[] | undefined, jobs: JobUse[] = []): Usage {
  const running = [
    ...(notebooks ?? []).filter((n) => n.groupName === group.name && !n.stopped && n.phase !== 'Failed'),
    ...jobs.filter((j) => j.groupName === group.name && jobRuns.has(j.phase ?? '')),
  ];
  return usageOf(running.map((r) => group.instanceTypes?.find((it) => it.name === r.instanceType) ?? {}));
}

const myJobs = graphql(`
  query MyJobs {
    phJobs(where: { mine: true }) { groupName instanceType { name } phase }
  }
`);

/** The user's jobs whose pods may run now, for their usage. */
export function useMyRunningJobs() {
  return useQuery({
    queryKey: ['phJobs', 'mine', 'usage'],
    queryFn: () =>
      request(myJobs).then((d) =>
        d.phJobs.flatMap((j): JobUse[] => (j && jobRuns.has(j.phase ?? '') ? [{ groupName: j.groupName, instanceType: j.instanceType?.name, phase: j.phase }] : [])),
      ),
  });
}
