'use client';
import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { toCsv, type CsvColumn } from '@/lib/csv';
import { downloadCsv } from './csv';

export type TableColumn<T> = CsvColumn<T> & {
  /** How the cell reads on screen; defaults to the CSV value. */
  render?: (row: T) => ReactNode;
  numeric?: boolean;
};

/**
 * A chart with its numbers: the same data as a table (for screen readers and
 * exact values) and as CSV. The figure is labelled by its caption.
 */
export function ChartCard<T>({
  title,
  description,
  chart,
  columns,
  rows,
  rowKey,
  filename,
  tableOpen = false,
}: {
  title: string;
  description?: string;
  chart?: ReactNode;
  columns: TableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  filename: string;
  /** Tables without a chart are shown open. */
  tableOpen?: boolean;
}) {
  const t = useTranslations('oversight.common');
  const id = useId();
  const table = (
    // Wide tables scroll sideways; with nothing focusable inside, the box itself takes the focus so keys can scroll it.
    <div tabIndex={0} role="region" aria-labelledby={`${id}-title`} className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{title}</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`px-2 py-1.5 font-medium ${c.numeric ? 'text-right' : ''}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} className="border-t border-slate-100">
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} scope="row" className="px-2 py-1 text-left font-normal">
                    {c.render ? c.render(r) : c.value(r)}
                  </th>
                ) : (
                  <td key={c.key} className={`px-2 py-1 ${c.numeric ? 'text-right tabular-nums' : ''}`}>
                    {c.render ? c.render(r) : c.value(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-3 text-sm text-slate-600">{t('noData')}</p>}
    </div>
  );
  return (
    <figure aria-labelledby={`${id}-title`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-2 flex flex-wrap items-start gap-2">
        <figcaption id={`${id}-title`} className="mr-auto text-sm font-semibold text-slate-800">
          {title}
          {description && <span className="block text-xs font-normal text-slate-600">{description}</span>}
        </figcaption>
        <button
          type="button"
          onClick={() => downloadCsv(filename, toCsv(columns, rows))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-800 hover:bg-slate-50"
        >
          {t('downloadCsv')}
        </button>
      </div>
      {chart}
      {chart ? (
        <details className="mt-2" open={tableOpen}>
          <summary className="cursor-pointer text-xs text-brand-700 underline">{t('showTable')}</summary>
          <div className="mt-1">{table}</div>
        </details>
      ) : (
        table
      )}
    </figure>
  );
}
