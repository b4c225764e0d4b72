import { useQuery } from '@tanstack/react-query';
import { gql } from './api';
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
}

export const notebookFields = 'id name namespace user groupName instanceType image stopped phase reason message url createdAt';

/** Whether a notebook is where its spec wants it: no need to ask again soon. */
function settled(n: Notebook) {
  return n.phase === 'Failed' || (n.stopped ? n.phase === 'Stopped' : n.phase === 'Running');
}

/** The user's notebooks; asked again every 2 seconds while one is on its way somewhere. */
export function useMyNotebooks(username: string | undefined) {
  return useQuery({
    queryKey: ['notebooks', username],
    enabled: !!username,
    queryFn: () =>
      gql<{ notebooks: Notebook[] }>(`query Notebooks($where: NotebookWhereInput) { notebooks(where: $where) { ${notebookFields} } }`, {
        where: { user: username },
      }).then((d) => d.notebooks),
    refetchInterval: (q) => (q.state.data?.every(settled) ?? true ? false : 2000),
  });
}

/** What the user's notebooks in a group use: those not stopped count, as the quota counts their pods. */
export function usageIn(group: MyGroup, notebooks: Notebook[] | undefined): Usage {
  const sizes = (notebooks ?? [])
    .filter((n) => n.groupName === group.name && !n.stopped && n.phase !== 'Failed')
    .map((n) => group.instanceTypes?.find((it) => it.name === n.instanceType) ?? {});
  return usageOf(sizes);
}
