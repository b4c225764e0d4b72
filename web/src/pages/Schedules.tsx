import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Popconfirm, Select, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table/interface';
import { errorMessage, request } from '../lib/api';
import { useMe, type MyGroup } from '../lib/me';
import { ConnectionTable, type ListSpec, type RowOf } from '../components/ConnectionTable';
import { graphql } from '../gql';
import { SpawnFields, type SpawnValues } from '../components/SpawnFields';
import { rules } from '../lib/validation';

const schedulesQuery = graphql(`
  query SchedulesList($page: Int, $where: PhScheduleWhereInput, $order: PhScheduleOrderByInput) {
    list: phSchedulesConnection(page: $page, where: $where, orderBy: $order) {
      pageInfo { currentPage totalPage }
      edges { node { ...ScheduleFields } }
    }
  }
  fragment ScheduleFields on PhSchedule {
    id displayName recurrence { type cron } command groupName instanceType { id name } image
    nextRunTime lastRunTime forbidConcurrent activeDeadlineSeconds invalid message
  }
`);

type PhSchedule = RowOf<typeof schedulesQuery>;

const list: ListSpec<PhSchedule> = { key: 'phSchedulesConnection', document: schedulesQuery };

const scheduleQuery = graphql(`
  query Schedule($where: PhScheduleWhereUniqueInput!) {
    phSchedule(where: $where) { ...ScheduleFields }
  }
`);

const runSchedule = graphql(`
  mutation RunSchedule($where: PhScheduleWhereUniqueInput!) {
    runPhSchedule(where: $where) { job { id } }
  }
`);

const deleteSchedule = graphql(`
  mutation DeleteSchedule($where: PhScheduleWhereUniqueInput!) {
    deletePhSchedule(where: $where) { id }
  }
`);

const updateSchedule = graphql(`
  mutation UpdateSchedule($where: PhScheduleWhereUniqueInput!, $data: PhScheduleUpdateInput!) {
    updatePhSchedule(where: $where, data: $data) { id }
  }
`);

const createSchedule = graphql(`
  mutation CreateSchedule($data: PhScheduleCreateInput!) {
    createPhSchedule(data: $data) { id }
  }
`);

const recurrences = [
  { value: 'inactive', label: 'Inactive (run on demand only)' },
  { value: 'daily', label: 'Daily at midnight' },
  { value: 'weekly', label: 'Weekly on Sunday' },
  { value: 'monthly', label: 'Monthly on the 1st' },
  { value: 'custom', label: 'Custom (cron)' },
];

const when = (t?: string | null) => (t ? new Date(t).toLocaleString() : '—');

export function SchedulesPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: async ({ action, id }: { action: 'run' | 'delete'; id: string }) =>
      action === 'run' ? (await request(runSchedule, { where: { id } })).runPhSchedule.job?.id : (await request(deleteSchedule, { where: { id } })).deletePhSchedule.id,
    onSuccess: (job, { action, id }) => {
      message.success(action === 'run' ? `Submitted job ${job} of ${id}` : `Deleted ${id}`);
      return queryClient.invalidateQueries();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const name = (s: PhSchedule) => s.displayName || s.id;
  const columns: ColumnsType<PhSchedule> = [
    { title: 'Schedule', key: 'name', render: (_, s) => name(s) },
    { title: 'Group', dataIndex: 'groupName', key: 'groupName' },
    { title: 'Command', dataIndex: 'command', key: 'command', ellipsis: true, render: (c: string) => <code>{c}</code> },
    {
      title: 'Recurrence',
      key: 'recurrence',
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          <span>{s.recurrence?.type === 'custom' ? s.recurrence.cron : (s.recurrence?.type ?? 'inactive')}</span>
          {s.invalid && <Typography.Text type="danger">{s.message}</Typography.Text>}
        </Space>
      ),
    },
    { title: 'Next run', dataIndex: 'nextRunTime', key: 'nextRunTime', render: when },
    { title: 'Last run', dataIndex: 'lastRunTime', key: 'lastRunTime', render: when },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, s) => (
        <Space wrap>
          <Button size="small" onClick={() => act.mutate({ action: 'run', id: s.id })} aria-label={`Run ${name(s)} now`}>
            Run now
          </Button>
          <Link to={`/schedules/${encodeURIComponent(s.id)}`} aria-label={`Edit ${name(s)}`}>
            Edit
          </Link>
          <Popconfirm title={`Delete schedule ${name(s)}?`} okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => act.mutateAsync({ action: 'delete', id: s.id })}>
            <Button size="small" danger aria-label={`Delete ${name(s)}`}>
              Delete
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Schedules</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/schedules/new')}>
          New schedule
        </Button>
      }
    >
      <ConnectionTable<PhSchedule> spec={list} columns={columns} label="schedules" where={{ mine: true }} />
    </Card>
  );
}

export interface ScheduleValues extends SpawnValues {
  displayName?: string;
  command: string;
  recurrenceType: string;
  cron?: string;
  activeDeadlineSeconds?: number | null;
  forbidConcurrent: boolean;
}

/** The create form at /schedules/new and the edit form at /schedules/<id>. */
export function ScheduleFormPage() {
  const { id } = useParams();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({
    queryKey: ['phSchedule', id],
    enabled: id !== undefined,
    queryFn: () => request(scheduleQuery, { where: { id: id ?? '' } }),
  });
  const save = useMutation({
    mutationFn: (v: ScheduleValues) => {
      const data = {
        displayName: v.displayName,
        instanceType: v.instanceType,
        image: v.image,
        command: v.command,
        recurrence: { type: v.recurrenceType, ...(v.recurrenceType === 'custom' ? { cron: v.cron } : {}) },
        activeDeadlineSeconds: v.activeDeadlineSeconds ?? undefined,
        forbidConcurrent: v.forbidConcurrent,
      };
      return id
        ? request(updateSchedule, { where: { id }, data }).then((d) => d.updatePhSchedule.id)
        : request(createSchedule, { data: { ...data, groupId: v.groupName } }).then((d) => d.createPhSchedule.id);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate('/schedules');
    },
  });
  const title = <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{id ? `Edit schedule ${id}` : 'New schedule'}</Typography.Title>;
  if (!me || (id && !data && !error)) return <Card title={title}><Spin /></Card>;
  if (error) return <Card title={title}><Alert type="error" showIcon title={errorMessage(error)} /></Card>;
  return (
    <Card title={title}>
      <ScheduleForm
        groups={me.effectiveGroups ?? []}
        schedule={data?.phSchedule}
        onSubmit={(v) => save.mutate(v)}
        submitting={save.isPending}
        error={save.error ? errorMessage(save.error) : undefined}
      />
    </Card>
  );
}

interface FormProps {
  groups: MyGroup[];
  schedule?: PhSchedule;
  onSubmit: (v: ScheduleValues) => void;
  submitting?: boolean;
  error?: string;
}

export function ScheduleForm({ groups, schedule: s, onSubmit, submitting, error }: FormProps) {
  const [initial] = useState<Partial<ScheduleValues>>(() =>
    s
      ? {
          groupName: s.groupName ?? undefined,
          instanceType: s.instanceType?.name ?? undefined,
          image: s.image ?? undefined,
          displayName: s.displayName ?? undefined,
          command: s.command ?? '',
          recurrenceType: s.recurrence?.type ?? 'inactive',
          cron: s.recurrence?.cron ?? undefined,
          activeDeadlineSeconds: s.activeDeadlineSeconds,
          forbidConcurrent: !!s.forbidConcurrent,
        }
      : { groupName: groups.length === 1 ? groups[0].name : undefined, recurrenceType: 'daily', forbidConcurrent: false },
  );
  if (groups.length === 0) {
    return <Empty description="You are in no group yet: ask an administrator to add you to one." />;
  }
  return (
    <Form<ScheduleValues> layout="vertical" aria-label="Schedule" initialValues={initial} onFinish={onSubmit} style={{ maxWidth: 720 }}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <SpawnFields groups={groups} groupFixed={!!s} />
      <Form.Item name="displayName" label="Schedule name" rules={rules.displayName}>
        <Input />
      </Form.Item>
      <Form.Item name="command" label="Command" rules={[{ required: true, whitespace: true, message: 'A command is required' }]}>
        <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="recurrenceType" label="Recurrence" extra="In the system's time zone">
        <Select options={recurrences} />
      </Form.Item>
      <Form.Item noStyle dependencies={['recurrenceType']}>
        {({ getFieldValue }) =>
          getFieldValue('recurrenceType') === 'custom' && (
            <Form.Item
              name="cron"
              label="Cron expression"
              extra="Minute, hour, day of month, month, day of week: 0 4 * * 1-5 is 4:00 on weekdays"
              rules={[
                { required: true, message: 'A cron expression is required' },
                { pattern: /^\S+(\s+\S+){4}$/, message: 'Five fields, separated by spaces' },
              ]}
            >
              <Input style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="activeDeadlineSeconds" label="Time limit of each job (seconds)" extra="Empty: the group's default">
        <InputNumber min={1} precision={0} />
      </Form.Item>
      <Form.Item name="forbidConcurrent" valuePropName="checked">
        <Checkbox>Skip a run while the last job still runs</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        {s ? 'Save' : 'Create'}
      </Button>
    </Form>
  );
}
