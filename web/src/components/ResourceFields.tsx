// What the admin resources (instance types, images, volumes, secrets, groups) show alike:
// their name columns and fields, and whether one is global.
import { Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ColumnsType } from 'antd/es/table/interface';
import { rules } from '../lib/validation';
import type { Node } from './Resource';

export const nameColumns: ColumnsType<Node> = [
  { title: 'Name', dataIndex: 'name', key: 'name', sorter: true },
  { title: 'Display name', dataIndex: 'displayName', key: 'displayName', sorter: true },
];

export const globalColumn: ColumnsType<Node>[number] = {
  title: 'Global',
  dataIndex: 'global',
  key: 'global',
  render: (g: boolean) => (g ? 'Yes' : 'No'),
};

/**
 * The name (chosen once, by nameRules: a resource name's unless told), display name and,
 * unless noDescription, description.
 */
export function NameFields({ isNew, noDescription, nameRules = rules.resourceName }: { isNew: boolean; noDescription?: boolean; nameRules?: Rule[] }) {
  return (
    <>
      <Form.Item name="name" label="Name" rules={nameRules} extra="Cannot be changed later">
        <Input disabled={!isNew} />
      </Form.Item>
      <Form.Item name="displayName" label="Display name" rules={rules.displayName}>
        <Input />
      </Form.Item>
      {!noDescription && (
        <Form.Item name="description" label="Description" rules={rules.description}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
    </>
  );
}
