import { Alert, Button, Card, Empty, Form, Input, InputNumber, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import { graphql } from '../gql';
import { useMe, type MyGroup } from '../lib/me';
import { SpawnFields, type SpawnValues } from '../components/SpawnFields';
import { rules } from '../lib/validation';

const createJob = graphql(`
  mutation SubmitJob($data: PhJobCreateInput!) {
    createPhJob(data: $data) { id }
  }
`);

export interface JobValues extends SpawnValues {
  displayName?: string;
  command: string;
  activeDeadlineSeconds?: number | null;
}

export function SubmitJobPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: ({ groupName, ...v }: JobValues) =>
      request(createJob, { data: { ...v, groupId: groupName, activeDeadlineSeconds: v.activeDeadlineSeconds ?? undefined } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['phJobsConnection'] });
      navigate('/jobs');
    },
  });
  if (!me) return null;
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Submit a job</Typography.Title>}>
      <JobForm
        groups={me.effectiveGroups ?? []}
        onSubmit={(v) => submit.mutate(v)}
        submitting={submit.isPending}
        error={submit.error ? errorMessage(submit.error) : undefined}
      />
    </Card>
  );
}

interface Props {
  groups: MyGroup[];
  onSubmit: (v: JobValues) => void;
  submitting?: boolean;
  error?: string;
}

/** A job waits in its group's queue for quota: an instance type counts alone against it. */
export function JobForm({ groups, onSubmit, submitting, error }: Props) {
  if (groups.length === 0) {
    return <Empty description="You are in no group yet: ask an administrator to add you to one." />;
  }
  return (
    <Form<JobValues>
      layout="vertical"
      aria-label="Submit a job"
      initialValues={{ groupName: groups.length === 1 ? groups[0].name : undefined }}
      onFinish={onSubmit}
      style={{ maxWidth: 720 }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <SpawnFields groups={groups} />
      <Form.Item name="displayName" label="Job name" rules={rules.displayName}>
        <Input />
      </Form.Item>
      <Form.Item name="command" label="Command" rules={[{ required: true, whitespace: true, message: 'A command is required' }]} extra="Run by bash in the image">
        <Input.TextArea rows={4} style={{ fontFamily: 'monospace' }} placeholder="python train.py --epochs 10" />
      </Form.Item>
      <Form.Item name="activeDeadlineSeconds" label="Time limit (seconds)" extra="Empty: the group's default">
        <InputNumber min={1} precision={0} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        Submit
      </Button>
    </Form>
  );
}
