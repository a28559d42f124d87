/**
 * The one CSV encoder: the audit export (server) and the numbers behind every
 * chart and table (browser) write cells the same way. RFC 4180 quoting; text
 * that a spreadsheet would run as a formula (leading = + - @, tab or carriage
 * return, OWASP's list) gets a leading apostrophe. Numbers are data, never a
 * formula: -5 stays -5.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export type CsvColumn<T> = { key: string; label: string; value: (row: T) => string | number | null | undefined };

/** A whole file for a spreadsheet: a BOM so it reads UTF-8 (kecamatan and names), CRLF line ends. */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
