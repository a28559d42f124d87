'use client';
import {
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type PaginationState,
  type Row,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { useTranslations } from 'next-intl';
import { Fragment, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ariaSort, compareKeys, matchesQuery, pageSummary, sortKey, type SortValue } from './table-model';

/**
 * The admin pages' tables (and the knowledge base's card list) on
 * @tanstack/react-table: sortable headers, a search box, pages when the rows
 * outgrow one, and the loading and empty states, all with the same words.
 */

export type Column<T> = {
  id: string;
  header: string;
  /** The header is read by screen readers only (action columns). */
  srOnlyHeader?: boolean;
  cell: (row: T) => ReactNode;
  /** What the column sorts by; without it the column does not sort. A text or number is searched too. */
  value?: (row: T) => SortValue;
  /** Further text the search box finds in this column (e.g. a translated label). */
  search?: (row: T) => string | null | undefined;
  /** The row's name (`<th scope="row">`). */
  rowHeader?: boolean;
  align?: 'right';
  className?: string;
};

const cellText = (v: SortValue): string | number | null => (typeof v === 'string' || typeof v === 'number' ? v : null);
const NO_ROWS: never[] = [];

type ModelOptions<T> = {
  rows: readonly T[] | undefined;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  pageSize: number;
  /** Extra searchable text for the whole row (lists without columns). */
  searchText?: (row: T) => (string | null | undefined)[];
};

/** The table state (sorting, search, page) and the rows to show. */
function useAdminTable<T>({ rows, columns, rowKey, pageSize, searchText }: ModelOptions<T>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [query, setQuery] = useState('');
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize });
  const defs = useMemo<ColumnDef<T, SortValue>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        // Every column has an accessor so the search (a global filter) runs; only those with a value sort.
        accessorFn: (row: T) => sortKey(c.value?.(row)),
        enableSorting: Boolean(c.value),
        sortUndefined: 'last',
        sortingFn: (a: Row<T>, b: Row<T>, id: string) => compareKeys(a.getValue(id), b.getValue(id)),
      })),
    [columns],
  );
  // TanStack's table object changes in place; this hook is not memoized by the compiler, which is what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<T>({
    data: (rows ?? NO_ROWS) as T[],
    columns: defs,
    state: { sorting, globalFilter: query, pagination },
    onSortingChange: setSorting,
    onPaginationChange: setPagination,
    getRowId: (row) => rowKey(row),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    // The row matches as a whole (any column), so the filter is asked once per row, on the first column.
    getColumnCanGlobalFilter: (column) => column.id === defs[0]?.id,
    globalFilterFn: (row, _id, q: string) =>
      matchesQuery([...columns.flatMap((c) => [cellText(c.value?.(row.original)), c.search?.(row.original)]), ...(searchText?.(row.original) ?? [])], q),
    sortDescFirst: false,
    // Lists refetch in the background (deliveries every 5 s): staying on the page read matters more.
    autoResetPageIndex: false,
  });
  const total = table.getFilteredRowModel().rows.length;
  const summary = pageSummary(pagination.pageIndex, pagination.pageSize, total);
  // Fewer rows than before (a filter, a refetch): stay on the last page that exists.
  useEffect(() => {
    if (summary.page - 1 !== pagination.pageIndex) setPagination((p) => ({ ...p, pageIndex: summary.page - 1 }));
  }, [summary.page, pagination.pageIndex]);
  const search = (q: string) => {
    setQuery(q);
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  };
  return { table, query, search, summary, all: rows?.length ?? 0 };
}

type Shared<T> = {
  /** The table's name (its caption; the search box and pager are named after it). */
  caption: string;
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** The rows have not arrived yet. */
  loading?: boolean;
  emptyText?: string;
  /** Show the search box; a string names it (default: "Search {caption}"). */
  search?: boolean | string;
  pageSize?: number;
  /** Controls shown next to the search box (a "show resolved" switch). */
  toolbar?: ReactNode;
  className?: string;
};

function Toolbar({
  label,
  query,
  onQuery,
  matches,
  children,
}: {
  label: string | null;
  query: string;
  onQuery: (q: string) => void;
  matches: string | null;
  children?: ReactNode;
}) {
  const id = useId();
  if (!label && !children) return null;
  return (
    <div className="mb-2 flex flex-wrap items-end gap-3">
      {label && (
        <div>
          <label htmlFor={id} className="block text-xs font-medium text-slate-700">
            {label}
          </label>
          <input
            id={id}
            type="search"
            value={query}
            onChange={(e) => onQuery(e.target.value)}
            className="mt-1 block w-64 rounded border border-slate-300 bg-white px-2 py-1 text-sm"
            aria-controls={`${id}-results`}
          />
        </div>
      )}
      {/* Announced politely as one types, so a screen reader hears how many rows remain. */}
      <p id={`${id}-results`} role="status" className="text-xs text-slate-600">
        {matches}
      </p>
      {children && <div className="ml-auto flex items-center gap-3">{children}</div>}
    </div>
  );
}

function Pager<T>({ table, caption, summary }: { table: Table<T>; caption: string; summary: ReturnType<typeof pageSummary> }) {
  const t = useTranslations('adminTable');
  if (summary.pages <= 1) return null;
  const button = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-brand-700 disabled:text-slate-600 disabled:opacity-70';
  return (
    <nav aria-label={t('pages', { what: caption })} className="mt-2 flex items-center justify-end gap-2 text-sm">
      <span className="text-slate-600">{t('pageOf', summary)}</span>
      <button type="button" className={button} onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
        {t('previous')}
      </button>
      <button type="button" className={button} onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
        {t('next')}
      </button>
    </nav>
  );
}

function SortIcon({ direction }: { direction: false | 'asc' | 'desc' }) {
  return (
    <span aria-hidden="true" className={direction ? 'text-slate-900' : 'text-slate-600'}>
      {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
    </span>
  );
}

/**
 * The model and what stands around the rows (search box, pager), the same for
 * a table and a list; `stateText` is what shows instead of rows: loading,
 * nothing yet, or nothing matching the search.
 */
function useFrame<T>(props: Shared<T> & { columns: Column<T>[]; searchText?: (row: T) => (string | null | undefined)[] }) {
  const t = useTranslations('adminTable');
  const { caption, loading, emptyText, search: searchBox, toolbar, className = '' } = props;
  const { table, query, search, summary, all } = useAdminTable({ ...props, pageSize: props.pageSize ?? 25 });
  const stateText = loading ? t('loading') : all === 0 ? (emptyText ?? t('empty')) : summary.total === 0 ? t('noMatches', { query: query.trim() }) : null;
  const label = !searchBox ? null : typeof searchBox === 'string' ? searchBox : t('search', { what: caption });
  const matches = query.trim() && all > 0 ? t('matches', { shown: summary.total, total: all }) : null;
  const rows = loading ? [] : table.getRowModel().rows;
  const frame = (body: ReactNode) => (
    <div className={className}>
      <Toolbar label={label} query={query} onQuery={search} matches={matches}>
        {toolbar}
      </Toolbar>
      {body}
      <Pager table={table} caption={caption} summary={summary} />
    </div>
  );
  return { table, rows, stateText, frame };
}

/** An admin table: columns, sorting by any column that has a value, search, pages. */
export function DataTable<T>(
  props: Shared<T> & {
    columns: Column<T>[];
    rowClassName?: (row: T) => string;
    /** A full-width row under a row (a form opened for it), or nothing. */
    detail?: (row: T) => ReactNode;
    testId?: string;
  },
) {
  const { caption, columns, rowClassName, detail, testId } = props;
  const { table, rows, stateText, frame } = useFrame(props);
  const byId = new Map(columns.map((c) => [c.id, c]));
  return frame(
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {table.getFlatHeaders().map((h) => {
              const c = byId.get(h.column.id)!;
              const direction = h.column.getIsSorted();
              return (
                <th
                  key={h.id}
                  scope="col"
                  className={`px-3 py-2 ${c.align === 'right' ? 'text-right' : ''}`}
                  aria-sort={h.column.getCanSort() ? ariaSort(direction) : undefined}
                >
                  {c.srOnlyHeader ? (
                    <span className="sr-only">{c.header}</span>
                  ) : h.column.getCanSort() ? (
                    <button
                      type="button"
                      onClick={h.column.getToggleSortingHandler()}
                      className="inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-900"
                    >
                      {c.header}
                      <SortIcon direction={direction} />
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {stateText && (
            <tr>
              <td colSpan={columns.length} className="px-3 py-4 text-slate-600">
                {stateText}
              </td>
            </tr>
          )}
          {rows.map((row) => {
            const extra = detail?.(row.original);
            return (
              <Fragment key={row.id}>
                <tr className={`border-t border-slate-100 ${rowClassName?.(row.original) ?? ''}`}>
                  {columns.map((c) => {
                    const cls = `px-3 py-2 ${c.align === 'right' ? 'text-right' : ''} ${c.className ?? ''}`;
                    return c.rowHeader ? (
                      <th key={c.id} scope="row" className={`${cls} text-left font-medium`}>
                        {c.cell(row.original)}
                      </th>
                    ) : (
                      <td key={c.id} className={cls}>
                        {c.cell(row.original)}
                      </td>
                    );
                  })}
                </tr>
                {extra && (
                  <tr className="bg-slate-50">
                    <td colSpan={columns.length} className="px-3 py-3">
                      {extra}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>,
  );
}

/** The same search and pages over a list of cards (the knowledge base), for rows that read better as text than as cells. */
export function DataList<T>(props: Shared<T> & { searchText: (row: T) => (string | null | undefined)[]; item: (row: T) => ReactNode }) {
  const { caption, item } = props;
  const columns = useMemo<Column<T>[]>(() => [{ id: 'item', header: caption, cell: () => null }], [caption]);
  const { rows, stateText, frame } = useFrame({ ...props, columns });
  return frame(
    <>
      {stateText && <p className="rounded-lg border border-slate-200 bg-white px-3 py-4 text-sm text-slate-600">{stateText}</p>}
      <ul className="space-y-2" aria-label={caption}>
        {rows.map((row) => (
          <Fragment key={row.id}>{item(row.original)}</Fragment>
        ))}
      </ul>
    </>,
  );
}
