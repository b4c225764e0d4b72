import { Alert, App, Badge, Button, Card, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import { graphql } from '../gql';
import { notebookHref } from '../lib/auth';
import { useMe } from '../lib/me';
import { useMyNotebooks, type Notebook } from '../lib/notebooks';

// A coloured dot beside the phase in plain text: coloured text on a tint is hard to read.
const phaseStatus: Record<string, 'success' | 'processing' | 'default' | 'error' | 'warning'> = {
  Pending: 'warning',
  Starting: 'processing',
  Running: 'success',
  Stopping: 'processing',
  Stopped: 'default',
  Failed: 'error',
};

type Action = 'stopNotebook' | 'startNotebook' | 'deleteNotebook';

const actions = {
  stopNotebook: graphql(`
    mutation StopMyNotebook($where: NotebookWhereUniqueInput!) {
      stopNotebook(where: $where) { id }
    }
  `),
  startNotebook: graphql(`
    mutation StartMyNotebook($where: NotebookWhereUniqueInput!) {
      startNotebook(where: $where) { id }
    }
  `),
  deleteNotebook: graphql(`
    mutation DeleteMyNotebook($where: NotebookWhereUniqueInput!) {
      deleteNotebook(where: $where) { id }
    }
  `),
};

export function NotebooksPage() {
  const { data: me } = useMe();
  const { data: notebooks, error, isLoading } = useMyNotebooks(me?.username);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: ({ action, id }: { action: Action; id: string }) =>
      request<unknown, { where: { id: string } }>(actions[action], { where: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notebooks'] }),
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <Card
      title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Notebooks</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/notebooks/new')}>
          New notebook
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<Notebook>
        aria-label="notebooks"
        rowKey="id"
        loading={isLoading}
        dataSource={notebooks ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: 'Name', dataIndex: 'name', key: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          { title: 'Group', dataIndex: 'groupName', key: 'groupName', sorter: (a, b) => a.groupName.localeCompare(b.groupName) },
          { title: 'Instance type', dataIndex: 'instanceType', key: 'instanceType' },
          { title: 'Image', dataIndex: 'image', key: 'image' },
          {
            title: 'Status',
            key: 'phase',
            render: (_, n) => (
              <Space orientation="vertical" size={0}>
                <Badge status={phaseStatus[n.phase ?? ''] ?? 'default'} text={n.phase ?? 'Unknown'} />
                {(n.reason || n.message) && (
                  <Typography.Text type={n.phase === 'Failed' ? 'danger' : 'secondary'}>
                    {[n.reason !== n.phase && n.reason, n.message].filter(Boolean).join(': ')}
                  </Typography.Text>
                )}
                <LaunchProgress notebook={n} />
              </Space>
            ),
          },
          {
            title: 'Created',
            dataIndex: 'createdAt',
            key: 'createdAt',
            defaultSortOrder: 'descend',
            sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
            render: (t: string) => new Date(t).toLocaleString(),
          },
          {
            title: 'Actions',
            key: 'actions',
            render: (_, n) => (
              <Space wrap>
                {n.phase === 'Running' && n.url ? (
                  // Through the proxy, on the notebooks' own origin: a full page of its own.
                  <Button type="link" size="small" href={notebookHref(n.url)} target="_blank" rel="noopener" aria-label={`Open ${n.name}`}>
                    Open
                  </Button>
                ) : null}
                {n.stopped ? (
                  <Button size="small" onClick={() => act.mutate({ action: 'startNotebook', id: n.id })} aria-label={`Start ${n.name}`}>
                    Start
                  </Button>
                ) : (
                  <Tooltip title="Stops the server; the home volume stays">
                    <Button size="small" onClick={() => act.mutate({ action: 'stopNotebook', id: n.id })} aria-label={`Stop ${n.name}`}>
                      Stop
                    </Button>
                  </Tooltip>
                )}
                <Popconfirm
                  title={`Delete notebook ${n.name}?`}
                  okText="Delete"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => act.mutateAsync({ action: 'deleteNotebook', id: n.id })}
                >
                  <Button size="small" danger aria-label={`Delete ${n.name}`}>
                    Delete
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** While a notebook is on its way (or failed), its latest events say how its launch goes. */
function LaunchProgress({ notebook: n }: { notebook: Notebook }) {
  const events = n.events ?? [];
  if (n.phase === 'Running' || n.phase === 'Stopped' || events.length === 0) return null;
  return (
    <ul aria-label={`events of ${n.name}`} style={{ margin: 0, paddingLeft: 16 }}>
      {events.slice(-3).map((e, i) => (
        <li key={i}>
          <Typography.Text type="secondary">
            {e.object} {e.reason}: {e.message}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
