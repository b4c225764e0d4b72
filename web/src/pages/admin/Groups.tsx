import { Checkbox, Col, Divider, Form, InputNumber, Row, Select } from 'antd';
import type { Resource } from '../../components/Resource';
import { DatasetsPicker, ImagesPicker, InstanceTypesPicker, UsersPicker } from '../../components/Pickers';
import { NameFields, nameColumns } from '../../components/ResourceFields';
import { relationChange, rules } from '../../lib/validation';
import { graphql } from '../../gql';

interface Values {
  name: string;
  displayName: string;
  quotaCpu: number | null;
  quotaGpu: number | null;
  quotaMemory: number | null;
  projectQuotaCpu: number | null;
  projectQuotaGpu: number | null;
  projectQuotaMemory: number | null;
  userVolumeCapacity: number | null;
  enabledSharedVolume: boolean;
  sharedVolumeCapacity: number | null;
  launchGroupOnly: boolean;
  enabledProfile: boolean;
  enabledDeployment: boolean;
  maxDeploy: number | null;
  allowPublicDeploymentEndpoints: boolean;
  jobDefaultActiveDeadlineSeconds: number | null;
  users: string[];
  admins: string[];
  instanceTypes: string[];
  images: string[];
  datasets: string[];
}

const quotaFields = [
  'quotaCpu',
  'quotaGpu',
  'quotaMemory',
  'projectQuotaCpu',
  'projectQuotaGpu',
  'projectQuotaMemory',
  'userVolumeCapacity',
  'sharedVolumeCapacity',
  'jobDefaultActiveDeadlineSeconds',
  'maxDeploy',
] as const;


const unlimited = (v: number | null) => (v == null ? 'No limit' : v);
const ids = (list?: { id: string }[] | null) => (list ?? []).map((x) => x.id);

export const groups: Resource<Values> = {
  singular: 'group',
  plural: 'Groups',
  path: '/admin/groups',
  list: {
    key: 'groupsConnection',
    document: graphql(`
      query GroupsList($page: Int, $where: GroupWhereInput, $order: GroupOrderByInput) {
        list: groupsConnection(page: $page, where: $where, orderBy: $order) {
          pageInfo { currentPage totalPage }
          edges { node { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins } }
        }
      }
    `),
    search: (text) => ({ search: text }),
  },
  columns: [
    ...nameColumns,
    { title: 'CPU per user', dataIndex: 'quotaCpu', key: 'quotaCpu', sorter: true, render: unlimited },
    { title: 'GPU per user', dataIndex: 'quotaGpu', key: 'quotaGpu', sorter: true, render: unlimited },
    { title: 'Group CPU', dataIndex: 'projectQuotaCpu', key: 'projectQuotaCpu', sorter: true, render: unlimited },
    { title: 'Group GPU', dataIndex: 'projectQuotaGpu', key: 'projectQuotaGpu', sorter: true, render: unlimited },
    { title: 'Admins', dataIndex: 'admins', key: 'admins' },
  ],
  documents: {
    detail: graphql(`
      query GroupDetail($where: GroupWhereUniqueInput!) {
        item: group(where: $where) { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins userVolumeCapacity enabledSharedVolume sharedVolumeCapacity launchGroupOnly enabledProfile enabledDeployment maxDeploy allowPublicDeploymentEndpoints jobDefaultActiveDeadlineSeconds users { id } instanceTypes { id } images(mode: SYSTEM_ONLY) { id } datasets { id } }
      }
    `),
    create: graphql(`
      mutation CreateGroup($data: GroupCreateInput!) {
        createGroup(data: $data) { id }
      }
    `),
    update: graphql(`
      mutation UpdateGroup($data: GroupUpdateInput!, $where: GroupWhereUniqueInput!) {
        updateGroup(data: $data, where: $where) { id }
      }
    `),
    remove: graphql(`
      mutation DeleteGroup($where: GroupWhereUniqueInput!) {
        deleteGroup(where: $where) { id }
      }
    `),
  },
  defaults: {
    name: '',
    displayName: '',
    quotaCpu: null,
    quotaGpu: null,
    quotaMemory: null,
    projectQuotaCpu: null,
    projectQuotaGpu: null,
    projectQuotaMemory: null,
    userVolumeCapacity: null,
    enabledSharedVolume: false,
    sharedVolumeCapacity: null,
    launchGroupOnly: true,
    enabledProfile: false,
    enabledDeployment: false,
    maxDeploy: null,
    allowPublicDeploymentEndpoints: false,
    jobDefaultActiveDeadlineSeconds: null,
    users: [],
    admins: [],
    instanceTypes: [],
    images: [],
    datasets: [],
  },
  toForm: (n) =>
    ({
      ...n,
      admins: n.admins ? String(n.admins).split(',').filter(Boolean) : [],
      users: ids(n.users),
      instanceTypes: ids(n.instanceTypes),
      images: ids(n.images),
      datasets: ids(n.datasets),
    }) as Values,
  toInput: (v, node) => {
    const input: Record<string, unknown> = {
      displayName: v.displayName,
      enabledSharedVolume: v.enabledSharedVolume,
      launchGroupOnly: v.launchGroupOnly,
      enabledProfile: v.enabledProfile,
      enabledDeployment: v.enabledDeployment,
      allowPublicDeploymentEndpoints: v.allowPublicDeploymentEndpoints,
      admins: v.admins.join(','),
      instanceTypes: { set: v.instanceTypes },
      images: { set: v.images },
      datasets: { set: v.datasets },
      users: node ? relationChange(ids(node.users), v.users) : { connect: v.users.map((id) => ({ id })) },
    };
    // An empty quota or default is none: null clears a stored one.
    for (const f of quotaFields) input[f] = v[f] ?? null;
    if (!node) input.name = v.name;
    return input;
  },
  Fields: ({ isNew }) => (
    <>
      <NameFields isNew={isNew} nameRules={rules.groupName} noDescription />
      <Divider titlePlacement="start">Members</Divider>
      <Form.Item name="users" label="Members">
        <UsersPicker placeholder="Users in this group" />
      </Form.Item>
      <Form.Item noStyle dependencies={['users']}>
        {({ getFieldValue }) => (
          <Form.Item name="admins" label="Group administrators" extra="Members who manage the group's members and images">
            <Select
              mode="multiple"
              allowClear
              options={(getFieldValue('users') as string[]).map((u) => ({ value: u, label: u }))}
            />
          </Form.Item>
        )}
      </Form.Item>
      <Divider titlePlacement="start">Quotas (empty: no limit)</Divider>
      <Row gutter={16}>
        <QuotaItem name="quotaCpu" label="CPU per user (cores)" step={0.5} />
        <QuotaItem name="quotaGpu" label="GPUs per user" integer />
        <QuotaItem name="quotaMemory" label="Memory per user (GB)" step={1} />
      </Row>
      <Row gutter={16}>
        <QuotaItem name="projectQuotaCpu" label="Group CPU (cores)" step={0.5} />
        <QuotaItem name="projectQuotaGpu" label="Group GPUs" integer />
        <QuotaItem name="projectQuotaMemory" label="Group memory (GB)" step={1} />
      </Row>
      <Row gutter={16}>
        <QuotaItem name="userVolumeCapacity" label="Home volume per user (GB)" integer extra="Empty: the system default" />
      </Row>
      <Divider titlePlacement="start">Shared volume</Divider>
      <Form.Item name="enabledSharedVolume" valuePropName="checked">
        <Checkbox>A volume shared by the group's members, at /project/&lt;group&gt;</Checkbox>
      </Form.Item>
      <Form.Item noStyle dependencies={['enabledSharedVolume']}>
        {({ getFieldValue }) =>
          getFieldValue('enabledSharedVolume') && (
            <>
              <Form.Item name="sharedVolumeCapacity" label="Shared volume size (GB)" extra="Empty: the server's default">
                <InputNumber min={1} precision={0} />
              </Form.Item>
              <Form.Item name="launchGroupOnly" valuePropName="checked">
                <Checkbox>Mounted only in notebooks launched in this group</Checkbox>
              </Form.Item>
            </>
          )
        }
      </Form.Item>
      <Divider titlePlacement="start">Resources</Divider>
      <Form.Item name="instanceTypes" label="Instance types">
        <InstanceTypesPicker placeholder="Instance types granted to the group" />
      </Form.Item>
      <Form.Item name="images" label="Images">
        <ImagesPicker placeholder="Images granted to the group" />
      </Form.Item>
      <Form.Item name="datasets" label="Volumes">
        <DatasetsPicker placeholder="Volumes granted to the group" />
      </Form.Item>
      <Form.Item name="jobDefaultActiveDeadlineSeconds" label="Jobs' default time limit (seconds)" extra="Empty: the system's">
        <InputNumber min={1} precision={0} />
      </Form.Item>
      <Form.Item name="enabledProfile" valuePropName="checked">
        <Checkbox>A profile namespace of the group's own</Checkbox>
      </Form.Item>
      <Form.Item name="enabledDeployment" valuePropName="checked">
        <Checkbox>Members may deploy models</Checkbox>
      </Form.Item>
      <Form.Item name="maxDeploy" label="Deployments running at once" extra="Empty: no limit">
        <InputNumber min={0} precision={0} placeholder="No limit" />
      </Form.Item>
      <Form.Item
        name="allowPublicDeploymentEndpoints"
        valuePropName="checked"
        extra="Off: every endpoint of the group takes client credentials only, even one its deployment asks to be public."
      >
        <Checkbox>Deployments may have public endpoints</Checkbox>
      </Form.Item>
    </>
  ),
};

function QuotaItem({ name, label, step = 1, integer, extra }: { name: string; label: string; step?: number; integer?: boolean; extra?: string }) {
  return (
    <Col xs={24} sm={8}>
      <Form.Item name={name} label={label} extra={extra}>
        <InputNumber min={0} step={step} precision={integer ? 0 : undefined} placeholder="No limit" style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
}
