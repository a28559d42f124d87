import { describe, expect, it } from 'vitest';
import { classifyChange, diffPolicies } from '@/lib/policy-rules';
import { evaluatePolicy, ruleKind, type EvaluationInput, type PolicyRules } from '@/server/services/policy/evaluation';
import { autoDisclosureLine, withAutoDisclosure } from '@/server/services/policy/answer';

const POLICY: PolicyRules = {
  autoApproveEnabled: true,
  minConfidence: 0.9,
  requireAllDocsValid: true,
  blockedFlags: ['complaint', 'nik_mismatch'],
  dailyCapPerUnit: 10,
  qaSampleRate: 0.1,
};
const valid = [{ verdict: 'valid' }, { verdict: 'valid' }];
const BASE: EvaluationInput = {
  policy: POLICY,
  killSwitch: false,
  suggestion: { recommendation: 'approve', confidence: 0.95, docVerdicts: valid, flags: [] },
  autoApprovedTodayInUnit: 0,
};
type Case = [name: string, change: (i: EvaluationInput) => EvaluationInput, rule: string];
const withSuggestion = (i: EvaluationInput, s: Partial<EvaluationInput['suggestion']>) => ({ ...i, suggestion: { ...i.suggestion, ...s } });
const withPolicy = (i: EvaluationInput, p: Partial<PolicyRules>) => ({ ...i, policy: { ...POLICY, ...p } });

const CASES: Case[] = [
  ['everything passes', (i) => i, 'ok'],
  ['no active policy', (i) => ({ ...i, policy: null }), 'no_policy'],
  ['no policy wins over the kill switch', (i) => ({ ...i, policy: null, killSwitch: true }), 'no_policy'],
  ['kill switch on', (i) => ({ ...i, killSwitch: true }), 'kill_switch'],
  ['kill switch on, even with auto-approve off', (i) => withPolicy({ ...i, killSwitch: true }, { autoApproveEnabled: false }), 'kill_switch'],
  ['auto-approve turned off', (i) => withPolicy(i, { autoApproveEnabled: false }), 'disabled'],
  ['AI recommends reject (never automated)', (i) => withSuggestion(i, { recommendation: 'reject', confidence: 1 }), 'not_approve'],
  ['AI recommends request_info (never automated)', (i) => withSuggestion(i, { recommendation: 'request_info', confidence: 1 }), 'not_approve'],
  ['confidence just below the threshold', (i) => withSuggestion(i, { confidence: 0.8999 }), 'below_threshold'],
  ['confidence exactly at the threshold passes', (i) => withSuggestion(i, { confidence: 0.9 }), 'ok'],
  ['float32 of the threshold (as stored in Postgres real) passes', (i) => withSuggestion(i, { confidence: Math.fround(0.9) }), 'ok'],
  ['threshold read back as float32 still passes 0.9', (i) => withPolicy(withSuggestion(i, { confidence: 0.9 }), { minConfidence: Math.fround(0.9) }), 'ok'],
  ['confidence NaN goes to a person', (i) => withSuggestion(i, { confidence: Number.NaN }), 'below_threshold'],
  ['document unreadable', (i) => withSuggestion(i, { docVerdicts: [{ verdict: 'valid' }, { verdict: 'unreadable' }] }), 'document_not_valid'],
  ['document missing', (i) => withSuggestion(i, { docVerdicts: [{ verdict: 'missing' }] }), 'document_not_valid'],
  ['document invalid', (i) => withSuggestion(i, { docVerdicts: [{ verdict: 'invalid' }, { verdict: 'valid' }] }), 'document_not_valid'],
  [
    'document unreadable allowed when not required',
    (i) => withPolicy(withSuggestion(i, { docVerdicts: [{ verdict: 'unreadable' }] }), { requireAllDocsValid: false }),
    'ok',
  ],
  [
    'a document the reader was unsure of never passes, even when validity is not required',
    (i) =>
      withPolicy(withSuggestion(i, { docVerdicts: [{ verdict: 'unreadable' }], flags: ['low_read_confidence'] }), {
        requireAllDocsValid: false,
        blockedFlags: [],
      }),
    'blocked_flag:low_read_confidence',
  ],
  [
    'documents nobody read never pass',
    (i) => withPolicy(withSuggestion(i, { flags: ['documents_not_read'] }), { blockedFlags: [] }),
    'blocked_flag:documents_not_read',
  ],
  [
    'an edited document is blocked whatever the policy lists',
    (i) => withPolicy(withSuggestion(i, { flags: ['document_tampered'] }), { blockedFlags: [] }),
    'blocked_flag:document_tampered',
  ],
  [
    'a refused draft is blocked whatever the policy lists',
    (i) => withPolicy(withSuggestion(i, { flags: ['draft_refused'] }), { blockedFlags: [] }),
    'blocked_flag:draft_refused',
  ],
  ['no documents at all (none required) passes', (i) => withSuggestion(i, { docVerdicts: [] }), 'ok'],
  ['blocked flag present', (i) => withSuggestion(i, { flags: ['possible_duplicate', 'complaint'] }), 'blocked_flag:complaint'],
  ['a flag that is not blocked passes', (i) => withSuggestion(i, { flags: ['possible_duplicate'] }), 'ok'],
  ['daily cap reached exactly', (i) => ({ ...i, autoApprovedTodayInUnit: 10 }), 'daily_cap_reached'],
  ['daily cap exceeded', (i) => ({ ...i, autoApprovedTodayInUnit: 11 }), 'daily_cap_reached'],
  ['one below the daily cap passes', (i) => ({ ...i, autoApprovedTodayInUnit: 9 }), 'ok'],
  ['a cap of 0 allows none', (i) => withPolicy(i, { dailyCapPerUnit: 0 }), 'daily_cap_reached'],
  // Order: the first rule that fails is the one recorded.
  [
    'below threshold is reported before an invalid document',
    (i) => withSuggestion(i, { confidence: 0.5, docVerdicts: [{ verdict: 'invalid' }] }),
    'below_threshold',
  ],
  [
    'an invalid document is reported before a blocked flag',
    (i) => withSuggestion(i, { docVerdicts: [{ verdict: 'invalid' }], flags: ['complaint'] }),
    'document_not_valid',
  ],
  [
    'a blocked flag is reported before the cap',
    (i) => withSuggestion({ ...i, autoApprovedTodayInUnit: 99 }, { flags: ['nik_mismatch'] }),
    'blocked_flag:nik_mismatch',
  ],
];

describe('evaluatePolicy', () => {
  it.each(CASES)('%s', (_name, change, rule) => {
    const out = evaluatePolicy(change(BASE));
    expect(out.rule).toBe(rule);
    expect(out.result).toBe(rule === 'ok' ? 'auto_approve' : 'human_review');
  });

  it('never automates anything but an approval, at any confidence and policy', () => {
    for (const recommendation of ['reject', 'request_info'] as const) {
      for (const confidence of [0, 0.5, 0.99, 1]) {
        const out = evaluatePolicy({
          ...withPolicy(BASE, { minConfidence: 0.5, requireAllDocsValid: false, blockedFlags: [], dailyCapPerUnit: 1e6 }),
          suggestion: { recommendation, confidence, docVerdicts: [], flags: [] },
        });
        expect(out.result).toBe('human_review');
      }
    }
  });

  it('names the rule kind without its argument', () => {
    expect(ruleKind('blocked_flag:complaint')).toBe('blocked_flag');
    expect(ruleKind('ok')).toBe('ok');
  });
});

describe('classifyChange (four eyes)', () => {
  const on = POLICY;
  type ChangeCase = [name: string, before: PolicyRules | null, after: PolicyRules, loosening: string[]];
  const CHANGES: ChangeCase[] = [
    ['first policy, auto-approve off: at once', null, { ...on, autoApproveEnabled: false }, []],
    ['first policy, auto-approve on: second admin', null, on, ['autoApproveEnabled']],
    ['turning auto-approve on', { ...on, autoApproveEnabled: false }, on, ['autoApproveEnabled']],
    ['turning auto-approve off: at once', on, { ...on, autoApproveEnabled: false }, []],
    ['lowering the threshold', on, { ...on, minConfidence: 0.85 }, ['minConfidence']],
    ['raising the threshold: at once', on, { ...on, minConfidence: 0.95 }, []],
    ['dropping "all documents valid"', on, { ...on, requireAllDocsValid: false }, ['requireAllDocsValid']],
    ['requiring valid documents: at once', { ...on, requireAllDocsValid: false }, on, []],
    ['removing a blocked flag', on, { ...on, blockedFlags: ['complaint'] }, ['blockedFlags']],
    ['adding a blocked flag: at once', on, { ...on, blockedFlags: ['complaint', 'minor_involved', 'nik_mismatch'] }, []],
    ['swapping a blocked flag counts as removing one', on, { ...on, blockedFlags: ['complaint', 'minor_involved'] }, ['blockedFlags']],
    ['raising the daily cap', on, { ...on, dailyCapPerUnit: 20 }, ['dailyCapPerUnit']],
    ['lowering the daily cap: at once', on, { ...on, dailyCapPerUnit: 5 }, []],
    ['lowering the QA sample rate', on, { ...on, qaSampleRate: 0.05 }, ['qaSampleRate']],
    ['raising the QA sample rate: at once', on, { ...on, qaSampleRate: 0.2 }, []],
    ['loosening and tightening together needs a second admin', on, { ...on, minConfidence: 0.8, dailyCapPerUnit: 5 }, ['minConfidence']],
    ['any threshold while auto-approve stays off: at once', { ...on, autoApproveEnabled: false }, { ...on, autoApproveEnabled: false, minConfidence: 0.5 }, []],
    ['turning on with a lower threshold: second admin', { ...on, autoApproveEnabled: false }, { ...on, minConfidence: 0.6 }, ['autoApproveEnabled']],
  ];
  it.each(CHANGES)('%s', (_name, before, after, loosening) => {
    expect(classifyChange(before, after).loosening).toEqual(loosening);
  });

  it('sees no change when nothing changed, float rounding included', () => {
    expect(classifyChange(on, { ...on, minConfidence: Math.fround(0.9), blockedFlags: [...on.blockedFlags] }).unchanged).toBe(true);
  });

  it('diffs two versions field by field, flags as added and removed', () => {
    const diff = diffPolicies(on, { ...on, minConfidence: 0.85, blockedFlags: ['complaint', 'minor_involved'] });
    expect(diff).toEqual([
      { field: 'minConfidence', from: 0.9, to: 0.85 },
      { field: 'blockedFlags', from: ['complaint', 'nik_mismatch'], to: ['complaint', 'minor_involved'], added: ['minor_involved'], removed: ['nik_mismatch'] },
    ]);
    expect(diffPolicies(null, on)).toHaveLength(6);
  });
});

describe('the disclosure under an automatic answer', () => {
  it('says AI drafted it, it was approved automatically under policy version N, and a person can be asked', () => {
    const line = autoDisclosureLine('Disdukcapil Kota Bandung', 3);
    expect(line).toContain('disetujui otomatis');
    expect(line).toContain('versi kebijakan 3');
    expect(line).toContain('peninjauan oleh petugas');
    expect(withAutoDisclosure('  Permohonan lengkap.  ', 'Disdukcapil Kota Bandung', 3)).toBe(`Permohonan lengkap.\n\n— ${line}`);
  });
});
