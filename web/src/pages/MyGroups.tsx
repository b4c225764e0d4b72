// Group administrators manage their groups' members and group images.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, gql } from '../lib/api';
import { adminOf, useMe, type Image, type MyGroup } from '../lib/me';
import { UsersPicker } from '../components/Pickers';
import { relationChange, rules } from '../lib/validation';

export function MyGroupsPage() {
  const { data: me } = useMe();
  if (!me) return null;
  const groups = adminOf(me);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>Groups I manage</Typography.Title>
      {groups.length === 0 && <Typography.Text>You administer no group.</Typography.Text>}
      {groups.map((g) => (
        <ManagedGroup key={g.id} group={g} />
      ))}
    </Space>
  );
}

function ManagedGroup({ group }: { group: MyGroup }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [apiError, setApiError] = useState<string>();
  const { data } = useQuery({
    queryKey: ['group', group.id, 'managed'],
    queryFn: () =>
      gql<{ group: { users: { id: string }[] | null; groupImages: Image[] | null } }>(
        'query Managed($where: GroupWhereUniqueInput!) { group(where: $where) { id users { id } groupImages { id name displayName type url } } }',
        { where: { id: group.id } },
      ).then((d) => d.group),
  });
  const members = (data?.users ?? []).map((u) => u.id);
  const run = useMutation({
    mutationFn: ({ query, variables }: { query: string; variables: Record<string, unknown> }) => gql(query, variables),
    onSuccess: () => {
      message.success('Saved');
      setApiError(undefined);
      return queryClient.invalidateQueries();
    },
    onError: (err) => setApiError(errorMessage(err)),
  });

  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 18 }}>
          {group.displayName || group.name}
        </Typography.Title>
      }
    >
      {apiError && <Alert type="error" showIcon role="alert" title={apiError} style={{ marginBottom: 16 }} />}
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Members
      </Typography.Title>
      {data && (
        <Form
          layout="vertical"
          // Named: each group's forms are on one page, and field ids must differ.
          name={`members-${group.name}`}
          aria-label={`Members of ${group.name}`}
          initialValues={{ users: members }}
          onFinish={(v: { users: string[] }) =>
            run.mutate({
              query: 'mutation Members($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) { updateGroup(data: $data, where: $where) { id } }',
              variables: { where: { id: group.id }, data: { users: relationChange(members, v.users) } },
            })
          }
        >
          <Form.Item name="users" label="Members">
            <UsersPicker />
          </Form.Item>
          <Button htmlType="submit">Save members</Button>
        </Form>
      )}
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        Group images
      </Typography.Title>
      <Table<Image>
        aria-label={`Images of ${group.name}`}
        size="small"
        rowKey="id"
        dataSource={data?.groupImages ?? []}
        pagination={false}
        columns={[
          { title: 'Name', dataIndex: 'name', key: 'name' },
          { title: 'Type', dataIndex: 'type', key: 'type' },
          { title: 'URL', dataIndex: 'url', key: 'url' },
          {
            title: 'Actions',
            key: 'actions',
            render: (_, im) => (
              <Popconfirm
                title={`Delete image ${im.name}?`}
                okText="Delete"
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  run.mutateAsync({ query: 'mutation Del($where: ImageWhereUniqueInput!) { deleteImage(where: $where) { id } }', variables: { where: { id: im.id } } })
                }
              >
                <Button danger size="small" aria-label={`Delete ${im.name}`}>
                  Delete
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form
        layout="inline"
        name={`image-${group.name}`}
        aria-label={`New image of ${group.name}`}
        style={{ marginTop: 16 }}
        initialValues={{ type: 'both' }}
        onFinish={(v: { name: string; url: string; type: string }) =>
          run.mutate({
            query: 'mutation New($data: ImageCreateInput!) { createImage(data: $data) { id } }',
            variables: { data: { ...v, groupName: group.name } },
          })
        }
      >
        <Form.Item name="name" label="Image name" rules={rules.resourceName}>
          <Input />
        </Form.Item>
        <Form.Item name="url" label="URL" rules={[{ required: true, message: 'An image URL is required' }]}>
          <Input placeholder="registry/image:tag" />
        </Form.Item>
        <Form.Item name="type" label="Type">
          <Select style={{ width: 120 }} options={['cpu', 'gpu', 'both'].map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Button htmlType="submit">Add image</Button>
      </Form>
    </Card>
  );
}
