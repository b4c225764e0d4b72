// The fields notebooks and jobs share: a group, then one of its instance types (those over
// quota disabled, with why) and an image that fits it, as the API will check them.
import { Form, Radio, Select, Space, Tag, Typography } from 'antd';
import type { InstanceType, MyGroup } from '../lib/me';
import { overQuotaReason, type Usage } from '../lib/quota';

export interface SpawnValues {
  groupName: string;
  instanceType: string;
  image: string;
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

interface Props {
  groups: MyGroup[];
  /** What the user already uses in a group; nothing when omitted. */
  usage?: (group: MyGroup) => Usage;
  showVolumes?: boolean;
  /** The group cannot change (a schedule's, once made). */
  groupFixed?: boolean;
}

export function SpawnFields({ groups, usage, showVolumes, groupFixed }: Props) {
  const form = Form.useFormInstance<SpawnValues>();
  const groupName = Form.useWatch('groupName', form);
  const instanceTypeName = Form.useWatch('instanceType', form);
  const group = groups.find((g) => g.name === groupName);
  const instanceType = group?.instanceTypes?.find((it) => it.name === instanceTypeName);
  const used = group && usage ? usage(group) : undefined;

  return (
    <>
      <Form.Item name="groupName" label="Group" rules={[{ required: true, message: 'A group is required' }]}>
        <Select
          disabled={groupFixed}
          showSearch={{ optionFilterProp: 'label' }}
          options={groups.map((g) => ({ value: g.name, label: g.displayName || g.name }))}
          placeholder="Choose a group"
          onChange={() => form.setFieldsValue({ instanceType: undefined, image: undefined })}
        />
      </Form.Item>
      {group && (
        <>
          <Form.Item name="instanceType" label="Instance type" rules={[{ required: true, message: 'An instance type is required' }]}>
            {group.instanceTypes?.length ? (
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} onChange={() => form.setFieldsValue({ image: undefined })}>
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
          {showVolumes && (
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
          )}
        </>
      )}
    </>
  );
}
