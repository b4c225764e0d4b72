import { Alert, Button, Flex, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../lib/auth';
import { errorMessage } from '../lib/api';
import { adminOf, useMe } from '../lib/me';

const userItems: MenuProps['items'] = [
  { key: '/', label: <Link to="/">Home</Link> },
  { key: '/notebooks', label: <Link to="/notebooks">Notebooks</Link> },
  { key: '/jobs', label: <Link to="/jobs">Jobs</Link> },
  { key: '/schedules', label: <Link to="/schedules">Schedules</Link> },
  { key: '/profiles', label: <Link to="/profiles">Profiles</Link> },
  { key: '/api-tokens', label: <Link to="/api-tokens">API tokens</Link> },
];

const adminItems: MenuProps['items'] = [
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
    ...(userItems ?? []),
    ...(managed.length && !me?.isAdmin
      ? [{ key: '/my-groups', label: <Link to="/my-groups">Groups I manage</Link> }]
      : []),
    ...(me?.isAdmin ? (adminItems ?? []) : []),
  ];
  // The deepest menu entry the page is under.
  const selected = items
    .flatMap((i) => (i && 'children' in i && i.children ? i.children : [i]))
    .map((i) => String(i?.key))
    .filter((k) => k === pathname || (k !== '/' && pathname.startsWith(k + '/')) || (k !== '/' && pathname === k))
    .sort((a, b) => b.length - a.length)[0] ?? (pathname === '/' ? '/' : '');

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
            <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ height: '100%', borderInlineEnd: 0 }} />
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
