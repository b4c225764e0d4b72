import { Alert, Button, Card, Empty, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import { graphql } from '../gql';
import { useMe, type MyGroup } from '../lib/me';
import { useMyNotebooks, useMyRunningJobs, usageIn, type JobUse, type Notebook } from '../lib/notebooks';
import { rules } from '../lib/validation';
import { SpawnFields, type SpawnValues } from '../components/SpawnFields';

const createNotebook = graphql(`
  mutation LaunchNotebook($data: NotebookCreateInput!) {
    createNotebook(data: $data) { id }
  }
`);

export interface LaunchValues extends SpawnValues {
  name?: string;
}

export function LaunchNotebookPage() {
  const { data: me } = useMe();
  const { data: notebooks } = useMyNotebooks(me?.username);
  const { data: jobs } = useMyRunningJobs();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const launch = useMutation({
    mutationFn: (v: LaunchValues) =>
      request(createNotebook, { data: { ...v, name: v.name || undefined } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['notebooks'] });
      navigate('/notebooks');
    },
  });
  if (!me) return null;
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Launch a notebook</Typography.Title>}>
      <LaunchForm
        groups={me.effectiveGroups ?? []}
        notebooks={notebooks}
        jobs={jobs}
        onSubmit={(v) => launch.mutate(v)}
        submitting={launch.isPending}
        error={launch.error ? errorMessage(launch.error) : undefined}
      />
    </Card>
  );
}

interface FormProps {
  groups: MyGroup[];
  notebooks: Notebook[] | undefined;
  jobs?: JobUse[];
  onSubmit: (v: LaunchValues) => void;
  submitting?: boolean;
  error?: string;
}

/** The launch form: where and on what the notebook runs, and its name. */
export function LaunchForm({ groups, notebooks, jobs, onSubmit, submitting, error }: FormProps) {
  if (groups.length === 0) {
    return <Empty description="You are in no group yet: ask an administrator to add you to one." />;
  }
  return (
    <Form<LaunchValues>
      layout="vertical"
      aria-label="Launch a notebook"
      // One group is chosen already.
      initialValues={{ groupName: groups.length === 1 ? groups[0].name : undefined }}
      onFinish={onSubmit}
      style={{ maxWidth: 720 }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <SpawnFields groups={groups} usage={(g) => usageIn(g, notebooks, jobs)} showVolumes />
      <Form.Item name="name" label="Notebook name" extra="Empty: made from your username" rules={rules.resourceName.slice(1)}>
        <Input />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        Launch
      </Button>
    </Form>
  );
}
