import { Checkbox, Form, Input, InputNumber } from 'antd';
import type { Resource } from '../../components/Resource';
import { GroupsPicker } from '../../components/Pickers';
import { globalColumn, NameFields, nameColumns } from '../../components/ResourceFields';
import { everyLine, groupIds, groupsInput, lines, parseVariables } from '../../lib/validation';
import { graphql } from '../../gql';

interface Values {
  name: string;
  displayName: string;
  description: string;
  cpuLimit: number;
  cpuRequest: number | null;
  memoryLimit: number;
  memoryRequest: number | null;
  gpuLimit: number;
  gpuResourceName: string;
  nodeSelector: string;
  tolerations: string;
  global: boolean;
  groups: string[];
}


const labelLine = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?=[-A-Za-z0-9_.]*$/;

export const instanceTypes: Resource<Values> = {
  singular: 'instance type',
  plural: 'Instance types',
  path: '/admin/instance-types',
  list: {
    key: 'instanceTypesConnection',
    document: graphql(`
      query InstanceTypesList($page: Int, $where: InstanceTypeWhereInput, $order: InstanceTypeOrderByInput) {
        list: instanceTypesConnection(page: $page, where: $where, orderBy: $order) {
          pageInfo { currentPage totalPage }
          edges { node { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global } }
        }
      }
    `),
    search: (text) => ({ search: text }),
  },
  columns: [
    ...nameColumns,
    { title: 'CPU', dataIndex: 'cpuLimit', key: 'cpuLimit', sorter: true },
    { title: 'Memory (GB)', dataIndex: 'memoryLimit', key: 'memoryLimit', sorter: true },
    { title: 'GPU', dataIndex: 'gpuLimit', key: 'gpuLimit', sorter: true },
    globalColumn,
  ],
  documents: {
    detail: graphql(`
      query InstanceTypeDetail($where: InstanceTypeWhereUniqueInput!) {
        item: instanceType(where: $where) { id name displayName description cpuLimit cpuRequest memoryLimit memoryRequest gpuLimit global gpuResourceName nodeSelector tolerations { operator key value effect } groups { id } }
      }
    `),
    create: graphql(`
      mutation CreateInstanceType($data: InstanceTypeCreateInput!) {
        createInstanceType(data: $data) { id }
      }
    `),
    update: graphql(`
      mutation UpdateInstanceType($data: InstanceTypeUpdateInput!, $where: InstanceTypeWhereUniqueInput!) {
        updateInstanceType(data: $data, where: $where) { id }
      }
    `),
    remove: graphql(`
      mutation DeleteInstanceType($where: InstanceTypeWhereUniqueInput!) {
        deleteInstanceType(where: $where) { id }
      }
    `),
  },
  defaults: {
    name: '',
    displayName: '',
    description: '',
    cpuLimit: 1,
    cpuRequest: null,
    memoryLimit: 1,
    memoryRequest: null,
    gpuLimit: 0,
    gpuResourceName: '',
    nodeSelector: '',
    tolerations: '',
    global: false,
    groups: [],
  },
  toForm: (n) =>
    ({
      ...n,
      gpuResourceName: n.gpuResourceName ?? '',
      nodeSelector: Object.entries((n.nodeSelector ?? {}) as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
      tolerations: ((n.tolerations ?? []) as Toleration[]).map(formatToleration).join('\n'),
      groups: groupIds(n),
    }) as Values,
  toInput: ({ groups, name, nodeSelector, tolerations, gpuResourceName, ...v }, node) => ({
    ...v,
    tolerations: { set: lines(tolerations).map(parseToleration) },
    // Empty: nvidia.com/gpu.
    gpuResourceName: gpuResourceName || undefined,
    nodeSelector: parseVariables(nodeSelector ?? ''),
    ...(node ? {} : { name }),
    groups: groupsInput(node, groups),
  }),
  Fields: ({ isNew }) => (
    <>
      <NameFields isNew={isNew} />
      <Form.Item name="cpuLimit" label="CPU limit (cores)" rules={[{ required: true, message: 'A CPU limit is required' }]}>
        <InputNumber min={0.1} step={0.5} />
      </Form.Item>
      <Form.Item name="cpuRequest" label="CPU request (cores)" extra="Empty: the limit" dependencies={['cpuLimit']} rules={[notAbove('cpuLimit', 'CPU')]}>
        <InputNumber min={0} step={0.5} />
      </Form.Item>
      <Form.Item name="memoryLimit" label="Memory limit (GB)" rules={[{ required: true, message: 'A memory limit is required' }]}>
        <InputNumber min={0.1} step={0.5} />
      </Form.Item>
      <Form.Item
        name="memoryRequest"
        label="Memory request (GB)"
        extra="Empty: the limit"
        dependencies={['memoryLimit']}
        rules={[notAbove('memoryLimit', 'memory')]}
      >
        <InputNumber min={0} step={0.5} />
      </Form.Item>
      <Form.Item name="gpuLimit" label="GPUs">
        <InputNumber min={0} max={1024} precision={0} />
      </Form.Item>
      <Form.Item
        name="gpuResourceName"
        label="GPU resource"
        extra="Empty: nvidia.com/gpu"
        rules={[{ pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/, message: 'A resource name such as nvidia.com/gpu' }]}
      >
        <Input placeholder="nvidia.com/gpu" />
      </Form.Item>
      <Form.Item
        name="nodeSelector"
        label="Node selector"
        extra="Node labels the container must run on, one label=value a line"
        rules={[everyLine(labelLine, 'Each line must be label=value')]}
      >
        <Input.TextArea rows={2} placeholder="primehub.io/node-type=gpu" />
      </Form.Item>
      <Form.Item
        name="tolerations"
        label="Tolerations"
        extra="Node taints the container tolerates, one a line as kubectl writes taints: key=value:Effect, or key:Effect for any value (Effect: NoSchedule, PreferNoSchedule or NoExecute)"
        rules={[everyLine(tolerationLine, 'Each line must be key=value:Effect or key:Effect')]}
      >
        <Input.TextArea rows={2} placeholder="nvidia.com/gpu:NoSchedule" />
      </Form.Item>
      <Form.Item name="global" valuePropName="checked">
        <Checkbox>Global: every group may use it</Checkbox>
      </Form.Item>
      <Form.Item name="groups" label="Groups">
        <GroupsPicker placeholder="Groups granted this instance type" />
      </Form.Item>
    </>
  ),
};

/** A request may not exceed its limit, as Kubernetes refuses. */
function notAbove(limitField: string, what: string) {
  return ({ getFieldValue }: { getFieldValue: (f: string) => unknown }) => ({
    validator: (_: unknown, v: number | null) =>
      v == null || v <= (getFieldValue(limitField) as number)
        ? Promise.resolve()
        : Promise.reject(new Error(`The ${what} request cannot be more than its limit`)),
  });
}

interface Toleration {
  operator: string;
  key?: string | null;
  value?: string | null;
  effect?: string | null;
}

// key=value:Effect (Equal) or key:Effect (Exists), as kubectl writes taints.
const tolerationLine = /^([A-Za-z0-9][-A-Za-z0-9_./]*)(=([-A-Za-z0-9_.]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;


function parseToleration(line: string): Toleration {
  const [, key, hasValue, value, effect] = tolerationLine.exec(line) ?? [];
  return hasValue ? { operator: 'Equal', key, value, effect } : { operator: 'Exists', key, effect };
}

function formatToleration(t: Toleration) {
  return `${t.key ?? ''}${t.operator === 'Equal' ? `=${t.value ?? ''}` : ''}:${t.effect ?? ''}`;
}
