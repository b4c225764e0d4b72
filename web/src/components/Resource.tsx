// The list and form pages every admin resource has: a searchable, sortable, paged table
// with edit and delete, and one form for creating and editing that shows the API's errors.
import { useState, type ComponentType, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Form, Popconfirm, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import type { TypedDocumentString } from '../gql/graphql';
import { ConnectionTable, type ListSpec } from './ConnectionTable';

/** An object as the API answers it: its fields depend on the query. */
export type Node = Record<string, any>;

export interface Resource<V extends object> {
  /** In sentences: "instance type". */
  singular: string;
  /** As a title: "Instance types". */
  plural: string;
  /** Where its pages are, e.g. /admin/instance-types. */
  path: string;
  list: ListSpec<any>;
  columns: ColumnsType<Node>;
  /**
   * The query of one (aliased item) and the mutations, written with graphql() so they are
   * checked against the schema. Their data is the form's, as toInput makes it.
   */
  documents: {
    detail: TypedDocumentString<{ item: Node | null }, { where: { id: string } }>;
    create: TypedDocumentString<unknown, { data: any }>;
    update: TypedDocumentString<unknown, { data: any; where: { id: string } }>;
    remove: TypedDocumentString<unknown, { where: { id: string } }>;
  };
  /** Form values of a stored node, and the values a new one starts with. */
  toForm: (node: Node) => V;
  defaults: V;
  /** The mutation's data from the form's values; node is the stored one when editing. */
  toInput: (values: V, node?: Node) => Record<string, unknown>;
  /** What else saving an existing one does, after its update (a user's new password). */
  afterUpdate?: (values: V, node: Node) => Promise<unknown>;
  /** The form's items; isNew tells whether the name may still be chosen. */
  Fields: ComponentType<{ isNew: boolean; node?: Node }>;
}

export function ResourceList<V extends object>({ resource: r }: { resource: Resource<V> }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => request(r.documents.remove, { where: { id } }),
    onSuccess: (_data, id) => {
      message.success(`Deleted ${r.singular} ${id}`);
      return queryClient.invalidateQueries({ queryKey: [r.list.key] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const columns: ColumnsType<Node> = [
    ...r.columns,
    {
      title: 'Actions',
      key: 'actions',
      render: (_, node) => (
        <Space>
          <Link to={`${r.path}/${encodeURIComponent(node.id)}`} aria-label={`Edit ${node.name ?? node.username ?? node.id}`}>
            Edit
          </Link>
          <Popconfirm
            title={`Delete ${r.singular} ${node.id}?`}
            okText="Delete"
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(node.id)}
          >
            <Button type="link" danger size="small" aria-label={`Delete ${node.name ?? node.username ?? node.id}`}>
              Delete
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{r.plural}</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${r.path}/new`)}>
          New {r.singular}
        </Button>
      }
    >
      <ConnectionTable spec={r.list} columns={columns} label={r.plural.toLowerCase()} />
    </Card>
  );
}

/** The create form at <path>/new and the edit form at <path>/<id>. */
export function ResourceFormPage<V extends object>({ resource: r }: { resource: Resource<V> }) {
  const { id } = useParams();
  const isNew = id === undefined;
  const { data, error, isLoading } = useQuery({
    queryKey: [r.path, id],
    queryFn: () => request(r.documents.detail, { where: { id: id ?? '' } }),
    enabled: !isNew,
  });
  const title = isNew ? `New ${r.singular}` : `Edit ${r.singular} ${id}`;
  if (!isNew && (isLoading || error || !data?.item)) {
    return (
      <Card title={title}>
        {isLoading ? <Spin /> : <Alert type="error" showIcon title={error ? errorMessage(error) : `No ${r.singular} ${id}`} />}
      </Card>
    );
  }
  return <ResourceForm resource={r} node={data?.item ?? undefined} title={title} />;
}

function ResourceForm<V extends object>({ resource: r, node, title }: { resource: Resource<V>; node?: Node; title: ReactNode }) {
  const [form] = Form.useForm<V>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [apiError, setApiError] = useState<string>();
  const save = useMutation({
    mutationFn: async (values: V) => {
      if (!node) {
        return request(r.documents.create, { data: r.toInput(values) });
      }
      await request(r.documents.update, {
        data: r.toInput(values, node),
        where: { id: node.id },
      });
      return r.afterUpdate?.(values, node);
    },
    onSuccess: async () => {
      message.success(node ? `Saved ${r.singular} ${node.id}` : `Created the ${r.singular}`);
      await queryClient.invalidateQueries();
      navigate(r.path);
    },
    onError: (err) => setApiError(errorMessage(err)),
  });
  const label = typeof title === 'string' ? title : r.singular;
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{title}</Typography.Title>}>
      <Form<V>
        form={form}
        layout="vertical"
        aria-label={label}
        initialValues={node ? r.toForm(node) : r.defaults}
        onFinish={(values) => {
          setApiError(undefined);
          save.mutate(values);
        }}
        style={{ maxWidth: 720 }}
        scrollToFirstError
      >
        {apiError && <Alert type="error" showIcon title={apiError} role="alert" style={{ marginBottom: 16 }} />}
        <r.Fields isNew={!node} node={node} />
        <Flex gap="small">
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {node ? 'Save' : 'Create'}
          </Button>
          <Button onClick={() => navigate(r.path)}>Cancel</Button>
        </Flex>
      </Form>
    </Card>
  );
}
