import { describe, expect, it } from 'vitest';
import { agreesWithAi, computeOverrides, requiresReason } from '@/lib/decision-rules';
import { editSize, withDisclosure } from '@/server/services/review/answer';
import { maskAddress, maskNik } from '@/server/services/core/masking';

describe('decision rules', () => {
  const ai = [
    { docType: 'ktp', verdict: 'valid' },
    { docType: 'kk', verdict: 'invalid' },
  ];

  it('finds the verdicts an officer changed, ignoring unchanged and unknown documents', () => {
    expect(
      computeOverrides(ai, [
        { docType: 'ktp', verdict: 'valid' },
        { docType: 'kk', verdict: 'valid' },
        { docType: 'akta', verdict: 'missing' },
      ]),
    ).toEqual([{ docType: 'kk', from: 'invalid', to: 'valid' }]);
  });

  it('asks for a reason on reject, on any departure from the AI, and on any verdict override', () => {
    expect(requiresReason('approve', true, [])).toBe(false);
    expect(requiresReason('approve', false, [])).toBe(true);
    expect(requiresReason('reject', true, [])).toBe(true);
    expect(requiresReason('request_info', true, [{ docType: 'kk', from: 'valid', to: 'invalid' }])).toBe(true);
    expect(requiresReason('escalate', false, [])).toBe(false);
  });

  it('counts agreement only when the outcome equals the recommendation', () => {
    expect(agreesWithAi('approve', 'approve')).toBe(true);
    expect(agreesWithAi('approve', 'reject')).toBe(false);
    expect(agreesWithAi(null, 'approve')).toBe(false);
  });
});

describe('answers and masking', () => {
  it('discloses that AI assisted and names the deciding officer', () => {
    const a = withDisclosure('Permohonan Anda disetujui.', 'Rina Kartika', 'Disdukcapil Kota Bandung');
    expect(a).toMatch(/^Permohonan Anda disetujui\./);
    expect(a).toContain('bantuan AI');
    expect(a).toContain('Rina Kartika');
  });

  it('measures edits at word level', () => {
    expect(editSize('satu dua tiga', 'satu dua tiga')).toBe(0);
    expect(editSize('satu dua tiga', 'satu empat tiga')).toBe('dua'.length + 'empat'.length);
  });

  it('masks NIK and the street part of an address', () => {
    expect(maskNik('3273014506900001')).toBe('3273********0001');
    expect(maskAddress('Jl. Cihampelas No. 12, Kec. Coblong, Kota Bandung')).toBe('•••, Kec. Coblong, Kota Bandung');
  });
});
