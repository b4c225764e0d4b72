import { useEffect, useState } from 'react';
import { App, Badge, Button, Card, Drawer, Popconfirm, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table/interface';
import { authorizedFetch, errorMessage, request } from '../lib/api';
import { ConnectionTable, type ListSpec, type RowOf } from '../components/ConnectionTable';
import { graphql } from '../gql';

const jobsQuery = graphql(`
  query JobsList($page: Int, $where: PhJobWhereInput, $order: PhJobOrderByInput) {
    list: phJobsConnection(page: $page, where: $where, orderBy: $order) {
      pageInfo { currentPage totalPage }
      edges {
        node {
          id displayName groupName instanceType { id name displayName } image command
          phase reason message createTime finishTime logEndpoint rerunOf
        }
      }
    }
  }
`);

/** A job as the jobs page shows it. */
export type PhJob = RowOf<typeof jobsQuery>;

const jobsList: ListSpec<PhJob> = { key: 'phJobsConnection', document: jobsQuery };

const cancelJob = graphql(`
  mutation CancelJob($where: PhJobWhereUniqueInput!) {
    cancelPhJob(where: $where) { id }
  }
`);

const rerunJob = graphql(`
  mutation RerunJob($where: PhJobWhereUniqueInput!) {
    rerunPhJob(where: $where) { id }
  }
`);

const finished = new Set(['Succeeded', 'Failed', 'Cancelled']);

const phaseStatus: Record<string, 'success' | 'processing' | 'default' | 'error' | 'warning'> = {
  Pending: 'warning',
  Preparing: 'processing',
  Running: 'processing',
  Succeeded: 'success',
  Failed: 'error',
  Cancelled: 'default',
};

export function JobsPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [logsOf, setLogsOf] = useState<PhJob>();
  const act = useMutation({
    mutationFn: ({ action, id }: { action: 'cancelPhJob' | 'rerunPhJob'; id: string }) =>
      action === 'cancelPhJob'
        ? request(cancelJob, { where: { id } }).then((d) => d.cancelPhJob.id)
        : request(rerunJob, { where: { id } }).then((d) => d.rerunPhJob.id),
    onSuccess: (_d, { action, id }) => message.success(action === 'cancelPhJob' ? `Cancelling ${id}` : `Submitted ${id} again`),
    onError: (err) => message.error(errorMessage(err)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [jobsList.key] }),
  });
  const name = (j: PhJob) => j.displayName || j.id;
  const columns: ColumnsType<PhJob> = [
    { title: 'Job', key: 'name', render: (_, j) => (j.rerunOf ? `${name(j)} (rerun of ${j.rerunOf})` : name(j)) },
    { title: 'Group', dataIndex: 'groupName', key: 'groupName' },
    { title: 'Instance type', key: 'instanceType', render: (_, j) => j.instanceType?.displayName || j.instanceType?.name },
    { title: 'Command', dataIndex: 'command', key: 'command', ellipsis: true, render: (c: string) => <code>{c}</code> },
    {
      title: 'Status',
      key: 'phase',
      render: (_, j) => (
        <Space orientation="vertical" size={0}>
          <Badge status={phaseStatus[j.phase ?? ''] ?? 'default'} text={j.phase ?? 'Pending'} />
          {(j.reason || j.message) && (
            <Typography.Text type={j.phase === 'Failed' ? 'danger' : 'secondary'}>{[j.reason !== j.phase && j.reason, j.message].filter(Boolean).join(': ')}</Typography.Text>
          )}
        </Space>
      ),
    },
    { title: 'Submitted', dataIndex: 'createTime', key: 'createTime', render: (t?: string) => (t ? new Date(t).toLocaleString() : '') },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, j) => (
        <Space wrap>
          <Button size="small" onClick={() => setLogsOf(j)} aria-label={`Logs of ${name(j)}`}>
            Logs
          </Button>
          {finished.has(j.phase ?? '') ? (
            <Button size="small" onClick={() => act.mutate({ action: 'rerunPhJob', id: j.id })} aria-label={`Rerun ${name(j)}`}>
              Rerun
            </Button>
          ) : (
            <Popconfirm title={`Cancel job ${name(j)}?`} okText="Cancel job" cancelText="Keep" onConfirm={() => act.mutateAsync({ action: 'cancelPhJob', id: j.id })}>
              <Button size="small" danger aria-label={`Cancel ${name(j)}`}>
                Cancel
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Jobs</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/jobs/new')}>
          New job
        </Button>
      }
    >
      <ConnectionTable<PhJob>
        spec={jobsList}
        columns={columns}
        label="jobs"
        where={{ mine: true }}
        // Often while a job is on its way; now and then after, for the ones schedules submit.
        poll={(jobs) => (jobs.every((j) => finished.has(j.phase ?? '')) ? 30_000 : 3000)}
      />
      <Drawer title={logsOf ? `Logs of ${name(logsOf)}` : ''} open={!!logsOf} onClose={() => setLogsOf(undefined)} size="large" destroyOnHidden>
        {logsOf?.logEndpoint && <JobLogs endpoint={logsOf.logEndpoint} follow={!finished.has(logsOf.phase ?? '')} />}
      </Drawer>
    </Card>
  );
}

/** The job's logs, streamed as they come while it runs. */
export function JobLogs({ endpoint, follow }: { endpoint: string; follow: boolean }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      const res = await authorizedFetch(`${endpoint}?follow=${follow}&tailLines=1000`, { signal: abort.signal });
      if (!res.ok || !res.body) {
        setError(`${res.status}: ${(await res.text()).trim()}`);
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        setText((t) => t + value);
      }
    })().catch((err: Error) => {
      if (err.name !== 'AbortError') setError(err.message);
    });
    return () => abort.abort();
  }, [endpoint, follow]);
  if (error) return <Typography.Text type="danger">No logs: {error}</Typography.Text>;
  return (
    <pre aria-label="Job logs" tabIndex={0} style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}>
      {text || 'No output yet.'}
    </pre>
  );
}
