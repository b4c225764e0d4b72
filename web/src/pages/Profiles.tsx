import { Alert, App, Badge, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import { rules } from '../lib/validation';
import { useMe } from '../lib/me';
import { graphql } from '../gql';
import type { ProfilesQuery } from '../gql/graphql';

const profilesQuery = graphql(`
  query Profiles {
    profiles { id name ownerKind owner contributors { kind name role } resourceQuota ready }
  }
`);

const createProfile = graphql(`
  mutation CreateProfile($data: ProfileCreateInput!) {
    createProfile(data: $data) { id }
  }
`);

const addContributor = graphql(`
  mutation AddProfileContributor($where: ProfileWhereUniqueInput!, $data: ProfileContributorInput!) {
    addProfileContributor(where: $where, data: $data) { id }
  }
`);

const removeContributor = graphql(`
  mutation RemoveProfileContributor($where: ProfileWhereUniqueInput!, $kind: String, $name: String!) {
    removeProfileContributor(where: $where, kind: $kind, name: $name) { id }
  }
`);

const deleteProfile = graphql(`
  mutation DeleteProfile($where: ProfileWhereUniqueInput!) {
    deleteProfile(where: $where) { id }
  }
`);

type Profile = NonNullable<ProfilesQuery['profiles'][number]>;

const fetchProfiles = () => request(profilesQuery).then((d) => d.profiles.filter((p): p is Profile => p != null));

interface Contributor {
  kind: string;
  name: string;
  role: string;
}

const roles = ['admin', 'edit', 'view'].map((r) => ({ value: r, label: r }));

export function ProfilesPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; owner?: string }>();
  const { data: me } = useMe();
  const { data, error } = useQuery({
    queryKey: ['profiles'],
    queryFn: fetchProfiles,
  });
  // Each change is a typed request; they all refresh the list and report errors alike.
  const mutate = useMutation({
    mutationFn: (send: () => Promise<unknown>) => send(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['profiles'] }),
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Profiles</Typography.Title>}>
      <Typography.Paragraph>A profile is a namespace of your own or your team's, with contributors and a quota.</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        // Named, so its fields' ids differ from the contributor forms' on the same page.
        name="new-profile"
        aria-label="New profile"
        style={{ marginBottom: 16 }}
        onFinish={(v) =>
          mutate.mutate(() => request(createProfile, { data: { name: v.name, owner: v.owner || undefined } }), {
            onSuccess: () => form.resetFields(),
          })
        }
      >
        <Form.Item name="name" label="Profile name" rules={rules.resourceName}>
          <Input />
        </Form.Item>
        {me?.isAdmin && (
          // Administrators may make profiles for others; everyone else owns what they make.
          <Form.Item name="owner" label="Owner" tooltip="Empty: you">
            <Input placeholder="username" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit">
          Create profile
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<Profile>
        aria-label="profiles"
        rowKey="id"
        dataSource={data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (p) => (
            <ContributorsEditor
              profile={p}
              onAdd={(c) => mutate.mutate(() => request(addContributor, { where: { id: p.id }, data: c }))}
              onRemove={(c) => mutate.mutate(() => request(removeContributor, { where: { id: p.id }, kind: c.kind, name: c.name }))}
            />
          ),
        }}
        columns={[
          { title: 'Name', dataIndex: 'name', key: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          { title: 'Owner', key: 'owner', render: (_, p) => `${p.owner} (${p.ownerKind})` },
          {
            title: 'Quota',
            key: 'quota',
            render: (_, p) =>
              Object.entries((p.resourceQuota ?? {}) as Record<string, string>).map(([k, v]) => (
                <Tag key={k}>
                  {k}: {v}
                </Tag>
              )),
          },
          { title: 'Ready', dataIndex: 'ready', key: 'ready', render: (r: boolean) => <Badge status={r ? 'success' : 'processing'} text={r ? 'Ready' : 'Not yet'} /> },
          {
            title: 'Actions',
            key: 'actions',
            render: (_, p) => (
              <Popconfirm
                title={`Delete profile ${p.name} and everything in its namespace?`}
                okText="Delete"
                okButtonProps={{ danger: true }}
                onConfirm={() => mutate.mutateAsync(() => request(deleteProfile, { where: { id: p.id } }))}
              >
                <Button danger size="small" aria-label={`Delete ${p.name}`}>
                  Delete
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

function ContributorsEditor({ profile, onAdd, onRemove }: { profile: Profile; onAdd: (c: Contributor) => void; onRemove: (c: Contributor) => void }) {
  const [form] = Form.useForm<Contributor>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Contributor>
        aria-label={`Contributors of ${profile.name}`}
        size="small"
        rowKey={(c) => `${c.kind}/${c.name}`}
        dataSource={profile.contributors}
        pagination={false}
        columns={[
          { title: 'Kind', dataIndex: 'kind', key: 'kind' },
          { title: 'Name', dataIndex: 'name', key: 'name' },
          { title: 'Role', dataIndex: 'role', key: 'role' },
          {
            title: 'Actions',
            key: 'actions',
            render: (_, c) => (
              <Button size="small" danger onClick={() => onRemove(c)} aria-label={`Remove ${c.name}`}>
                Remove
              </Button>
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        name={`contributor-${profile.name}`}
        aria-label={`Add a contributor to ${profile.name}`}
        initialValues={{ kind: 'User', role: 'edit' }}
        onFinish={(c) => {
          onAdd(c);
          form.resetFields();
        }}
      >
        <Form.Item name="kind" label="Kind">
          <Select options={[{ value: 'User', label: 'User' }, { value: 'Group', label: 'Group' }]} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="name" label="Name" rules={[{ required: true, message: 'A name is required' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label="Role">
          <Select options={roles} style={{ width: 100 }} />
        </Form.Item>
        <Button htmlType="submit">Add contributor</Button>
      </Form>
    </Space>
  );
}
