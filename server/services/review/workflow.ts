/**
 * The submission state machine (DESIGN.md). Every status change in the
 * codebase asks this table first, so an illegal move is refused the same way
 * wherever it comes from.
 */
import type { Outcome, SubmissionStatus } from '@/lib/vocabulary';
import { DomainError } from '../core/errors';

/** The moves; an officer's decision outcome is the move of the same name. */
export type TransitionEvent =
  | Outcome
  | 'start_drafting'
  | 'draft_ready'
  | 'auto_approve'
  | 'sample_for_qa'
  | 'claim'
  | 'release'
  | 'lease_expired'
  | 'citizen_replied'
  | 'reopen'
  | 'ai_unavailable'
  | 'citizen_objection';

type Move = { from: readonly SubmissionStatus[]; to: SubmissionStatus };

const DECIDED: readonly SubmissionStatus[] = ['approved', 'rejected', 'awaiting_citizen', 'auto_approved'];

export const TRANSITIONS: Record<TransitionEvent, Move> = {
  start_drafting: { from: ['received'], to: 'drafting' },
  draft_ready: { from: ['drafting', 'received'], to: 'pending_review' },
  auto_approve: { from: ['drafting'], to: 'auto_approved' },
  sample_for_qa: { from: ['auto_approved'], to: 'qa_review' },
  // An escalated item is claimed by a supervisor into the same review flow.
  claim: { from: ['pending_review', 'escalated', 'qa_review'], to: 'in_review' },
  release: { from: ['in_review'], to: 'pending_review' },
  lease_expired: { from: ['in_review'], to: 'pending_review' },
  approve: { from: ['in_review'], to: 'approved' },
  reject: { from: ['in_review'], to: 'rejected' },
  request_info: { from: ['in_review'], to: 'awaiting_citizen' },
  escalate: { from: ['in_review'], to: 'escalated' },
  citizen_replied: { from: ['awaiting_citizen'], to: 'pending_review' },
  reopen: { from: DECIDED, to: 'pending_review' },
  // The drafting job failed after its last retry: a person takes it without a suggestion.
  ai_unavailable: { from: ['received', 'drafting'], to: 'pending_review' },
  // UU 27/2022 Pasal 10: the citizen asks a person to look again at a final decision.
  citizen_objection: { from: ['approved', 'rejected', 'auto_approved'], to: 'pending_review' },
};

export function canTransition(from: SubmissionStatus, event: TransitionEvent): boolean {
  return TRANSITIONS[event].from.includes(from);
}

/** Returns the next status or throws ILLEGAL_TRANSITION naming the move. */
export function nextStatus(from: SubmissionStatus, event: TransitionEvent): SubmissionStatus {
  if (!canTransition(from, event)) {
    throw new DomainError('ILLEGAL_TRANSITION', `Cannot ${event} a submission that is ${from}`, { from, event });
  }
  return TRANSITIONS[event].to;
}

export const isDecided = (s: SubmissionStatus) => DECIDED.includes(s);
