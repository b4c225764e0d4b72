import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import { graphql } from '../gql';
import type { TokensQuery } from '../gql/graphql';

const tokensQuery = graphql(`
  query Tokens {
    me { id apiTokens { id name createdAt lastUsedAt } }
  }
`);

const createToken = graphql(`
  mutation CreateApiToken($name: String!) {
    createApiToken(name: $name) { token }
  }
`);

const revokeToken = graphql(`
  mutation RevokeApiToken($id: ID) {
    revokeApiToken(id: $id) { id }
  }
`);

type ApiToken = NonNullable<NonNullable<TokensQuery['me']>['apiTokens']>[number];

const fetchTokens = () => request(tokensQuery);

const when = (t?: string | null) => (t ? new Date(t).toLocaleString() : 'Never');

export function ApiTokensPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<string>();
  const { data, error } = useQuery({
    queryKey: ['apiTokens'],
    queryFn: fetchTokens,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['apiTokens'] });
  const create = useMutation({
    mutationFn: (name: string) => request(createToken, { name }),
    onSuccess: (d) => {
      setCreated(d.createApiToken.token);
      form.resetFields();
      return refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => request(revokeToken, { id }),
    onSuccess: () => {
      message.success('Token revoked');
      return refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>API tokens</Typography.Title>}>
      <Typography.Paragraph>
        A token lets scripts, the SDK and the CLI call the API as you: send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </Typography.Paragraph>
      <Form form={form} layout="inline" aria-label="New API token" onFinish={(v) => create.mutate(v.name.trim())} style={{ marginBottom: 16 }}>
        <Form.Item
          name="name"
          label="Token name"
          rules={[
            { required: true, whitespace: true, message: 'A name is required' },
            { max: 100, message: 'At most 100 characters' },
          ]}
        >
          <Input placeholder="laptop" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          Create token
        </Button>
      </Form>
      {(error || create.error) && <Alert type="error" showIcon role="alert" title={errorMessage(error ?? create.error)} style={{ marginBottom: 16 }} />}
      <Table<ApiToken>
        aria-label="API tokens"
        rowKey="id"
        dataSource={data?.me?.apiTokens ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: 'Name', dataIndex: 'name', key: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          { title: 'Created', dataIndex: 'createdAt', key: 'createdAt', render: when, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt) },
          { title: 'Last used', dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: when },
          {
            title: 'Actions',
            key: 'actions',
            render: (_, t) => (
              <Popconfirm title={`Revoke token ${t.name}?`} okText="Revoke" okButtonProps={{ danger: true }} onConfirm={() => revoke.mutateAsync(t.id)}>
                <Button danger size="small" aria-label={`Revoke ${t.name}`}>
                  Revoke
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={created !== undefined}
        title="Your new API token"
        onOk={() => setCreated(undefined)}
        onCancel={() => setCreated(undefined)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText="Done"
        // The value leaves the page once the dialog closes.
        destroyOnHidden
      >
        <Alert type="warning" showIcon title="Copy it now: it is not shown again." style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: created }} code aria-label="API token">
          {created}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
