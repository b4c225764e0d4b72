// Selects over what the API lists in full: groups, users, and a group's grants.
import { Select, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { gql } from '../lib/api';

type PickerProps = Omit<SelectProps<string[]>, 'options' | 'mode'>;

interface Named {
  id: string;
  name?: string;
  username?: string;
  displayName?: string | null;
}

function useOptions(key: string, query: string) {
  const { data, isLoading } = useQuery({ queryKey: [key, 'all'], queryFn: () => gql<{ items: Named[] }>(query) });
  const options = (data?.items ?? []).map((n) => ({
    value: n.id,
    label: n.displayName && n.displayName !== (n.name ?? n.username) ? `${n.displayName} (${n.id})` : n.id,
  }));
  return { options, loading: isLoading };
}

function MultiPicker({ source, query, ...props }: PickerProps & { source: string; query: string }) {
  const { options, loading } = useOptions(source, query);
  return <Select<string[]> mode="multiple" allowClear optionFilterProp="label" {...props} options={options} loading={loading} />;
}

export const GroupsPicker = (p: PickerProps) => (
  // everyone is granted by "global", not as a group.
  <MultiPicker source="groups" query="{ items: groups { id name displayName } }" {...p} />
);
export const UsersPicker = (p: PickerProps) => <MultiPicker source="users" query="{ items: users { id username } }" {...p} />;
export const InstanceTypesPicker = (p: PickerProps) => (
  <MultiPicker source="instanceTypes" query="{ items: instanceTypes { id name displayName } }" {...p} />
);
export const ImagesPicker = (p: PickerProps) => (
  <MultiPicker source="images" query="{ items: images { id name displayName } }" {...p} />
);
export const DatasetsPicker = (p: PickerProps) => (
  <MultiPicker source="datasets" query="{ items: datasets { id name displayName } }" {...p} />
);

/** One secret: image pull secrets (dockerconfigjson) or the others (opaque). */
export function SecretPicker({ pull, ...props }: Omit<SelectProps<string>, 'options' | 'mode'> & { pull: boolean }) {
  const { data, isLoading } = useQuery({
    queryKey: ['secrets', 'all'],
    queryFn: () => gql<{ items: { id: string; name: string; displayName?: string | null; type: string }[] }>('{ items: secrets { id name displayName type } }'),
  });
  const options = (data?.items ?? [])
    .filter((s) => (s.type === 'kubernetes') === pull)
    .map((s) => ({ value: s.id, label: s.displayName && s.displayName !== s.name ? `${s.displayName} (${s.name})` : s.name }));
  return <Select<string> allowClear showSearch={{ optionFilterProp: 'label' }} {...props} options={options} loading={isLoading} />;
}
