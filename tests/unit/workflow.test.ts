import { describe, expect, it } from 'vitest';
import { SUBMISSION_STATUSES } from '@/lib/vocabulary';
import { canTransition, nextStatus, TRANSITIONS } from '@/server/services/review/workflow';

describe('submission state machine', () => {
  it.each([
    ['pending_review', 'claim', 'in_review'],
    ['escalated', 'claim', 'in_review'],
    ['in_review', 'approve', 'approved'],
    ['in_review', 'reject', 'rejected'],
    ['in_review', 'request_info', 'awaiting_citizen'],
    ['in_review', 'escalate', 'escalated'],
    ['awaiting_citizen', 'citizen_replied', 'pending_review'],
    ['approved', 'reopen', 'pending_review'],
    ['drafting', 'auto_approve', 'auto_approved'],
  ] as const)('%s --%s--> %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });

  it.each([
    ['pending_review', 'approve'],
    ['approved', 'approve'],
    ['rejected', 'claim'],
    ['in_review', 'auto_approve'],
    ['pending_review', 'auto_approve'],
    ['escalated', 'reopen'],
  ] as const)('refuses %s --%s--> with ILLEGAL_TRANSITION', (from, event) => {
    expect(() => nextStatus(from, event)).toThrowError(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('never automates an adverse outcome: only approval has an automatic path', () => {
    const automatic = Object.entries(TRANSITIONS).filter(([event]) => event.startsWith('auto'));
    expect(automatic.map(([, m]) => m.to)).toEqual(['auto_approved']);
  });

  it('has a decided state reachable only from in_review by a person', () => {
    for (const s of SUBMISSION_STATUSES) {
      expect(canTransition(s, 'approve')).toBe(s === 'in_review');
      expect(canTransition(s, 'reject')).toBe(s === 'in_review');
    }
  });
});
