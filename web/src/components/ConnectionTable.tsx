// A table over one of the API's *Connection lists: numbered pages of 10, the API's
// ordering and search, as PrimeHub's console pages them.
import { useState } from 'react';
import { Alert, Input, Table, type TableProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage, gql } from '../lib/api';

export const PAGE_SIZE = 10;

export interface ListSpec {
  /** The connection query, e.g. groupsConnection. */
  connection: string;
  /** The GraphQL types of its where and order arguments (omit what it lacks). */
  whereType?: string;
  orderType?: string;
  /** users order with userOrderBy: {field}, ascending only; the rest with orderBy: {field: asc|desc}. */
  orderStyle?: 'orderBy' | 'userOrderBy';
  /** The selection of each node. */
  fields: string;
  /** The where a search text makes; no search box without it. */
  search?: (text: string) => Record<string, unknown>;
}

interface Connection<T> {
  pageInfo: { currentPage: number | null; totalPage: number | null };
  edges: { node: T }[];
}

/** Builds the query of a ListSpec: one page, ordered and filtered. */
export function connectionQuery(spec: ListSpec): string {
  const params = ['$page: Int'];
  const args = ['page: $page'];
  if (spec.whereType) {
    params.push(`$where: ${spec.whereType}`);
    args.push('where: $where');
  }
  if (spec.orderType) {
    const arg = spec.orderStyle === 'userOrderBy' ? 'userOrderBy' : 'orderBy';
    params.push(`$order: ${spec.orderType}`);
    args.push(`${arg}: $order`);
  }
  return `query List(${params.join(', ')}) {
  list: ${spec.connection}(${args.join(', ')}) {
    pageInfo { currentPage totalPage }
    edges { node { ${spec.fields} } }
  }
}`;
}

interface Props<T> {
  spec: ListSpec;
  columns: ColumnsType<T>;
  /** Labels the table and its search box for assistive technology. */
  label: string;
  where?: Record<string, unknown>;
  rowKey?: string;
  /** Asks again every so many milliseconds while this says the page is still changing. */
  poll?: (rows: T[]) => number | false;
}

export function ConnectionTable<T extends object>({ spec, columns, label, where, rowKey = 'id', poll }: Props<T>) {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [order, setOrder] = useState<Record<string, string>>();

  const variables = {
    page,
    where: { ...where, ...(search && spec.search ? spec.search(search) : {}) },
    order,
  };
  const { data, error, isLoading, isPlaceholderData } = useQuery({
    queryKey: [spec.connection, variables],
    queryFn: () => gql<{ list: Connection<T> }>(connectionQuery(spec), variables),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (poll && q.state.data ? poll(q.state.data.list.edges.map((e) => e.node)) : false),
  });

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, { action }) => {
    if (action === 'paginate') {
      setPage(pagination.current ?? 1);
      return;
    }
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T>;
    const field = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
    if (!field || !s.order) {
      setOrder(undefined);
    } else if (spec.orderStyle === 'userOrderBy') {
      setOrder({ field });
    } else {
      setOrder({ [field]: s.order === 'descend' ? 'desc' : 'asc' });
    }
    // Another order starts from its first page.
    setPage(1);
  };

  const totalPage = data?.list.pageInfo.totalPage ?? 1;
  return (
    <>
      {spec.search && (
        <Input.Search
          aria-label={`Search ${label}`}
          placeholder={`Search ${label}`}
          allowClear
          style={{ maxWidth: 320, marginBottom: 16 }}
          onSearch={(text) => {
            setSearch(text.trim());
            setPage(1);
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<T>
        aria-label={label}
        rowKey={rowKey}
        columns={columns}
        dataSource={data?.list.edges.map((e) => e.node) ?? []}
        // Dimmed while a new page or search loads, not when the shown one is refreshed.
        loading={isLoading || isPlaceholderData}
        onChange={onChange}
        // The API answers page counts, not item counts: as many items as fill the pages.
        pagination={{ current: page, pageSize: PAGE_SIZE, total: totalPage * PAGE_SIZE, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
