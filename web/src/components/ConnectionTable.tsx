// A table over one of the API's *Connection lists: numbered pages of 10, the API's
// ordering and search, as PrimeHub's console pages them.
import { useState } from 'react';
import { Alert, Input, Table, type TableProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage, request } from '../lib/api';
import type { TypedDocumentString } from '../gql/graphql';

export const PAGE_SIZE = 10;

/** What a list query answers: one page of a *Connection, aliased as list. */
export interface ListResult<T> {
  list: {
    pageInfo: { currentPage?: number | null; totalPage?: number | null };
    edges: ReadonlyArray<{ node: T } | null>;
  };
}

/** The variables every list query takes: its page, where and order (if it has them). */
export type ListVariables = { page?: number | null; where?: any; order?: any };

export interface ListSpec<T> {
  /**
   * The query of one page, written with graphql() so it is checked against the schema:
   * `query X($page: Int, $where: …, $order: …) { list: xConnection(page: $page, …) { pageInfo { currentPage totalPage } edges { node { … } } } }`.
   */
  document: TypedDocumentString<ListResult<T>, any>;
  /** Names the list in the query cache, so changes elsewhere refresh it. */
  key: string;
  /** users order with userOrderBy: {field}, ascending only; the rest with orderBy: {field: asc|desc}. */
  orderStyle?: 'orderBy' | 'userOrderBy';
  /** The where a search text makes; no search box without it. */
  search?: (text: string) => Record<string, unknown>;
}

/** The row type of a list query's document. */
export type RowOf<D> = D extends TypedDocumentString<ListResult<infer T>, any> ? T : never;

interface Props<T> {
  spec: ListSpec<T>;
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

  const variables: ListVariables = {
    page,
    where: { ...where, ...(search && spec.search ? spec.search(search) : {}) },
    order,
  };
  const { data, error, isLoading, isPlaceholderData } = useQuery({
    queryKey: [spec.key, variables],
    queryFn: () => request(spec.document, variables),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (poll && q.state.data ? poll(rows(q.state.data)) : false),
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
        dataSource={data ? rows(data) : []}
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

function rows<T>(data: ListResult<T>): T[] {
  return data.list.edges.flatMap((e) => (e ? [e.node] : []));
}
