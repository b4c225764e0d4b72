import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../../lib/api';
import { graphql } from '../../gql';

interface Values {
  orgName: string;
  defaultUserVolumeCapacity: number | null;
  timezone: string;
}

const systemQuery = graphql(`
  query System {
    system { org { name } defaultUserVolumeCapacity timezone { name offset } }
  }
`);

const saveSystem = graphql(`
  mutation SaveSystem($data: SystemUpdateInput!) {
    updateSystem(data: $data) { defaultUserVolumeCapacity }
  }
`);

export function SystemPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [apiError, setApiError] = useState<string>();
  const { data, error } = useQuery({
    queryKey: ['system'],
    queryFn: () => request(systemQuery),
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      request(saveSystem, { data: { org: { name: v.orgName }, defaultUserVolumeCapacity: v.defaultUserVolumeCapacity, timezone: { name: v.timezone } } }),
    onSuccess: () => {
      message.success('Settings saved');
      return queryClient.invalidateQueries({ queryKey: ['system'] });
    },
    onError: (err) => setApiError(errorMessage(err)),
  });
  const title = <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>System settings</Typography.Title>;
  if (error) return <Card title={title}><Alert type="error" showIcon title={errorMessage(error)} /></Card>;
  if (!data) return <Card title={title}><Spin /></Card>;
  const s = data.system;
  return (
    <Card title={title}>
      <Form<Values>
        layout="vertical"
        aria-label="System settings"
        style={{ maxWidth: 480 }}
        initialValues={{ orgName: s.org?.name ?? '', defaultUserVolumeCapacity: s.defaultUserVolumeCapacity, timezone: s.timezone?.name ?? 'UTC' }}
        onFinish={(v) => {
          setApiError(undefined);
          save.mutate(v);
        }}
      >
        {apiError && <Alert type="error" showIcon role="alert" title={apiError} style={{ marginBottom: 16 }} />}
        <Form.Item name="orgName" label="Organization name" rules={[{ max: 256 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="defaultUserVolumeCapacity" label="Default home volume (GB)" rules={[{ required: true, message: 'A size is required' }]}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item name="timezone" label="Time zone" extra="An IANA name, such as Asia/Taipei" rules={[{ required: true, message: 'A time zone is required' }]}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Save
        </Button>
      </Form>
    </Card>
  );
}
