import { Alert, Button, Flex, Layout, Menu, Spin, Typography } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { LogoutOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../lib/auth';
import { errorMessage } from '../lib/api';
import { adminOf, useMe } from '../lib/me';

const userItems: ItemType[] = [
  { key: '/', label: <Link to="/">Home</Link> },
  { key: '/notebooks', label: <Link to="/notebooks">Notebooks</Link> },
  { key: '/jobs', label: <Link to="/jobs">Jobs</Link> },
  { key: '/schedules', label: <Link to="/schedules">Schedules</Link> },
  { key: '/apps', label: <Link to="/apps">Apps</Link> },
  { key: '/deployments', label: <Link to="/deployments">Deployments</Link> },
  { key: '/profiles', label: <Link to="/profiles">Profiles</Link> },
  { key: '/api-tokens', label: <Link to="/api-tokens">API tokens</Link> },
];

const adminItems: ItemType[] = [
  {
    type: 'group',
    label: 'Administration',
    children: [
      { key: '/admin/users', label: <Link to="/admin/users">Users</Link> },
      { key: '/admin/groups', label: <Link to="/admin/groups">Groups</Link> },
      { key: '/admin/instance-types', label: <Link to="/admin/instance-types">Instance types</Link> },
      { key: '/admin/images', label: <Link to="/admin/images">Images</Link> },
      { key: '/admin/volumes', label: <Link to="/admin/volumes">Volumes</Link> },
      { key: '/admin/secrets', label: <Link to="/admin/secrets">Secrets</Link> },
      { key: '/admin/notebooks', label: <Link to="/admin/notebooks">Running notebooks</Link> },
      { key: '/admin/system', label: <Link to="/admin/system">System</Link> },
    ],
  },
];

export function AppLayout() {
  const { logout } = useAuth();
  const { data: me, error } = useMe();
  const { pathname } = useLocation();
  const managed = me ? adminOf(me) : [];
  const items = [
    ...userItems,
    ...(managed.length && !me?.isAdmin ? [{ key: '/my-groups', label: <Link to="/my-groups">Groups I manage</Link> }] : []),
    ...(me?.isAdmin ? adminItems : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          PrimeHub
        </Typography.Text>
        <Flex gap="middle" align="center">
          {me && <Typography.Text style={{ color: '#fff' }}>{me.username}</Typography.Text>}
          <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
            Log out
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0}>
          <nav aria-label="Console">
            <Menu mode="inline" selectedKeys={[menuKey(pathname)]} items={items} style={{ height: '100%', borderInlineEnd: 0 }} />
          </nav>
        </Layout.Sider>
        {/* Ant Design renders the content as <main>. */}
        <Layout.Content style={{ padding: 24 }}>
          {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : me ? <Outlet /> : <Spin description="Loading…" />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The menu entry a page is under: /admin/users/alice is under /admin/users, /notebooks/new under /notebooks. */
function menuKey(pathname: string) {
  const parts = pathname.split('/').filter(Boolean);
  return '/' + parts.slice(0, parts[0] === 'admin' ? 2 : 1).join('/');
}
