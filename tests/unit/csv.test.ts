import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '@/lib/csv';
import { csvLine } from '@/server/services/audit/export';

describe('the one CSV encoder', () => {
  it('quotes separators and quotes, and defuses every formula start a spreadsheet runs', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1+1`).startsWith(`'${start}`) || csvCell(`${start}1+1`).startsWith(`"'${start}`), JSON.stringify(start)).toBe(true);
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes numbers as numbers: a negative figure is not turned into text', () => {
    expect(csvCell(12)).toBe('12');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('the chart download and the audit export encode a cell alike', () => {
    const csv = toCsv([{ key: 'k', label: 'Kecamatan', value: (r: { k: string }) => r.k }], [{ k: '@Coblong' }, { k: '-Sukasari' }]);
    expect(csv).toBe("\uFEFFKecamatan\r\n'@Coblong\r\n'-Sukasari\r\n");
    const event = { occurredAt: '2026-12-07T00:00:00.000000Z', stream: 'unit:x', seq: 1, unitName: null, actorId: null, actorName: null, actorRole: null };
    const line = csvLine({
      ...event,
      action: '=cmd',
      entityType: 'submission',
      entityId: 'e',
      ticket: null,
      payloadText: '{}',
      prevHash: '00',
      hash: '11',
    } as unknown as Parameters<typeof csvLine>[0]);
    expect(line).toContain(",'=cmd,");
  });
});
