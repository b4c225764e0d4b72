import { useQuery } from '@tanstack/react-query';
import { request } from './api';
import { graphql } from '../gql';
import type { MyAppsQuery, AppTemplatesQuery } from '../gql/graphql';

type Element<L> = NonNullable<L> extends readonly (infer E)[] ? NonNullable<E> : never;
export type PhApplication = Element<MyAppsQuery['phApplications']>;
export type AppTemplate = Element<AppTemplatesQuery['phAppTemplates']>;

const myApps = graphql(`
  query MyApps {
    phApplications {
      id displayName appName groupName userName instanceType scope appUrl svcEndpoints stop status message
      pods { name logEndpoint }
    }
  }
`);

const appTemplates = graphql(`
  query AppTemplates {
    phAppTemplates {
      id name description version docLink icon
      defaultEnvs { name description defaultValue optional }
    }
  }
`);

/** Whether an application is where its spec wants it: no need to ask again soon. */
function settled(a: PhApplication) {
  return a.status === 'Error' || (a.stop ? a.status === 'Stopped' : a.status === 'Ready');
}

/** The applications of the user's groups; asked again every 2 seconds while one is on its way. */
export function useMyApps() {
  return useQuery({
    queryKey: ['apps'],
    queryFn: () => request(myApps).then((d) => d.phApplications.flatMap((a): PhApplication[] => (a ? [a] : []))),
    refetchInterval: (q) => (q.state.data?.every(settled) ?? true ? false : 2000),
  });
}

/** The templates administrators published. */
export function useAppTemplates() {
  return useQuery({
    queryKey: ['appTemplates'],
    queryFn: () => request(appTemplates).then((d) => d.phAppTemplates.flatMap((t): AppTemplate[] => (t ? [t] : []))),
  });
}

let appOrigin: Promise<string> | undefined;

/**
 * The applications' own origin (console config appUrl), where the console's tokens never go;
 * empty when their web UIs are not served.
 */
export function useAppOrigin() {
  appOrigin ??= fetch('/console/config.json')
    .then((res) => (res.ok ? (res.json() as Promise<{ appUrl?: string }>) : { appUrl: '' }))
    .then((cfg) => cfg.appUrl ?? '')
    .catch(() => '');
  return useQuery({ queryKey: ['appOrigin'], queryFn: () => appOrigin!, staleTime: Infinity });
}
