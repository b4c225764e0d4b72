// Selects over what the API lists in full: groups, users, and a group's grants.
import { Select, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { request } from '../lib/api';
import { graphql } from '../gql';
import type { TypedDocumentString } from '../gql/graphql';

type PickerProps = Omit<SelectProps<string[]>, 'options' | 'mode'>;

interface Named {
  id: string;
  name?: string;
  username?: string;
  displayName?: string | null;
}

type ItemsQuery = TypedDocumentString<{ items: ReadonlyArray<Named | null> }, Record<string, never>>;

const groupsQuery = graphql(`
  query PickGroups {
    items: groups { id name displayName }
  }
`);
const usersQuery = graphql(`
  query PickUsers {
    items: users { id username }
  }
`);
const instanceTypesQuery = graphql(`
  query PickInstanceTypes {
    items: instanceTypes { id name displayName }
  }
`);
const imagesQuery = graphql(`
  query PickImages {
    items: images { id name displayName }
  }
`);
const datasetsQuery = graphql(`
  query PickDatasets {
    items: datasets { id name displayName }
  }
`);
const secretsQuery = graphql(`
  query PickSecrets {
    items: secrets { id name displayName type }
  }
`);

function useOptions(key: string, query: ItemsQuery) {
  const { data, isLoading } = useQuery({ queryKey: [key, 'all'], queryFn: () => request(query, {}) });
  const options = (data?.items ?? []).flatMap((n) => (n ? [n] : [])).map((n) => ({
    value: n.id,
    label: n.displayName && n.displayName !== (n.name ?? n.username) ? `${n.displayName} (${n.id})` : n.id,
  }));
  return { options, loading: isLoading };
}

function MultiPicker({ source, query, ...props }: PickerProps & { source: string; query: ItemsQuery }) {
  const { options, loading } = useOptions(source, query);
  return <Select<string[]> mode="multiple" allowClear optionFilterProp="label" {...props} options={options} loading={loading} />;
}

export const GroupsPicker = (p: PickerProps) => (
  // everyone is granted by "global", not as a group.
  <MultiPicker source="groups" query={groupsQuery} {...p} />
);
export const UsersPicker = (p: PickerProps) => <MultiPicker source="users" query={usersQuery} {...p} />;
export const InstanceTypesPicker = (p: PickerProps) => (
  <MultiPicker source="instanceTypes" query={instanceTypesQuery} {...p} />
);
export const ImagesPicker = (p: PickerProps) => (
  <MultiPicker source="images" query={imagesQuery} {...p} />
);
export const DatasetsPicker = (p: PickerProps) => (
  <MultiPicker source="datasets" query={datasetsQuery} {...p} />
);

/** One secret: image pull secrets (dockerconfigjson) or the others (opaque). */
export function SecretPicker({ pull, ...props }: Omit<SelectProps<string>, 'options' | 'mode'> & { pull: boolean }) {
  const { data, isLoading } = useQuery({
    queryKey: ['secrets', 'all'],
    queryFn: () => request(secretsQuery),
  });
  const options = (data?.items ?? [])
    .flatMap((s) => (s ? [s] : []))
    .filter((s) => (s.type === 'kubernetes') === pull)
    .map((s) => ({ value: s.id, label: s.displayName && s.displayName !== s.name ? `${s.displayName} (${s.name})` : s.name }));
  return <Select<string> allowClear showSearch={{ optionFilterProp: 'label' }} {...props} options={options} loading={isLoading} />;
}
