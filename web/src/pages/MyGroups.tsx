// Group administrators manage their groups' members, shared volume, default job timeout and
// group images, as in PrimeHub; quotas and grants are the system administrators'.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import { adminOf, useMe, type MyGroup } from '../lib/me';
import { graphql } from '../gql';
import type { GroupUpdateInput } from '../gql/graphql';
import { UsersPicker } from '../components/Pickers';
import { relationChange, rules } from '../lib/validation';

const managedGroup = graphql(`
  query ManagedGroup($where: GroupWhereUniqueInput!) {
    group(where: $where) {
      id users { id } groupImages { id name displayName type url }
      enabledSharedVolume sharedVolumeCapacity launchGroupOnly jobDefaultActiveDeadlineSeconds
    }
  }
`);

const updateGroup = graphql(`
  mutation UpdateManagedGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {
    updateGroup(data: $data, where: $where) { id }
  }
`);

const createGroupImage = graphql(`
  mutation CreateGroupImage($data: ImageCreateInput!) {
    createImage(data: $data) { id }
  }
`);

const deleteGroupImage = graphql(`
  mutation DeleteGroupImage($where: ImageWhereUniqueInput!) {
    deleteImage(where: $where) { id }
  }
`);

interface Settings {
  enabledSharedVolume: boolean;
  launchGroupOnly: boolean;
  jobDefaultActiveDeadlineSeconds: number | null;
}

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
    queryFn: () => request(managedGroup, { where: { id: group.id } }).then((d) => d.group),
  });
  const members = (data?.users ?? []).flatMap((u) => (u ? [u.id] : []));
  const images = (data?.groupImages ?? []).flatMap((im) => (im ? [im] : []));
  const run = useMutation({
    mutationFn: (change: () => Promise<unknown>) => change(),
    onSuccess: () => {
      message.success('Saved');
      setApiError(undefined);
      return queryClient.invalidateQueries();
    },
    onError: (err) => setApiError(errorMessage(err)),
  });
  const update = (data: GroupUpdateInput) => run.mutate(() => request(updateGroup, { where: { id: group.id }, data }));

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
          onFinish={(v: { users: string[] }) => update({ users: relationChange(members, v.users) })}
        >
          <Form.Item name="users" label="Members">
            <UsersPicker />
          </Form.Item>
          <Button htmlType="submit">Save members</Button>
        </Form>
      )}
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        Settings
      </Typography.Title>
      {data && (
        <Form<Settings>
          layout="vertical"
          name={`settings-${group.name}`}
          aria-label={`Settings of ${group.name}`}
          initialValues={{
            enabledSharedVolume: !!data.enabledSharedVolume,
            launchGroupOnly: data.launchGroupOnly ?? true,
            jobDefaultActiveDeadlineSeconds: data.jobDefaultActiveDeadlineSeconds,
          }}
          onFinish={(v) => update(v)}
        >
          <Form.Item
            name="enabledSharedVolume"
            valuePropName="checked"
            extra={data.sharedVolumeCapacity ? `${data.sharedVolumeCapacity} GB; a system administrator sets its size` : 'A system administrator sets its size'}
          >
            <Checkbox>Shared volume, mounted at /project/{group.name}</Checkbox>
          </Form.Item>
          <Form.Item name="launchGroupOnly" valuePropName="checked">
            <Checkbox>Mount the shared volume only when launching in this group</Checkbox>
          </Form.Item>
          <Form.Item name="jobDefaultActiveDeadlineSeconds" label="Default job time limit (seconds)" extra="Empty: no limit; each job may set its own">
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Button htmlType="submit">Save settings</Button>
        </Form>
      )}
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        Group images
      </Typography.Title>
      <Table<(typeof images)[number]>
        aria-label={`Images of ${group.name}`}
        size="small"
        rowKey="id"
        dataSource={images}
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
                onConfirm={() => run.mutateAsync(() => request(deleteGroupImage, { where: { id: im.id } }))}
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
          run.mutate(() => request(createGroupImage, { data: { ...v, groupName: group.name } }))
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
