// Model deployments: the group's model servers, their endpoints and client credentials,
// logs and history (docs/deployments.md).
import { useEffect, useState } from 'react';
import {
  Alert, App, Badge, Button, Card, Descriptions, Drawer, Empty, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table/interface';
import { errorMessage, request } from '../lib/api';
import { ConnectionTable, type ListSpec, type RowOf } from '../components/ConnectionTable';
import { graphql } from '../gql';
import { useMe, type MyGroup } from '../lib/me';
import { JobLogs } from './Jobs';

const deploymentsQuery = graphql(`
  query DeploymentsList($page: Int, $where: PhDeploymentWhereInput) {
    list: phDeploymentsConnection(page: $page, where: $where) {
      pageInfo { currentPage totalPage }
      edges { node { id name groupName status message replicas availableReplicas endpointAccessType lastUpdatedTime } }
    }
  }
`);

type DeploymentRow = RowOf<typeof deploymentsQuery>;

const deploymentsList: ListSpec<DeploymentRow> = {
  key: 'phDeploymentsConnection',
  document: deploymentsQuery,
  search: (text) => ({ name_contains: text }),
};

const deploymentQuery = graphql(`
  query Deployment($where: PhDeploymentWhereUniqueInput!) {
    phDeployment(where: $where) {
      id name description status message groupName userName stop endpoint endpointAccessType
      modelImage modelURI replicas availableReplicas instanceType { id name displayName } creationTime lastUpdatedTime
      env { name value }
      endpointClients { name }
      pods { name phase logEndpoint }
      history { time deployment { userName modelImage modelURI replicas instanceType { name } updateMessage } }
    }
  }
`);

const createDeployment = graphql(`
  mutation CreateDeployment($data: PhDeploymentCreateInput!) {
    createPhDeployment(data: $data) { id }
  }
`);

const deployDeployment = graphql(`
  mutation DeployDeployment($where: PhDeploymentWhereUniqueInput!) {
    deployPhDeployment(where: $where) { id }
  }
`);

const stopDeployment = graphql(`
  mutation StopDeployment($where: PhDeploymentWhereUniqueInput!) {
    stopPhDeployment(where: $where) { id }
  }
`);

const deleteDeployment = graphql(`
  mutation DeleteDeployment($where: PhDeploymentWhereUniqueInput!) {
    deletePhDeployment(where: $where) { id }
  }
`);

const createClient = graphql(`
  mutation CreateDeploymentClient($data: PhDeploymentClientCreateInput!) {
    createPhDeploymentClient(data: $data) { name plainTextToken }
  }
`);

const deleteClient = graphql(`
  mutation DeleteDeploymentClient($where: PhDeploymentClientWhereUniqueInput!) {
    deletePhDeploymentClient(where: $where) { id }
  }
`);

const statusBadge: Record<string, 'success' | 'processing' | 'default' | 'error' | 'warning'> = {
  Deploying: 'processing',
  Deployed: 'success',
  Stopping: 'processing',
  Stopped: 'default',
  Failed: 'error',
};

function Status({ status, message }: { status?: string | null; message?: string | null }) {
  return (
    <Space orientation="vertical" size={0}>
      <Badge status={statusBadge[status ?? ''] ?? 'default'} text={status ?? 'Deploying'} />
      {message && <Typography.Text type={status === 'Failed' ? 'danger' : 'secondary'}>{message}</Typography.Text>}
    </Space>
  );
}

const title = (text: string) => <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{text}</Typography.Title>;

export function DeploymentsPage() {
  const navigate = useNavigate();
  const columns: ColumnsType<DeploymentRow> = [
    { title: 'Deployment', key: 'name', render: (_, d) => <Link to={`/deployments/${d.id}`}>{d.name || d.id}</Link> },
    { title: 'Group', dataIndex: 'groupName', key: 'groupName' },
    { title: 'Status', key: 'status', render: (_, d) => <Status status={d.status} message={d.message} /> },
    { title: 'Replicas', key: 'replicas', render: (_, d) => `${d.availableReplicas ?? 0} / ${d.replicas ?? 0}` },
    { title: 'Endpoint', dataIndex: 'endpointAccessType', key: 'access' },
    { title: 'Updated', dataIndex: 'lastUpdatedTime', key: 'updated', render: (t?: string) => (t ? new Date(t).toLocaleString() : '') },
  ];
  return (
    <Card
      title={title('Deployments')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/deployments/new')}>
          New deployment
        </Button>
      }
    >
      <ConnectionTable<DeploymentRow>
        spec={deploymentsList}
        columns={columns}
        label="deployments"
        poll={(rows) => (rows.some((d) => d.status === 'Deploying' || d.status === 'Stopping') ? 3000 : 30_000)}
      />
    </Card>
  );
}

export interface DeploymentValues {
  groupId: string;
  name: string;
  description?: string;
  instanceType: string;
  modelImage: string;
  modelURI?: string;
  replicas: number;
  endpointAccessType: 'private' | 'public';
  env?: string;
}

/** NAME=value lines as the API's env. */
export function parseEnv(text = '') {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.indexOf('=');
      return i < 0 ? { name: l, value: '' } : { name: l.slice(0, i).trim(), value: l.slice(i + 1) };
    });
}

export function NewDeploymentPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: ({ env, ...v }: DeploymentValues) => request(createDeployment, { data: { ...v, env: parseEnv(env) } }).then((d) => d.createPhDeployment.id),
    onSuccess: async (id) => {
      await queryClient.invalidateQueries({ queryKey: [deploymentsList.key] });
      navigate(`/deployments/${id}`);
    },
  });
  if (!me) return null;
  return (
    <Card title={title('Deploy a model')}>
      <DeploymentForm
        groups={(me.effectiveGroups ?? []).filter((g) => g.enabledDeployment)}
        onSubmit={(v) => create.mutate(v)}
        submitting={create.isPending}
        error={create.error ? errorMessage(create.error) : undefined}
      />
    </Card>
  );
}

interface FormProps {
  groups: MyGroup[];
  onSubmit: (v: DeploymentValues) => void;
  submitting?: boolean;
  error?: string;
}

/** A model server for a group that deploys models: its image, where the model is, its size. */
export function DeploymentForm({ groups, onSubmit, submitting, error }: FormProps) {
  const [form] = Form.useForm<DeploymentValues>();
  const groupId = Form.useWatch('groupId', form);
  const group = groups.find((g) => g.name === groupId);
  // The group decides whether its endpoints may be public; the API refuses otherwise.
  const publicAllowed = !!group?.allowPublicDeploymentEndpoints;
  const accessType = Form.useWatch('endpointAccessType', form);
  useEffect(() => {
    if (!publicAllowed && accessType === 'public') form.setFieldValue('endpointAccessType', 'private');
  }, [publicAllowed, accessType, form]);
  if (groups.length === 0) {
    return <Empty description="None of your groups deploys models: ask an administrator to enable deployments for one." />;
  }
  return (
    <Form<DeploymentValues>
      form={form}
      layout="vertical"
      aria-label="Deploy a model"
      initialValues={{ groupId: groups.length === 1 ? groups[0].name : undefined, replicas: 1, endpointAccessType: 'private' }}
      onFinish={onSubmit}
      style={{ maxWidth: 720 }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="groupId" label="Group" rules={[{ required: true, message: 'A group is required' }]}>
        <Select options={groups.map((g) => ({ value: g.name, label: g.displayName || g.name }))} placeholder="Choose a group" />
      </Form.Item>
      <Form.Item name="name" label="Deployment name" rules={[{ required: true, whitespace: true, message: 'A name is required' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="description" label="Description">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="instanceType" label="Instance type" rules={[{ required: true, message: 'An instance type is required' }]}>
        <Select
          placeholder="Choose an instance type"
          options={(group?.instanceTypes ?? []).map((it) => ({ value: it.name, label: it.displayName || it.name }))}
        />
      </Form.Item>
      <Form.Item
        name="modelImage"
        label="Model image"
        rules={[{ required: true, whitespace: true, message: 'A model image is required' }]}
        extra="An image of the group, or an image reference such as infuseai/sklearn-prepackaged:v0.1.0; its server listens on port 9000"
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="modelURI"
        label="Model URI"
        extra="Mounted at /mnt/models: pvc://<volume>/<path> (a volume of the group), or s3://, gs://, https:// (fetched)"
        rules={[{ pattern: /^(pvc|s3|gs|https?):\/\/\S+$/, message: 'Start with pvc://, s3://, gs://, http:// or https://' }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="replicas" label="Replicas" rules={[{ required: true }]}>
        <InputNumber min={1} max={100} precision={0} />
      </Form.Item>
      <Form.Item name="env" label="Environment variables" extra="One NAME=value a line">
        <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item
        name="endpointAccessType"
        label="Endpoint"
        extra={group && !publicAllowed ? `Group ${group.name} does not allow public endpoints: an administrator allows them in the group's settings.` : undefined}
      >
        <Radio.Group
          options={[
            { value: 'private', label: 'Private: callers present a client credential' },
            { value: 'public', label: 'Public: anyone may call it', disabled: !publicAllowed },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        Deploy
      </Button>
    </Form>
  );
}

/** The curl example of an endpoint, with a client's credential when it is private. */
export function curlExample(endpoint: string, access: string, client = '<client-name>', secret = '<client-secret>') {
  const auth = access === 'public' ? '' : ` -u ${client}:${secret}`;
  return `curl -X POST${auth} ${endpoint}api/v1.0/predictions -H 'Content-Type: application/json' -d '{"data": {"ndarray": [[1, 2, 3, 4]]}}'`;
}

export function DeploymentPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [made, setMade] = useState<{ name: string; secret: string }>();
  const [logsOf, setLogsOf] = useState<{ name: string; logEndpoint: string }>();
  const [clientName, setClientName] = useState('');
  const { data: me } = useMe();
  const where = { id };
  const { data: d, error } = useQuery({
    queryKey: ['phDeployment', id],
    queryFn: () => request(deploymentQuery, { where }).then((r) => r.phDeployment),
    refetchInterval: (q) => (['Deploying', 'Stopping'].includes(q.state.data?.status ?? '') ? 3000 : 30_000),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['phDeployment', id] });
  const onError = (err: Error) => message.error(errorMessage(err));
  const act = useMutation({
    mutationFn: async (action: 'deploy' | 'stop' | 'delete') => {
      if (action === 'deploy') await request(deployDeployment, { where });
      else if (action === 'stop') await request(stopDeployment, { where });
      else await request(deleteDeployment, { where });
    },
    onSuccess: (_d, action) => (action === 'delete' ? navigate('/deployments') : refresh()),
    onError,
  });
  const addClient = useMutation({
    mutationFn: (name: string) => request(createClient, { data: { deploymentId: id, name } }).then((r) => r.createPhDeploymentClient),
    onSuccess: (c) => {
      setMade({ name: c.name ?? '', secret: c.plainTextToken ?? '' });
      setClientName('');
      void refresh();
    },
    onError,
  });
  const removeClient = useMutation({
    mutationFn: (name: string) => request(deleteClient, { where: { deploymentId: id, name } }),
    onSuccess: () => refresh(),
    onError,
  });
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!d) return null;
  const asked = d.endpointAccessType ?? 'private';
  // A public endpoint of a group that no longer allows public endpoints takes client
  // credentials only (the endpoint asks the group at each call).
  const group = (me?.effectiveGroups ?? []).find((g) => g.name === d.groupName);
  const disallowed = asked === 'public' && !!group && !group.allowPublicDeploymentEndpoints;
  const access = disallowed ? 'private' : asked;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={title(d.name || d.id)}
        extra={
          <Space>
            {d.stop ? (
              <Button onClick={() => act.mutate('deploy')}>Start</Button>
            ) : (
              <Button onClick={() => act.mutate('stop')}>Stop</Button>
            )}
            <Popconfirm title={`Delete deployment ${d.name || d.id}?`} okText="Delete" onConfirm={() => act.mutateAsync('delete')}>
              <Button danger>Delete</Button>
            </Popconfirm>
          </Space>
        }
      >
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="Status"><Status status={d.status} message={d.message} /></Descriptions.Item>
          <Descriptions.Item label="Group">{d.groupName}</Descriptions.Item>
          <Descriptions.Item label="Created by">{d.userName}</Descriptions.Item>
          <Descriptions.Item label="Description">{d.description}</Descriptions.Item>
          <Descriptions.Item label="Model image"><code>{d.modelImage}</code></Descriptions.Item>
          <Descriptions.Item label="Model URI"><code>{d.modelURI}</code></Descriptions.Item>
          <Descriptions.Item label="Instance type">{d.instanceType?.displayName || d.instanceType?.name}</Descriptions.Item>
          <Descriptions.Item label="Replicas">{`${d.availableReplicas ?? 0} of ${d.replicas ?? 0} available`}</Descriptions.Item>
          <Descriptions.Item label="Environment">
            {(d.env ?? []).map((e) => <div key={e?.name}><code>{e?.name}={e?.value}</code></div>)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={title('Endpoint')}>
        <Typography.Paragraph>
          <Typography.Text code copyable>{d.endpoint}</Typography.Text> ({access})
        </Typography.Paragraph>
        {disallowed && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`This deployment asks for a public endpoint, but group ${d.groupName} does not allow public endpoints: callers present a client credential.`}
          />
        )}
        <Typography.Paragraph aria-label="Example call" copyable={{ text: curlExample(d.endpoint ?? '', access) }}>
          <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{curlExample(d.endpoint ?? '', access)}</pre>
        </Typography.Paragraph>
        {access === 'private' && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16 }}>Client credentials</Typography.Title>
            {made && (
              <Alert
                type="success"
                showIcon
                closable
                onClose={() => setMade(undefined)}
                style={{ marginBottom: 16 }}
                title={`Client ${made.name} made. Copy its secret now: it is not shown again.`}
                description={<Typography.Text code copyable>{made.secret}</Typography.Text>}
              />
            )}
            <Table
              rowKey="name"
              size="small"
              pagination={false}
              aria-label="Client credentials"
              dataSource={(d.endpointClients ?? []).filter((c): c is { name: string } => !!c?.name)}
              columns={[
                { title: 'Client', dataIndex: 'name', key: 'name' },
                {
                  title: 'Actions',
                  key: 'actions',
                  render: (_, c) => (
                    <Popconfirm title={`Revoke client ${c.name}?`} okText="Revoke" onConfirm={() => removeClient.mutateAsync(c.name)}>
                      <Button size="small" danger aria-label={`Revoke ${c.name}`}>Revoke</Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
            <Space.Compact style={{ marginTop: 16 }}>
              <Input aria-label="New client name" placeholder="Client name" value={clientName} onChange={(e) => setClientName(e.target.value)} />
              <Button type="primary" disabled={!clientName.trim()} loading={addClient.isPending} onClick={() => addClient.mutate(clientName.trim())}>
                Add client
              </Button>
            </Space.Compact>
          </>
        )}
      </Card>
      <Card title={title('Pods')}>
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          aria-label="Pods"
          dataSource={(d.pods ?? []).filter((p) => !!p?.name).map((p) => ({ name: p?.name ?? '', phase: p?.phase ?? '', logEndpoint: p?.logEndpoint ?? '' }))}
          columns={[
            { title: 'Pod', dataIndex: 'name', key: 'name' },
            { title: 'Phase', dataIndex: 'phase', key: 'phase' },
            { title: 'Logs', key: 'logs', render: (_, p) => <Button size="small" onClick={() => setLogsOf(p)} aria-label={`Logs of ${p.name}`}>Logs</Button> },
          ]}
        />
      </Card>
      <Card title={title('History')}>
        <Table
          rowKey={(h) => h.time ?? ''}
          size="small"
          pagination={false}
          aria-label="History"
          dataSource={(d.history ?? []).filter((h) => !!h).map((h) => ({ time: h?.time, ...h?.deployment }))}
          columns={[
            { title: 'When', dataIndex: 'time', key: 'time', render: (t?: string) => (t ? new Date(t).toLocaleString() : '') },
            { title: 'By', dataIndex: 'userName', key: 'by' },
            { title: 'Model image', dataIndex: 'modelImage', key: 'image', render: (v?: string) => <code>{v}</code> },
            { title: 'Replicas', dataIndex: 'replicas', key: 'replicas' },
            { title: 'Message', dataIndex: 'updateMessage', key: 'message' },
          ]}
        />
      </Card>
      <Drawer title={logsOf ? `Logs of ${logsOf.name}` : ''} open={!!logsOf} onClose={() => setLogsOf(undefined)} size="large" destroyOnHidden>
        {logsOf && <JobLogs endpoint={logsOf.logEndpoint} follow />}
      </Drawer>
    </Space>
  );
}
