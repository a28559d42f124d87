import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateDemoData, mulberry32, type DemoData } from '@/server/seed/data';
import { letterPdf } from '@/server/seed/documents';
import { parseNik } from '@/server/ai/nik';
import type { OfficeCalendar } from '@/server/services/review/sla';

const NOW = new Date('2026-03-16T04:00:00Z');
// Fixed rather than read from the environment, so OFFICE_HOURS cannot change the expected data.
const calendar: OfficeCalendar = { openMinute: 480, closeMinute: 960, workdays: [1, 2, 3, 4, 5], holidays: new Set(), utcOffsetMinutes: 420 };

/** Every row and byte, as one string: a deep toEqual over megabytes of buffers is needlessly slow. */
function fingerprint(d: DemoData): string {
  // A replacer sees a Buffer only after its toJSON ran; the holder (`this`) still has the original.
  const json = JSON.stringify(d, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return Buffer.isBuffer(original) ? createHash('sha256').update(original).digest('hex') : value;
  });
  return createHash('sha256').update(json).digest('hex');
}

let cached: DemoData | null = null;
const demo = async () => (cached ??= await generateDemoData({ seed: 7, now: NOW, submissions: 90, calendar }));

// The documents are phone photos rendered with sharp (~50 ms each, ~160 per data set): a data set takes seconds.
const GENERATE_MS = 60_000;

describe('demo data generation', () => {
  beforeAll(async () => {
    await demo();
  }, GENERATE_MS);

  it('is deterministic: same seed and reference time, identical rows and bytes', { timeout: 2 * GENERATE_MS }, async () => {
    const a = await demo();
    const b = await generateDemoData({ seed: 7, now: NOW, submissions: 90, calendar });
    expect(fingerprint(b)).toBe(fingerprint(a));
    expect(b.submissions[0]).toEqual(a.submissions[0]);
    expect(b.attachments[0].content).toEqual(a.attachments[0].content);
    const c = await generateDemoData({ seed: 8, now: NOW, submissions: 90, calendar });
    expect(c.submissions.map((s) => s.nik)).not.toEqual(a.submissions.map((s) => s.nik));
  });

  it('mulberry32 repeats its sequence for a seed', () => {
    const r1 = mulberry32(42);
    const r2 = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(Array.from({ length: 5 }, () => r2())).toEqual(xs);
    xs.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
  });

  it('spreads requests over three units with a pending queue in each and tickets per unit', async () => {
    const d = await demo();
    expect(d.units.map((u) => u.code)).toEqual(['bdg', 'slm', 'sby']);
    expect(d.submissions).toHaveLength(90);
    for (const u of d.units) {
      const mine = d.submissions.filter((s) => s.unitId === u.id);
      expect(mine.filter((s) => s.status === 'pending_review').length).toBe(Math.round(30 * 0.375));
      expect(mine.every((s) => s.ticket.startsWith(`${u.ticketPrefix}-`))).toBe(true);
      expect(mine.some((s) => (s.slaDueAt as Date) < NOW && s.status === 'pending_review') || mine.length < 40).toBe(true);
    }
    expect(d.submissions.some((s) => s.status === 'in_review')).toBe(false);
    expect(new Set(d.submissions.map((s) => s.ticket)).size).toBe(90);
    expect(d.submissions.every((s) => (s.receivedAt as Date) <= NOW)).toBe(true);
  });

  it('keeps most NIKs valid and matching the form, breaking some on purpose', async () => {
    const d = await demo();
    const consistent = d.submissions.filter((s) => {
      const p = parseNik(s.nik, NOW);
      const form = s.form as Record<string, string>;
      return p.ok && p.birthDate === form.tanggal_lahir && p.sex === form.jenis_kelamin;
    });
    expect(consistent.length / d.submissions.length).toBeGreaterThan(0.75);
    expect(consistent.length).toBeLessThan(d.submissions.length);
  });

  it('stores AI suggestions whose verdicts point at real attachments, and decisions for decided requests', async () => {
    const d = await demo();
    const attachmentIds = new Set(d.attachments.map((a) => a.id));
    expect(d.suggestions).toHaveLength(d.submissions.length);
    for (const s of d.submissions) expect(d.suggestions.find((x) => x.id === s.latestSuggestionId)?.submissionId).toBe(s.id);
    for (const v of d.suggestions.flatMap((s) => s.docVerdicts ?? [])) {
      if (v.attachmentId) expect(attachmentIds.has(v.attachmentId)).toBe(true);
      else expect(v.verdict === 'missing' || v.verdict === 'valid').toBe(true);
    }
    const decided = d.submissions.filter((s) => s.status !== 'pending_review');
    expect(d.decisions).toHaveLength(decided.length);
    for (const dec of d.decisions) {
      const sub = d.submissions.find((s) => s.id === dec.submissionId)!;
      expect(sub.version).toBe(2);
      expect(dec.submissionVersion).toBe(1);
      if (dec.kind === 'auto') expect(dec.actorId).toBeNull();
      else expect(d.users.find((u) => u.id === dec.actorId)?.unitId).toBe(sub.unitId);
      if (dec.outcome === 'reject' || (dec.verdictOverrides ?? []).length) expect(dec.reasonCode).toBeTruthy();
    }
    // Audit payloads carry ids and tickets, never a NIK.
    const niks = new Set(d.submissions.map((s) => s.nik));
    for (const e of d.audit) for (const v of Object.values(e.payload)) expect(niks.has(String(v))).toBe(false);
    const times = d.audit.map((e) => e.at.getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });

  it("uploads JPEG photos of the specimens and well-formed PDFs, with nothing but the channel's data in `extracted`", async () => {
    const d = await demo();
    const photos: Buffer[] = [];
    for (const a of d.attachments) {
      const bytes = a.content as Buffer;
      expect(a.size).toBe(bytes.length);
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
      // Unreadable is in the pixels now, not a marker.
      expect(Object.keys(a.extracted ?? {}).some((k) => k.startsWith('_'))).toBe(false);
      if (a.mime === 'image/jpeg') {
        expect(a.filename.endsWith('.jpg')).toBe(true);
        expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
        photos.push(bytes);
      } else {
        expect(a.mime).toBe('application/pdf');
        expect(a.filename.endsWith('.pdf')).toBe(true);
        expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
      }
    }
    expect(photos.length).toBeGreaterThan(d.attachments.length / 2);
    for (const p of photos.slice(0, 5)) {
      const meta = await sharp(p).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeGreaterThan(100);
    }
  });

  it('writes xref offsets that point at their objects', () => {
    const pdf = letterPdf({
      kop: ['PEMERINTAH KOTA BANDUNG'],
      judul: 'SURAT PENGANTAR',
      nomor: '1/RT/03/2026',
      lines: ['Nama : Siti (Ani) \\ Aminah – uji'],
      tempatTanggal: 'Bandung, 01-03-2026',
      penandatangan: 'Ketua RT 001',
    });
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = text.slice(startxref).split('\n').slice(3, 10);
    entries.forEach((line, i) => {
      expect(line.length + 1).toBe(20);
      const offset = Number(line.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    const m = /<< \/Length (\d+) >>\nstream\n/.exec(text)!;
    expect(text.slice(m.index + m[0].length + Number(m[1]), m.index + m[0].length + Number(m[1]) + 10)).toBe('\nendstream');
    expect(text).toContain('(Nama : Siti \\(Ani\\) \\\\ Aminah - uji)');
    expect(text).toContain('(SPESIMEN)');
  });

  it('lists one demo account per role and unit, all with the demo password', () => {
    expect(DEMO_ACCOUNTS).toHaveLength(10);
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'admin')).toEqual([expect.objectContaining({ email: 'admin@layanan.go.id', unit: null })]);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.password))).toEqual(new Set(['Demo#2026']));
  });
});
