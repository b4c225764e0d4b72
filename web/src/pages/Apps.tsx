import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Drawer, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import { AppstoreOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import { graphql } from '../gql';
import { useAppOrigin, useMyApps, type PhApplication } from '../lib/apps';
import { JobLogs } from './Jobs';

const phaseStatus: Record<string, 'success' | 'processing' | 'default' | 'error' | 'warning'> = {
  Starting: 'processing',
  Ready: 'success',
  Updating: 'processing',
  Stopping: 'processing',
  Stopped: 'default',
  Error: 'error',
};

type Action = 'stopPhApplication' | 'startPhApplication' | 'deletePhApplication';

const actions = {
  stopPhApplication: graphql(`
    mutation StopApp($where: PhApplicationWhereUniqueInput!) {
      stopPhApplication(where: $where) { id }
    }
  `),
  startPhApplication: graphql(`
    mutation StartApp($where: PhApplicationWhereUniqueInput!) {
      startPhApplication(where: $where) { id }
    }
  `),
  deletePhApplication: graphql(`
    mutation UninstallApp($where: PhApplicationWhereUniqueInput!) {
      deletePhApplication(where: $where) { id }
    }
  `),
};

/** The applications of the user's groups: open, stop, start, uninstall. */
export function AppsPage() {
  const { data: apps, error, isLoading } = useMyApps();
  const { data: origin } = useAppOrigin();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [logsOf, setLogsOf] = useState<{ id: string; logEndpoint: string }>();
  const act = useMutation({
    mutationFn: ({ action, id }: { action: Action; id: string }) =>
      request<unknown, { where: { id: string } }>(actions[action], { where: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['apps'] }),
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <Card
      title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Apps</Typography.Title>}
      extra={
        <Button type="primary" icon={<AppstoreOutlined />} onClick={() => navigate('/apps/store')}>
          App store
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<PhApplication>
        aria-label="apps"
        rowKey="id"
        loading={isLoading}
        dataSource={apps ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: 'Name', key: 'name', render: (_, a) => a.displayName || a.id },
          { title: 'App', dataIndex: 'appName', key: 'appName' },
          { title: 'Group', dataIndex: 'groupName', key: 'groupName' },
          { title: 'Installed by', dataIndex: 'userName', key: 'userName' },
          { title: 'Access', dataIndex: 'scope', key: 'scope', render: (s: string) => scopeLabel[s] ?? s },
          {
            title: 'Status',
            key: 'status',
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <Badge status={phaseStatus[a.status ?? ''] ?? 'default'} text={a.status ?? 'Unknown'} />
                {a.status === 'Error' && a.message && <Typography.Text type="danger">{a.message}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: 'Actions',
            key: 'actions',
            render: (_, a) => (
              <Space wrap>
                {a.status === 'Ready' && a.appUrl && origin ? (
                  // On the applications' own origin: a full page of its own.
                  <Button type="link" size="small" href={origin + a.appUrl} target="_blank" rel="noopener" aria-label={`Open ${a.id}`}>
                    Open
                  </Button>
                ) : null}
                {a.stop ? (
                  <Button size="small" onClick={() => act.mutate({ action: 'startPhApplication', id: a.id })} aria-label={`Start ${a.id}`}>
                    Start
                  </Button>
                ) : (
                  <Tooltip title="Scales it to zero; its volume stays">
                    <Button size="small" onClick={() => act.mutate({ action: 'stopPhApplication', id: a.id })} aria-label={`Stop ${a.id}`}>
                      Stop
                    </Button>
                  </Tooltip>
                )}
                {a.pods?.[0]?.logEndpoint ? (
                  // An application runs one pod: its logs.
                  <Button size="small" onClick={() => setLogsOf({ id: a.id, logEndpoint: a.pods?.[0]?.logEndpoint ?? '' })} aria-label={`Logs of ${a.id}`}>
                    Logs
                  </Button>
                ) : null}
                <Popconfirm
                  title={`Uninstall ${a.displayName || a.id}? Its volume goes with it.`}
                  okText="Uninstall"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => act.mutateAsync({ action: 'deletePhApplication', id: a.id })}
                >
                  <Button size="small" danger aria-label={`Uninstall ${a.id}`}>
                    Uninstall
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Drawer title={logsOf ? `Logs of ${logsOf.id}` : ''} open={!!logsOf} onClose={() => setLogsOf(undefined)} size="large" destroyOnHidden>
        {logsOf && <JobLogs endpoint={logsOf.logEndpoint} follow />}
      </Drawer>
    </Card>
  );
}

export const scopeLabel: Record<string, string> = {
  group: 'Group members',
  primehub: 'Any PrimeHub user',
  public: 'Public',
};
