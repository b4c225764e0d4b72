import { Checkbox, Form, Input, Select } from 'antd';
import type { Resource } from '../../components/Resource';
import { GroupsPicker, SecretPicker } from '../../components/Pickers';
import { globalColumn, NameFields, nameColumns } from '../../components/ResourceFields';
import { groupIds, groupsInput } from '../../lib/validation';
import { graphql } from '../../gql';

interface Values {
  name: string;
  displayName: string;
  description: string;
  type: 'cpu' | 'gpu' | 'both';
  url: string;
  urlForGpu: string;
  useImagePullSecret?: string;
  global: boolean;
  groups: string[];
}


export const images: Resource<Values> = {
  singular: 'image',
  plural: 'Images',
  path: '/admin/images',
  list: {
    key: 'imagesConnection',
    document: graphql(`
      query ImagesList($page: Int, $where: ImageWhereInput, $order: ImageOrderByInput) {
        list: imagesConnection(page: $page, where: $where, orderBy: $order) {
          pageInfo { currentPage totalPage }
          edges { node { id name displayName description type url urlForGpu useImagePullSecret global groupName } }
        }
      }
    `),
    // Images have no search: any of name, display name or description matches.
    search: (text) => ({
      _or: [{ name_contains: text }, { displayName_contains: text }, { description_contains: text }],
    }),
  },
  columns: [
    ...nameColumns,
    { title: 'Type', dataIndex: 'type', key: 'type', sorter: true },
    { title: 'URL', dataIndex: 'url', key: 'url' },
    { title: 'Group', dataIndex: 'groupName', key: 'groupName' },
    globalColumn,
  ],
  documents: {
    detail: graphql(`
      query ImageDetail($where: ImageWhereUniqueInput!) {
        item: image(where: $where) { id name displayName description type url urlForGpu useImagePullSecret global groupName groups { id } }
      }
    `),
    create: graphql(`
      mutation CreateImage($data: ImageCreateInput!) {
        createImage(data: $data) { id }
      }
    `),
    update: graphql(`
      mutation UpdateImage($data: ImageUpdateInput!, $where: ImageWhereUniqueInput!) {
        updateImage(data: $data, where: $where) { id }
      }
    `),
    remove: graphql(`
      mutation DeleteImage($where: ImageWhereUniqueInput!) {
        deleteImage(where: $where) { id }
      }
    `),
  },
  defaults: {
    name: '',
    displayName: '',
    description: '',
    type: 'both',
    url: '',
    urlForGpu: '',
    useImagePullSecret: undefined,
    global: false,
    groups: [],
  },
  toForm: (n) =>
    ({
      ...n,
      urlForGpu: n.urlForGpu ?? '',
      useImagePullSecret: n.useImagePullSecret ?? undefined,
      groups: groupIds(n),
    }) as Values,
  toInput: ({ groups, name, useImagePullSecret, ...v }, node) => ({
    ...v,
    // Cleared: no pull secret.
    useImagePullSecret: useImagePullSecret ?? '',
    ...(node ? {} : { name }),
    groups: groupsInput(node, groups),
  }),
  Fields: ({ isNew }) => (
    <>
      <NameFields isNew={isNew} />
      <Form.Item name="type" label="Type">
        <Select
          options={[
            { value: 'cpu', label: 'CPU' },
            { value: 'gpu', label: 'GPU' },
            { value: 'both', label: 'Universal (CPU and GPU)' },
          ]}
        />
      </Form.Item>
      <Form.Item name="url" label="Container image URL" rules={[{ required: true, message: 'An image URL is required' }, { max: 1024 }]}>
        <Input placeholder="jupyter/base-notebook:latest" />
      </Form.Item>
      <Form.Item name="urlForGpu" label="Container image URL for GPU" extra="Empty: the same URL" rules={[{ max: 1024 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="useImagePullSecret" label="Pull secret" extra="For a private registry: one of the image pull secrets">
        <SecretPicker pull placeholder="None" />
      </Form.Item>
      <Form.Item name="global" valuePropName="checked">
        <Checkbox>Global: every group may use it</Checkbox>
      </Form.Item>
      <Form.Item name="groups" label="Groups">
        <GroupsPicker placeholder="Groups granted this image" />
      </Form.Item>
    </>
  ),
};
