import { Form, Input, Radio } from 'antd';
import type { Resource } from '../../components/Resource';
import { NameFields, nameColumns } from '../../components/ResourceFields';
import { compact } from '../../lib/validation';
import { graphql } from '../../gql';

interface Values {
  name: string;
  displayName: string;
  type: 'opaque' | 'kubernetes';
  secret: string;
  registryHost: string;
  username: string;
  password: string;
}


export const secrets: Resource<Values> = {
  singular: 'secret',
  plural: 'Secrets',
  path: '/admin/secrets',
  list: {
    key: 'secretsConnection',
    document: graphql(`
      query SecretsList($page: Int, $where: SecretWhereInput, $order: SecretOrderByInput) {
        list: secretsConnection(page: $page, where: $where, orderBy: $order) {
          pageInfo { currentPage totalPage }
          edges { node { id name displayName type registryHost username } }
        }
      }
    `),
  },
  columns: [
    ...nameColumns,
    { title: 'Type', dataIndex: 'type', key: 'type', render: (t: string) => (t === 'kubernetes' ? 'Image pull secret' : 'Opaque') },
    { title: 'Registry', dataIndex: 'registryHost', key: 'registryHost' },
  ],
  documents: {
    detail: graphql(`
      query SecretDetail($where: SecretWhereUniqueInput!) {
        item: secret(where: $where) { id name displayName type registryHost username }
      }
    `),
    create: graphql(`
      mutation CreateSecret($data: SecretCreateInput!) {
        createSecret(data: $data) { id }
      }
    `),
    update: graphql(`
      mutation UpdateSecret($data: SecretUpdateInput!, $where: SecretWhereUniqueInput!) {
        updateSecret(data: $data, where: $where) { id }
      }
    `),
    remove: graphql(`
      mutation DeleteSecret($where: SecretWhereUniqueInput!) {
        deleteSecret(where: $where) { id }
      }
    `),
  },
  defaults: { name: '', displayName: '', type: 'opaque', secret: '', registryHost: '', username: '', password: '' },
  toForm: (n) => ({ ...n, registryHost: n.registryHost ?? '', username: n.username ?? '', secret: '', password: '' }) as Values,
  // Values are write-only: a field left empty keeps what is stored.
  toInput: ({ name, type, ...v }, node) => (node ? compact(v) : compact({ name, type, ...v })),
  Fields: ({ isNew }) => (
    <>
      <NameFields isNew={isNew} noDescription />
      <Form.Item name="type" label="Type">
        <Radio.Group
          disabled={!isNew}
          options={[
            { value: 'opaque', label: 'Opaque (a value, such as git credentials)' },
            { value: 'kubernetes', label: 'Image pull secret' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['type']}>
        {({ getFieldValue }) =>
          getFieldValue('type') === 'kubernetes' ? (
            <>
              <Form.Item name="registryHost" label="Registry host" rules={[{ required: isNew, message: 'A registry host is required' }]}>
                <Input placeholder="registry.example.com" />
              </Form.Item>
              <Form.Item name="username" label="Registry username" rules={[{ required: isNew, message: 'A username is required' }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="password"
                label="Registry password"
                extra={isNew ? undefined : 'Empty: keep the stored one'}
                rules={[{ required: isNew, message: 'A password is required' }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name="secret"
              label="Value"
              extra={isNew ? undefined : 'Empty: keep the stored one'}
              rules={[{ required: isNew, message: 'A value is required' }]}
            >
              <Input.TextArea rows={3} autoComplete="off" />
            </Form.Item>
          )
        }
      </Form.Item>
    </>
  ),
};
