import { NextIntlClientProvider } from 'next-intl';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type Column } from '@/components/admin/data-table';
import { fieldErrorsOf, zodMessageKey } from '@/components/admin/form-errors';
import { ariaSort, compareKeys, matchesQuery, pageSummary, sortKey } from '@/components/admin/table-model';
import { messagesFor } from '@/i18n/messages';

describe('the admin tables: search', () => {
  it('finds a row by every word typed, in any of its texts, ignoring case and accents', () => {
    const row = ['Gateway WA uji', 'Disdukcapil Kota Bandung', 'WhatsApp'];
    expect(matchesQuery(row, 'bandung whatsapp')).toBe(true);
    expect(matchesQuery(row, '  GATEWAY  ')).toBe(true);
    expect(matchesQuery(['Dédé Suryani'], 'dede')).toBe(true);
    expect(matchesQuery(row, 'bandung sleman')).toBe(false);
  });

  it('shows every row for an empty query and skips empty cells', () => {
    expect(matchesQuery([null, undefined, ''], '')).toBe(true);
    expect(matchesQuery([null, 'x'], 'null')).toBe(false);
    expect(matchesQuery([72, 'ktp-el'], '72')).toBe(true);
  });
});

describe('the admin tables: sorting', () => {
  // Wrapped in objects: Array.sort itself would move bare undefined values to the end without asking.
  const sort = (values: Parameters<typeof sortKey>[0][]) =>
    values
      .map((v) => ({ key: sortKey(v) }))
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((o) => o.key);

  it('orders texts as people read them: numbers inside by value, case and accents alike', () => {
    expect(sort(['BDG-10', 'bdg-2', 'Ádi', 'adi', 'Budi'])).toEqual(['Ádi', 'adi', 'bdg-2', 'BDG-10', 'Budi']);
  });

  it('orders numbers, dates and yes/no by value, and puts empty cells last', () => {
    expect(sort([10, 9, null, 100])).toEqual([9, 10, 100, undefined]);
    const d1 = new Date('2026-01-02T00:00:00Z');
    const d2 = new Date('2026-01-01T00:00:00Z');
    expect(sort([d1, null, d2])).toEqual([d2.getTime(), d1.getTime(), undefined]);
    expect(sort([true, false])).toEqual([0, 1]);
    expect(sortKey('')).toBeUndefined();
  });

  it('names the direction for screen readers', () => {
    expect([ariaSort('asc'), ariaSort('desc'), ariaSort(false)]).toEqual(['ascending', 'descending', 'none']);
  });
});

describe('the admin tables: pages', () => {
  it('says which rows a page shows and stays on the last page that exists', () => {
    expect(pageSummary(0, 25, 60)).toEqual({ page: 1, pages: 3, from: 1, to: 25, total: 60 });
    expect(pageSummary(2, 25, 60)).toEqual({ page: 3, pages: 3, from: 51, to: 60, total: 60 });
    // A filter left 30 rows while page 3 was open: page 2 is shown.
    expect(pageSummary(2, 25, 30)).toEqual({ page: 2, pages: 2, from: 26, to: 30, total: 30 });
    expect(pageSummary(0, 25, 0)).toEqual({ page: 1, pages: 1, from: 0, to: 0, total: 0 });
  });
});

describe('the admin forms: a refusal from the server goes to the field it names', () => {
  const fields = ['email', 'name', 'unitId', 'password'];

  it('puts zod issues on their field by the first step of the path, once per field', () => {
    const error = {
      message: 'bad',
      data: {
        code: 'BAD_REQUEST',
        zod: [
          { path: ['name'], code: 'too_small' },
          { path: ['name'], code: 'too_big' },
          { path: ['email'], code: 'invalid_format' },
        ],
      },
    };
    expect(fieldErrorsOf(error, fields)).toEqual([
      { field: 'name', zodCode: 'too_small' },
      { field: 'email', zodCode: 'invalid_format' },
    ]);
  });

  it('puts a domain reason on the field the form names for it', () => {
    const error = { message: 'taken', data: { code: 'BAD_REQUEST', domainCode: 'INVALID_INPUT', details: { reason: 'email_taken' } } };
    expect(fieldErrorsOf(error, fields, { email_taken: 'email' })).toEqual([{ field: 'email', reason: 'email_taken' }]);
  });

  it('leaves the error whole when it names no field of the form (shown above the buttons)', () => {
    expect(fieldErrorsOf({ message: 'x', data: { code: 'FORBIDDEN', details: { reason: 'last_admin' } } }, fields, { email_taken: 'email' })).toEqual([]);
    expect(
      fieldErrorsOf(
        {
          message: 'x',
          data: {
            code: 'BAD_REQUEST',
            zod: [
              { path: ['userId'], code: 'invalid_format' },
              { path: [], code: 'custom' },
            ],
          },
        },
        fields,
      ),
    ).toEqual([]);
    expect(fieldErrorsOf(null, fields)).toEqual([]);
  });

  it('words a zod issue by its kind', () => {
    expect(['too_small', 'too_big', 'invalid_format', 'custom'].map(zodMessageKey)).toEqual([
      'serverTooShort',
      'serverTooLong',
      'serverFormat',
      'serverInvalid',
    ]);
  });
});

type Unit = { id: string; name: string; people: number };
const columns: Column<Unit>[] = [
  { id: 'name', header: 'Nama', value: (u) => u.name, cell: (u) => u.name, rowHeader: true },
  { id: 'people', header: 'Orang', value: (u) => u.people, cell: (u) => u.people },
  { id: 'edit', header: 'Ubah', srOnlyHeader: true, cell: (u) => createElement('button', { type: 'button' }, `Ubah ${u.name}`) },
];

function render(props: Partial<Parameters<typeof DataTable<Unit>>[0]>, locale: 'id' | 'en' = 'id') {
  const table = createElement(DataTable<Unit>, { caption: 'Unit', columns, rows: [], rowKey: (u: Unit) => u.id, ...props });
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: messagesFor(locale), timeZone: 'Asia/Jakarta', children: table }));
}
const units = (n: number): Unit[] => Array.from({ length: n }, (_, i) => ({ id: `u${i}`, name: `Unit ${i + 1}`, people: i }));

describe('the admin table as it is drawn', () => {
  it('has sortable headers that are buttons marked with aria-sort, and names each row', () => {
    const html = render({ rows: units(2) });
    expect(html).toContain('<caption class="sr-only">Unit</caption>');
    expect(html.match(/aria-sort="none"/g)).toHaveLength(2);
    expect(html).toMatch(/<th scope="col"[^>]*aria-sort="none"><button type="button"[^>]*>Nama/);
    // The action column does not sort and its header is for screen readers only.
    expect(html).toMatch(/<th scope="col" class="px-3 py-2 "><span class="sr-only">Ubah<\/span><\/th>/);
    expect(html).toMatch(/<th scope="row"[^>]*>Unit 1<\/th>/);
  });

  it('says it is loading, then that there is nothing yet, in the reader’s language', () => {
    expect(render({ rows: undefined, loading: true })).toContain('Memuat…');
    expect(render({ rows: [] })).toContain('Belum ada data.');
    expect(render({ rows: [] }, 'en')).toContain('Nothing here yet.');
    expect(render({ rows: [], emptyText: 'Tidak ada pekerjaan gagal.' })).toContain('Tidak ada pekerjaan gagal.');
  });

  it('shows a labelled search box when asked, and pages only when the rows outgrow one', () => {
    const html = render({ rows: units(3), search: true });
    expect(html).toMatch(/<label for="([^"]+)"[^>]*>Cari di Unit<\/label><input id="\1" type="search"/);
    expect(html).not.toContain('Halaman Unit');
    const paged = render({ rows: units(30), pageSize: 25 });
    expect(paged).toContain('aria-label="Halaman Unit"');
    expect(paged).toContain('Halaman 1 dari 2 · baris 1–25 dari 30');
    expect(paged).toContain('Unit 25');
    expect(paged).not.toContain('Unit 26');
  });
});
