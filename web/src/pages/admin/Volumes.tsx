import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import type { Resource } from '../../components/Resource';
import { GroupsPicker, SecretPicker } from '../../components/Pickers';
import { globalColumn, NameFields, nameColumns } from '../../components/ResourceFields';
import { everyLine, parseVariables, rules } from '../../lib/validation';
import { graphql } from '../../gql';

type VolumeType = 'pv' | 'nfs' | 'hostPath' | 'git' | 'env';

interface Values {
  name: string;
  displayName: string;
  description: string;
  type: VolumeType;
  volumeSize: number | null;
  nfsServer: string;
  nfsPath: string;
  hostPath: string;
  url: string;
  secret?: string;
  variables: string;
  mountRoot: string;
  homeSymlink: boolean;
  launchGroupOnly: boolean;
  global: boolean;
  groups: string[];
  writableGroups: string[];
}

const envLine = /^[A-Za-z_][A-Za-z0-9_]*=/;

export const volumes: Resource<Values> = {
  singular: 'volume',
  plural: 'Volumes',
  path: '/admin/volumes',
  list: {
    key: 'datasetsConnection',
    document: graphql(`
      query VolumesList($page: Int, $where: DatasetWhereInput, $order: DatasetOrderByInput) {
        list: datasetsConnection(page: $page, where: $where, orderBy: $order) {
          pageInfo { currentPage totalPage }
          edges { node { id name displayName description type global } }
        }
      }
    `),
    search: (text) => ({ search: text }),
  },
  columns: [
    ...nameColumns,
    { title: 'Type', dataIndex: 'type', key: 'type', sorter: true },
    { title: 'Description', dataIndex: 'description', key: 'description', sorter: true },
    globalColumn,
  ],
  documents: {
    detail: graphql(`
      query VolumeDetail($where: DatasetWhereUniqueInput!) {
        item: dataset(where: $where) { id name displayName description type global volumeSize nfsServer nfsPath hostPath url secret { id } variables mountRoot homeSymlink launchGroupOnly groups { id writable } }
      }
    `),
    create: graphql(`
      mutation CreateVolume($data: DatasetCreateInput!) {
        createDataset(data: $data) { id }
      }
    `),
    update: graphql(`
      mutation UpdateVolume($data: DatasetUpdateInput!, $where: DatasetWhereUniqueInput!) {
        updateDataset(data: $data, where: $where) { id }
      }
    `),
    remove: graphql(`
      mutation DeleteVolume($where: DatasetWhereUniqueInput!) {
        deleteDataset(where: $where) { id }
      }
    `),
  },
  defaults: {
    name: '',
    displayName: '',
    description: '',
    type: 'pv',
    volumeSize: 1,
    nfsServer: '',
    nfsPath: '',
    hostPath: '',
    url: '',
    variables: '',
    mountRoot: '/datasets',
    homeSymlink: false,
    launchGroupOnly: true,
    global: false,
    groups: [],
    writableGroups: [],
  },
  toForm: (n) => {
    const groups = (n.groups ?? []) as { id: string; writable: boolean }[];
    return {
      ...n,
      nfsServer: n.nfsServer ?? '',
      nfsPath: n.nfsPath ?? '',
      hostPath: n.hostPath ?? '',
      url: n.url ?? '',
      secret: n.secret?.id ?? undefined,
      mountRoot: n.mountRoot ?? '/datasets',
      variables: Object.entries((n.variables ?? {}) as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
      groups: groups.map((g) => g.id),
      writableGroups: groups.filter((g) => g.writable).map((g) => g.id),
    } as Values;
  },
  toInput: (v, node) => {
    // Only the chosen type's fields are in the form (and in v).
    const byType = {
      pv: () => (node ? {} : { volumeSize: v.volumeSize }), // a claim's size is set once
      nfs: () => ({ nfsServer: v.nfsServer, nfsPath: v.nfsPath }),
      hostPath: () => ({ hostPath: v.hostPath }),
      git: () => ({ url: v.url, secret: v.secret ? { connect: { id: v.secret } } : node ? { disconnect: true } : undefined }),
      env: () => ({ variables: parseVariables(v.variables ?? '') }),
    }[v.type];
    const connect = v.groups.map((id) => ({ id, writable: v.writableGroups.includes(id) }));
    const before = ((node?.groups ?? []) as { id: string }[]).map((g) => g.id);
    const disconnect = before.filter((id) => !v.groups.includes(id)).map((id) => ({ id }));
    return {
      displayName: v.displayName,
      description: v.description,
      global: v.global,
      mountRoot: v.mountRoot,
      homeSymlink: v.homeSymlink,
      launchGroupOnly: v.launchGroupOnly,
      ...byType(),
      ...(node ? { groups: { connect, ...(disconnect.length ? { disconnect } : {}) } } : { name: v.name, type: v.type, groups: { connect } }),
    };
  },
  Fields: ({ isNew }) => (
    <>
      <NameFields isNew={isNew} />
      <Form.Item name="type" label="Type">
        <Select
          disabled={!isNew}
          options={[
            { value: 'pv', label: 'Persistent volume' },
            { value: 'nfs', label: 'NFS' },
            { value: 'hostPath', label: 'Host path' },
            { value: 'git', label: 'Git repository' },
            { value: 'env', label: 'Environment variables' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['type']}>
        {({ getFieldValue }) => <TypeFields type={getFieldValue('type')} isNew={isNew} />}
      </Form.Item>
      <Form.Item name="mountRoot" label="Mount root" rules={rules.absolutePath} extra="Mounted at <mount root>/<name>">
        <Input />
      </Form.Item>
      <Form.Item name="homeSymlink" valuePropName="checked">
        <Checkbox>A link to it in the home directory</Checkbox>
      </Form.Item>
      <Form.Item name="launchGroupOnly" valuePropName="checked">
        <Checkbox>Mounted only in notebooks launched in a granted group</Checkbox>
      </Form.Item>
      <Form.Item name="global" valuePropName="checked">
        <Checkbox>Global: every group may use it (read-only)</Checkbox>
      </Form.Item>
      <Form.Item name="groups" label="Groups">
        <GroupsPicker placeholder="Groups granted this volume" />
      </Form.Item>
      <Form.Item noStyle dependencies={['groups']}>
        {({ getFieldValue }) => (
          <Form.Item name="writableGroups" label="Groups that may write">
            <Select
              mode="multiple"
              allowClear
              options={(getFieldValue('groups') as string[]).map((g) => ({ value: g, label: g }))}
            />
          </Form.Item>
        )}
      </Form.Item>
    </>
  ),
};

function TypeFields({ type, isNew }: { type: VolumeType; isNew: boolean }) {
  switch (type) {
    case 'pv':
      return (
        <Form.Item name="volumeSize" label="Size (GB)" rules={[{ required: true, message: 'A size is required' }]} extra="Cannot be changed later">
          <InputNumber min={1} disabled={!isNew} />
        </Form.Item>
      );
    case 'nfs':
      return (
        <>
          <Form.Item name="nfsServer" label="NFS server" rules={[{ required: true, message: 'An NFS server is required' }]}>
            <Input placeholder="nfs.example.com" />
          </Form.Item>
          <Form.Item name="nfsPath" label="NFS path" rules={[{ required: true, message: 'An NFS path is required' }, ...rules.absolutePath]}>
            <Input placeholder="/exports/data" />
          </Form.Item>
        </>
      );
    case 'hostPath':
      return (
        <Form.Item name="hostPath" label="Host path" rules={[{ required: true, message: 'A host path is required' }, ...rules.absolutePath]}>
          <Input placeholder="/mnt/data" />
        </Form.Item>
      );
    case 'git':
      return (
        <>
          <Form.Item name="url" label="Repository URL" rules={[{ required: true, message: 'A repository URL is required' }]}>
            <Input placeholder="https://github.com/org/repo" />
          </Form.Item>
          <Form.Item name="secret" label="Credentials" extra="For a private repository: a secret holding its credentials">
            <SecretPicker pull={false} placeholder="None" />
          </Form.Item>
        </>
      );
    case 'env':
      return (
        <Form.Item
          name="variables"
          label="Variables"
          extra="One NAME=value a line"
          rules={[everyLine(envLine, 'Each line must be NAME=value, NAME of letters, digits and _')]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      );
  }
}
