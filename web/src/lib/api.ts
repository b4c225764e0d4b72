// A small GraphQL client: POST /api/graphql with the logged-in user's id_token as Bearer.
// The API takes no cookie (CSRF), so the token is sent by hand on each request.
import type { TypedDocumentString } from '../gql/graphql';

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** An error the API answered, with its message for people and its code for code. */
export class ApiError extends Error {
  readonly errors: GraphQLErrorEntry[];
  readonly code?: string;

  constructor(errors: GraphQLErrorEntry[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'ApiError';
    this.errors = errors;
    this.code = errors[0]?.extensions?.code;
  }
}

let tokenSource: () => string | undefined = () => undefined;
let onUnauthenticated: () => void = () => {};

/** Tells the client where the token comes from and what to do when it is refused. */
export function configureApi(token: () => string | undefined, unauthenticated: () => void) {
  tokenSource = token;
  onUnauthenticated = unauthenticated;
}

/** fetch with the user's token, for the API's other endpoints (job logs). */
export function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const token = tokenSource();
  return fetch(url, { ...init, headers: { ...init.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
}

export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const token = tokenSource();
  const res = await fetch('/api/graphql', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  if (res.status === 401) {
    onUnauthenticated();
    throw new ApiError([{ message: 'Your session has ended; logging in again.', extensions: { code: 'UNAUTHENTICATED' } }]);
  }
  let body: { data?: T; errors?: GraphQLErrorEntry[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError([{ message: `The API answered ${res.status} ${res.statusText}` }]);
  }
  if (body.errors?.length) {
    throw new ApiError(body.errors);
  }
  if (!res.ok || body.data === undefined) {
    throw new ApiError([{ message: `The API answered ${res.status} ${res.statusText}` }]);
  }
  return body.data;
}

/**
 * Runs an operation written with graphql() (src/gql, made by `npm run codegen` from the
 * API's schema): its variables and answer are typed as the schema says.
 */
export function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  return gql<R>(document.toString(), variables as Record<string, unknown> | undefined);
}

/** The message to show for any error a request ended with. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
