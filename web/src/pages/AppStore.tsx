import { Alert, Button, Card, Col, Empty, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import { graphql } from '../gql';
import { useMe, type MyGroup } from '../lib/me';
import { useAppTemplates, type AppTemplate } from '../lib/apps';
import { scopeLabel } from './Apps';

/** The templates administrators published, each to install. */
export function AppStorePage() {
  const { data: templates, error, isLoading } = useAppTemplates();
  const navigate = useNavigate();
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>App store</Typography.Title>} loading={isLoading}>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      {templates?.length === 0 && <Empty description="No app templates yet: administrators publish them." />}
      <Row gutter={[16, 16]}>
        {(templates ?? []).map((t) => (
          <Col key={t.id} xs={24} sm={12} lg={8}>
            <Card
              title={t.name || t.id}
              extra={t.version && <Typography.Text type="secondary">{t.version}</Typography.Text>}
              actions={[
                <Button key="install" type="link" onClick={() => navigate(`/apps/install/${t.id}`)} aria-label={`Install ${t.id}`}>
                  Install
                </Button>,
              ]}
            >
              <Typography.Paragraph>{t.description}</Typography.Paragraph>
              {t.docLink && (
                <Typography.Link href={t.docLink} target="_blank" rel="noopener noreferrer">
                  Documentation
                </Typography.Link>
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

const install = graphql(`
  mutation InstallApp($data: PhApplicationCreateInput!) {
    createPhApplication(data: $data) { id }
  }
`);

export interface InstallValues {
  id: string;
  displayName?: string;
  groupName: string;
  instanceType: string;
  scope: string;
  env?: Record<string, string>;
}

/** Installs the template named in the path for one of the user's groups. */
export function InstallAppPage() {
  const { template } = useParams();
  const { data: me } = useMe();
  const { data: templates } = useAppTemplates();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (v: InstallValues) =>
      request(install, {
        data: {
          id: v.id,
          templateId: template!,
          displayName: v.displayName || undefined,
          groupName: v.groupName,
          instanceType: v.instanceType,
          scope: v.scope,
          env: Object.entries(v.env ?? {}).map(([name, value]) => ({ name, value: value ?? '' })),
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['apps'] });
      navigate('/apps');
    },
  });
  const t = templates?.find((x) => x.id === template);
  if (!me || !templates) return null;
  if (!t) return <Empty description={`No app template ${template}`} />;
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Install {t.name || t.id}</Typography.Title>}>
      <InstallForm
        template={t}
        groups={me.effectiveGroups ?? []}
        onSubmit={(v) => create.mutate(v)}
        submitting={create.isPending}
        error={create.error ? errorMessage(create.error) : undefined}
      />
    </Card>
  );
}

const appID = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

interface FormProps {
  template: AppTemplate;
  groups: MyGroup[];
  onSubmit: (v: InstallValues) => void;
  submitting?: boolean;
  error?: string;
}

/** The install form: id, group, instance type, who may reach it, and the template's variables. */
export function InstallForm({ template, groups, onSubmit, submitting, error }: FormProps) {
  const [form] = Form.useForm<InstallValues>();
  const groupName = Form.useWatch('groupName', form);
  const group = groups.find((g) => g.name === groupName);
  if (groups.length === 0) {
    return <Empty description="You are in no group yet: ask an administrator to add you to one." />;
  }
  const suffix = Math.random().toString(36).slice(2, 7);
  return (
    <Form<InstallValues>
      form={form}
      layout="vertical"
      aria-label={`Install ${template.id}`}
      initialValues={{
        id: `${template.id}-${suffix}`.slice(0, 59),
        groupName: groups.length === 1 ? groups[0].name : undefined,
        scope: 'group',
        env: Object.fromEntries((template.defaultEnvs ?? []).flatMap((e) => (e?.name ? [[e.name, e.defaultValue ?? '']] : []))),
      }}
      onFinish={onSubmit}
      style={{ maxWidth: 720 }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="id"
        label="ID"
        extra="Its address: /app/<id>/"
        rules={[
          { required: true, message: 'An ID is required' },
          { max: 59, message: 'At most 59 characters' },
          { pattern: appID, message: "Lowercase letters, digits or '-', starting with a letter and ending with a letter or digit" },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="displayName" label="Display name" rules={[{ max: 256, message: 'At most 256 characters' }]}>
        <Input placeholder={template.name ?? undefined} />
      </Form.Item>
      <Form.Item name="groupName" label="Group" rules={[{ required: true, message: 'A group is required' }]}>
        <Select
          options={groups.map((g) => ({ value: g.name, label: g.displayName || g.name }))}
          placeholder="Choose a group"
          onChange={() => form.setFieldsValue({ instanceType: undefined })}
        />
      </Form.Item>
      {group && (
        <Form.Item name="instanceType" label="Instance type" rules={[{ required: true, message: 'An instance type is required' }]}>
          {group.instanceTypes?.length ? (
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {group.instanceTypes.map((it) => (
                <Radio key={it.name} value={it.name}>
                  {it.displayName || it.name}
                </Radio>
              ))}
            </Radio.Group>
          ) : (
            <Typography.Text type="secondary">The group has no instance types.</Typography.Text>
          )}
        </Form.Item>
      )}
      <Form.Item name="scope" label="Who may open it">
        <Radio.Group options={Object.entries(scopeLabel).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      {(template.defaultEnvs ?? []).flatMap((e) =>
        e?.name
          ? [
              <Form.Item
                key={e.name}
                name={['env', e.name]}
                label={e.name}
                extra={e.description}
                rules={e.optional ? [] : [{ required: true, message: `${e.name} is required` }]}
              >
                <Input />
              </Form.Item>,
            ]
          : [],
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>
          Install
        </Button>
      </Space>
    </Form>
  );
}
