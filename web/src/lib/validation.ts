// Form rules that say what the API would refuse, in its words, before a round trip.
// They mirror internal/directory/validate.go and the CRD validation in api/v1beta1.
import type { Rule } from 'antd/es/form';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const groupName = /^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$/;
const username = /^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$/;

export const rules = {
  /** Names of Kubernetes objects: instance types, images, volumes, secrets, notebooks. */
  resourceName: [
    { required: true, message: 'A name is required' },
    { max: 63, message: 'At most 63 characters' },
    { pattern: dnsLabel, message: "Lowercase letters, digits or '-', starting and ending with a letter or digit" },
  ] satisfies Rule[],
  groupName: [
    { required: true, message: 'A name is required' },
    { max: 63, message: 'At most 63 characters' },
    { pattern: groupName, message: 'Letters, digits, _ or -, starting and ending with a letter or digit' },
    {
      validator: (_: unknown, v: string) =>
        v === 'everyone' ? Promise.reject(new Error('"everyone" is the group of all users')) : Promise.resolve(),
    },
  ] satisfies Rule[],
  username: [
    { required: true, message: 'A username is required' },
    { max: 255, message: 'At most 255 characters' },
    { pattern: username, message: 'Letters, digits or . _ @ + -, starting with a letter or digit' },
  ] satisfies Rule[],
  password: [{ min: 8, message: 'A password needs at least 8 characters' }] satisfies Rule[],
  email: [{ type: 'email', message: 'Not an email address' }] satisfies Rule[],
  displayName: [{ max: 256, message: 'At most 256 characters' }] satisfies Rule[],
  description: [{ max: 4096, message: 'At most 4096 characters' }] satisfies Rule[],
  absolutePath: [{ pattern: /^\//, message: 'An absolute path, starting with /' }] satisfies Rule[],
};

/** Empty strings and nulls out of a form's values: the API reads absent as "not set". */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as Partial<T>;
}

/** The connect and disconnect of a relation, from the ids it had to the ids it should have. */
export function relationChange(before: string[], after: string[]) {
  const connect = after.filter((id) => !before.includes(id)).map((id) => ({ id }));
  const disconnect = before.filter((id) => !after.includes(id)).map((id) => ({ id }));
  return { ...(connect.length ? { connect } : {}), ...(disconnect.length ? { disconnect } : {}) };
}

/** The ids of the groups a stored resource is granted to. */
export function groupIds(node: { groups?: { id: string }[] | null }): string[] {
  return (node.groups ?? []).map((g) => g.id);
}

/** The change to a resource's groups: all connected when new, else what the form changed. */
export function groupsInput(node: { groups?: { id: string }[] | null } | undefined, groups: string[]) {
  return node ? relationChange(groupIds(node), groups) : { connect: groups.map((id) => ({ id })) };
}

/** The lines of a text area that hold something, trimmed. */
export function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A rule that every line of a text area matches pattern, saying message when one does not. */
export function everyLine(pattern: RegExp, message: string) {
  return {
    validator: (_: unknown, text: string | undefined) => (lines(text).every((l) => pattern.test(l)) ? Promise.resolve() : Promise.reject(new Error(message))),
  };
}

/** NAME=value lines (env variables, node labels) as a map; a value may hold '='. */
export function parseVariables(text: string): Record<string, string> {
  return Object.fromEntries(
    lines(text).map((l) => {
      const i = l.indexOf('=');
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
}
