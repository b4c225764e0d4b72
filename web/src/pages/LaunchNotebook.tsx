import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, gql } from '../lib/api';
import { useMe, type InstanceType, type MyGroup } from '../lib/me';
import { useMyNotebooks, usageIn, type Notebook } from '../lib/notebooks';
import { overQuotaReason } from '../lib/quota';
import { rules } from '../lib/validation';

export interface LaunchValues {
  groupName: string;
  instanceType: string;
  image: string;
  name?: string;
}

export function LaunchNotebookPage() {
  const { data: me } = useMe();
  const { data: notebooks } = useMyNotebooks(me?.username);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const launch = useMutation({
    mutationFn: (v: LaunchValues) =>
      gql(`mutation Launch($data: NotebookCreateInput!) { createNotebook(data: $data) { id } }`, {
        data: { ...v, name: v.name || undefined },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['notebooks'] });
      navigate('/notebooks');
    },
  });
  if (!me) return null;
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Launch a notebook</Typography.Title>}>
      <LaunchForm
        groups={me.effectiveGroups ?? []}
        notebooks={notebooks}
        onSubmit={(v) => launch.mutate(v)}
        submitting={launch.isPending}
        error={launch.error ? errorMessage(launch.error) : undefined}
      />
    </Card>
  );
}

function size(it: InstanceType) {
  const parts = [`${it.cpuLimit ?? 0} CPU`, `${it.memoryLimit ?? 0} GB`];
  if (it.gpuLimit) parts.push(`${it.gpuLimit} GPU`);
  return parts.join(', ');
}

/** Images that fit the instance type: GPU images need GPUs, CPU images none. */
function fits(imageType: string | null | undefined, it: InstanceType | undefined) {
  if (!it || !imageType || imageType === 'both') return true;
  return imageType === 'gpu' ? (it.gpuLimit ?? 0) > 0 : (it.gpuLimit ?? 0) === 0;
}

interface FormProps {
  groups: MyGroup[];
  notebooks: Notebook[] | undefined;
  onSubmit: (v: LaunchValues) => void;
  submitting?: boolean;
  error?: string;
}

/** The launch form: a group, then one of its instance types (those over quota disabled, with why), an image. */
export function LaunchForm({ groups, notebooks, onSubmit, submitting, error }: FormProps) {
  const [form] = Form.useForm<LaunchValues>();
  const [groupName, setGroupName] = useState(groups.length === 1 ? groups[0].name : undefined);
  const group = groups.find((g) => g.name === groupName);
  const instanceTypeName = Form.useWatch('instanceType', form);
  const instanceType = group?.instanceTypes?.find((it) => it.name === instanceTypeName);
  const used = group ? usageIn(group, notebooks) : undefined;

  if (groups.length === 0) {
    return <Empty description="You are in no group yet: ask an administrator to add you to one." />;
  }
  return (
    <Form<LaunchValues>
      form={form}
      layout="vertical"
      aria-label="Launch a notebook"
      initialValues={{ groupName }}
      onFinish={onSubmit}
      onValuesChange={(changed: Partial<LaunchValues>) => {
        if (changed.groupName !== undefined) {
          setGroupName(changed.groupName);
          form.setFieldsValue({ instanceType: undefined, image: undefined });
        }
        if (changed.instanceType !== undefined) form.setFieldsValue({ image: undefined });
      }}
      style={{ maxWidth: 720 }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="groupName" label="Group" rules={[{ required: true, message: 'A group is required' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={groups.map((g) => ({ value: g.name, label: g.displayName || g.name }))}
          placeholder="Choose a group"
        />
      </Form.Item>
      {group && (
        <>
          <Form.Item name="instanceType" label="Instance type" rules={[{ required: true, message: 'An instance type is required' }]}>
            {group.instanceTypes?.length ? (
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {group.instanceTypes.map((it) => {
                  const reason = overQuotaReason(it, group, used);
                  return (
                    <Radio key={it.name} value={it.name} disabled={!!reason}>
                      <Space orientation="vertical" size={0}>
                        <span>
                          {it.displayName || it.name} <Typography.Text type="secondary">({size(it)})</Typography.Text>
                        </span>
                        {it.description && <Typography.Text type="secondary">{it.description}</Typography.Text>}
                        {reason && <Typography.Text type="danger">{reason}</Typography.Text>}
                      </Space>
                    </Radio>
                  );
                })}
              </Radio.Group>
            ) : (
              <Typography.Text type="secondary">The group has no instance types.</Typography.Text>
            )}
          </Form.Item>
          <Form.Item name="image" label="Image" rules={[{ required: true, message: 'An image is required' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="Choose an image"
              options={(group.images ?? [])
                .filter((im) => fits(im.type, instanceType))
                .map((im) => ({
                  value: im.name,
                  label: `${im.displayName || im.name}${im.groupName ? ' (group image)' : ''}`,
                }))}
            />
          </Form.Item>
          <Form.Item label="Volumes">
            {group.datasets?.length ? (
              <Space wrap>
                {group.datasets.map((d) => (
                  <Tag key={d.name}>
                    {d.displayName || d.name} {d.writable ? '(read-write)' : '(read-only)'}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">None</Typography.Text>
            )}
          </Form.Item>
          <Form.Item name="name" label="Notebook name" extra="Empty: made from your username" rules={rules.resourceName.slice(1)}>
            <Input />
          </Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" loading={submitting}>
        Launch
      </Button>
    </Form>
  );
}
