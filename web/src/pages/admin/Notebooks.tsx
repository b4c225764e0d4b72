// Every running notebook, whoever runs it, for system administrators: whose it is, in
// which group, on which instance type and since when, with a stop button (its storage
// stays, as when its owner stops it).
import { App, Button, Card, Popconfirm, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table/interface';
import { errorMessage, request } from '../../lib/api';
import { ConnectionTable, type ListSpec, type RowOf } from '../../components/ConnectionTable';
import { graphql } from '../../gql';

const runningQuery = graphql(`
  query RunningNotebooks($page: Int, $where: NotebookWhereInput) {
    list: notebooksConnection(page: $page, where: $where) {
      pageInfo { currentPage totalPage }
      edges { node { id name user groupName instanceType runningSince } }
    }
  }
`);

type RunningNotebook = RowOf<typeof runningQuery>;

const list: ListSpec<RunningNotebook> = { key: 'notebooksConnection', document: runningQuery };

const stopNotebook = graphql(`
  mutation StopNotebook($where: NotebookWhereUniqueInput!) {
    stopNotebook(where: $where) { id stopped }
  }
`);

export function NotebooksAdminPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const stop = useMutation({
    mutationFn: (n: RunningNotebook) => request(stopNotebook, { where: { id: n.id } }),
    onSuccess: (_d, n) => message.success(`Stopping ${n.name} of ${n.user}`),
    onError: (err) => message.error(errorMessage(err)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [list.key] }),
  });
  const columns: ColumnsType<RunningNotebook> = [
    { title: 'Notebook', dataIndex: 'id', key: 'id' },
    { title: 'User', dataIndex: 'user', key: 'user' },
    { title: 'Group', dataIndex: 'groupName', key: 'groupName' },
    { title: 'Instance type', dataIndex: 'instanceType', key: 'instanceType' },
    {
      title: 'Running since',
      key: 'runningSince',
      render: (_, n) => (n.runningSince ? <time dateTime={n.runningSince}>{new Date(n.runningSince).toLocaleString()}</time> : '—'),
    },
    {
      title: 'Actions',
      key: 'actions',
      render: (_, n) => (
        <Popconfirm
          title={`Stop ${n.name} of ${n.user}?`}
          description="Its storage stays; its owner can start it again."
          okText="Stop"
          okButtonProps={{ danger: true }}
          onConfirm={() => stop.mutateAsync(n)}
        >
          <Button size="small" danger aria-label={`Stop ${n.name} of ${n.user}`}>
            Stop
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>Running notebooks</Typography.Title>}>
      <ConnectionTable<RunningNotebook>
        spec={list}
        columns={columns}
        label="running notebooks"
        where={{ phase: 'Running' }}
        // Notebooks start and stop on their own: look again now and then.
        poll={() => 15_000}
      />
    </Card>
  );
}
