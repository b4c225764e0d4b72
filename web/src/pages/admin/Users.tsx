import { Checkbox, Form, Input, InputNumber } from 'antd';
import type { Resource } from '../../components/Resource';
import { GroupsPicker } from '../../components/Pickers';
import { relationChange, rules } from '../../lib/validation';
import { request } from '../../lib/api';
import { graphql } from '../../gql';

interface Values {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  isAdmin: boolean;
  enabled: boolean;
  volumeCapacity: number | null;
  groups: string[];
}

const resetPassword = graphql(`
  mutation ResetPassword($id: String, $password: String) {
    resetPassword(id: $id, password: $password) { id }
  }
`);


// everyone holds every user: it is neither shown nor chosen.
const memberships = (groups?: { id: string }[] | null) => (groups ?? []).map((g) => g.id).filter((g) => g !== 'everyone');

export const users: Resource<Values> = {
  singular: 'user',
  plural: 'Users',
  path: '/admin/users',
  list: {
    key: 'usersConnection',
    document: graphql(`
      query UsersList($page: Int, $where: UserWhereInput, $order: UsersOrderBy) {
        list: usersConnection(page: $page, where: $where, userOrderBy: $order) {
          pageInfo { currentPage totalPage }
          edges { node { id username email firstName lastName isAdmin enabled } }
        }
      }
    `),
    orderStyle: 'userOrderBy',
    search: (text) => ({ search: text }),
  },
  columns: [
    // The API orders users ascending only.
    { title: 'Username', dataIndex: 'username', key: 'username', sorter: true, sortDirections: ['ascend'] },
    { title: 'Email', dataIndex: 'email', key: 'email', sorter: true, sortDirections: ['ascend'] },
    { title: 'Name', key: 'name', render: (_, u) => [u.firstName, u.lastName].filter(Boolean).join(' ') },
    { title: 'Admin', dataIndex: 'isAdmin', key: 'isAdmin', render: (a: boolean) => (a ? 'Yes' : 'No') },
    { title: 'Enabled', dataIndex: 'enabled', key: 'enabled', render: (e: boolean) => (e ? 'Yes' : 'No') },
  ],
  documents: {
    detail: graphql(`
      query UserDetail($where: UserWhereUniqueInput!) {
        item: user(where: $where) { id username email firstName lastName isAdmin enabled volumeCapacity groups { id } }
      }
    `),
    create: graphql(`
      mutation CreateUser($data: UserCreateInput!) {
        createUser(data: $data) { id }
      }
    `),
    update: graphql(`
      mutation UpdateUser($data: UserUpdateInput!, $where: UserWhereUniqueInput!) {
        updateUser(data: $data, where: $where) { id }
      }
    `),
    remove: graphql(`
      mutation DeleteUser($where: UserWhereUniqueInput!) {
        deleteUser(where: $where) { id }
      }
    `),
  },
  defaults: {
    username: '',
    email: '',
    firstName: '',
    lastName: '',
    password: '',
    isAdmin: false,
    enabled: true,
    volumeCapacity: null,
    groups: [],
  },
  toForm: (n) => ({ ...n, password: '', groups: memberships(n.groups) }) as Values,
  toInput: ({ username, password, groups, volumeCapacity, ...v }, node) =>
    node
      ? { ...v, volumeCapacity: volumeCapacity ?? null, groups: relationChange(memberships(node.groups), groups) }
      : {
          ...v,
          username,
          volumeCapacity: volumeCapacity ?? null,
          ...(password ? { password } : {}),
          groups: { connect: groups.map((id) => ({ id })) },
        },
  afterUpdate: ({ password }, node) =>
    password
      ? request(resetPassword, { id: node.id, password })
      : Promise.resolve(),
  Fields: ({ isNew }) => (
    <>
      <Form.Item name="username" label="Username" rules={rules.username} extra="Cannot be changed later">
        <Input disabled={!isNew} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="password"
        label={isNew ? 'Password' : 'New password'}
        rules={rules.password}
        extra={isNew ? 'Empty: the user cannot log in until one is set' : 'Empty: keep the current one'}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="email" label="Email" rules={rules.email}>
        <Input type="email" autoComplete="off" />
      </Form.Item>
      <Form.Item name="firstName" label="First name">
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="lastName" label="Last name">
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="isAdmin" valuePropName="checked">
        <Checkbox>System administrator</Checkbox>
      </Form.Item>
      <Form.Item name="enabled" valuePropName="checked">
        <Checkbox>Enabled: may log in</Checkbox>
      </Form.Item>
      <Form.Item name="volumeCapacity" label="Home volume (GB)" extra="Empty: the group's or the system's default">
        <InputNumber min={1} precision={0} />
      </Form.Item>
      <Form.Item name="groups" label="Groups">
        <GroupsPicker placeholder="Groups the user is a member of" />
      </Form.Item>
    </>
  ),
};
