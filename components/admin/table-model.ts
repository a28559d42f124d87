/**
 * The rules of the admin tables that are not React: how a row matches the
 * search box, how two cells compare when a column is sorted, and which rows a
 * page shows. Kept apart from data-table.tsx so they are tested on their own.
 */

/** What a column sorts by: text, a number, a date or a yes/no; null sorts last either way. */
export type SortValue = string | number | boolean | Date | null | undefined;

/** Lower case, without accents: "Dédé" is found by "dede". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('id');
}

/**
 * Whether a row, given the texts it shows, matches what was typed: every word
 * of the query must appear in one of the texts (in any order), so "bandung
 * portal" finds the Bandung unit's portal key.
 */
export function matchesQuery(texts: readonly (string | number | null | undefined)[], query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.filter((t) => t !== null && t !== undefined && t !== '').map((t) => fold(String(t)));
  return words.every((w) => haystack.some((h) => h.includes(w)));
}

/** A sort value as the table keeps it: undefined for "nothing" (the table puts those last), else a string or number. */
export function sortKey(value: SortValue): string | number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

// Numeric so "BDG-2" sorts before "BDG-10"; base sensitivity so case and accents do not split equal names.
const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

/** Ascending order of two sort keys: numbers by value, texts as a person reads them. */
export function compareKeys(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  return collator.compare(String(a), String(b));
}

/** What the pager says: rows `from`–`to` (1-based) of `total`, on page `page` of `pages`. */
export function pageSummary(pageIndex: number, pageSize: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const index = Math.min(Math.max(0, pageIndex), pages - 1);
  return {
    page: index + 1,
    pages,
    from: total === 0 ? 0 : index * pageSize + 1,
    to: Math.min(total, (index + 1) * pageSize),
    total,
  };
}

/** The `aria-sort` of a sortable column header. */
export function ariaSort(direction: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
}
