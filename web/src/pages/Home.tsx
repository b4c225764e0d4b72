import { Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe, type MyGroup } from '../lib/me';
import { useMyNotebooks, useMyRunningJobs, usageIn } from '../lib/notebooks';
import type { Usage } from '../lib/quota';

export function HomePage() {
  const { data: me } = useMe();
  const { data: notebooks } = useMyNotebooks(me?.username);
  const { data: jobs } = useMyRunningJobs();
  if (!me) return null;
  const groups = me.effectiveGroups ?? [];
  return (
    <>
      <Typography.Title level={2}>Welcome, {me.firstName || me.username}</Typography.Title>
      <Typography.Paragraph>
        {notebooks?.length ? (
          <Link to="/notebooks">
            You have {notebooks.length} notebook{notebooks.length === 1 ? '' : 's'}.
          </Link>
        ) : (
          <Link to="/notebooks/new">Launch a notebook.</Link>
        )}
      </Typography.Paragraph>
      <Typography.Title level={3}>My groups</Typography.Title>
      {groups.length === 0 ? (
        <Empty description="You are in no group yet: ask an administrator to add you to one." />
      ) : (
        <Row gutter={[16, 16]}>
          {groups.map((g) => (
            <Col key={g.id} xs={24} md={12} xl={8}>
              <GroupCard group={g} usage={usageIn(g, notebooks, jobs)} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

function limit(used: number, quota: number | null | undefined, unit: string) {
  return quota == null ? `${used} ${unit} used, no limit` : `${used} of ${quota} ${unit}`;
}

/** The API answers usage as a string, PrimeHub's way. */
function groupUsed(v: string | null | undefined) {
  return Number(v ?? 0);
}

function GroupCard({ group: g, usage }: { group: MyGroup; usage: Usage }) {
  return (
    <Card
      title={<span aria-label={`Group ${g.name}`}>{g.displayName || g.name}</span>}
      extra={(g.admins ?? '').split(',').filter(Boolean).length > 0 && <Tag>admins: {g.admins}</Tag>}
    >
      <Descriptions
        size="small"
        column={1}
        title="My quota (used by my notebooks and jobs)"
        items={[
          { key: 'cpu', label: 'CPU', children: limit(usage.cpu, g.quotaCpu, 'cores') },
          { key: 'memory', label: 'Memory', children: limit(usage.memory, g.quotaMemory, 'GB') },
          { key: 'gpu', label: 'GPU', children: limit(usage.gpu, g.quotaGpu, 'GPUs') },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        title="Group total (used by all its members)"
        style={{ marginTop: 16 }}
        items={[
          { key: 'cpu', label: 'CPU', children: limit(groupUsed(g.resourceStatus?.cpuUsage), g.projectQuotaCpu, 'cores') },
          { key: 'memory', label: 'Memory', children: limit(groupUsed(g.resourceStatus?.memUsage), g.projectQuotaMemory, 'GB') },
          { key: 'gpu', label: 'GPU', children: limit(groupUsed(g.resourceStatus?.gpuUsage), g.projectQuotaGpu, 'GPUs') },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {g.instanceTypes?.length ?? 0} instance types, {g.images?.length ?? 0} images, {g.datasets?.length ?? 0} volumes
      </Typography.Paragraph>
    </Card>
  );
}
