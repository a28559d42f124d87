'use server';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { publicUrl } from '@/lib/env';
import { clientAddress } from '@/server/client-address';
import { expectDomainErrors } from '@/server/action-errors';
import { fileObjection } from '@/server/services/citizen/objections';
import { recordCitizenReply } from '@/server/services/citizen/replies';
import type { DomainError } from '@/server/services/core/errors';
import { getBoss, jobSender } from '@/server/jobs/boss';
import { publicStatus } from '@/server/services/intake/intake';
import { checkStatusToken, lookupStatus, STATUS_TOKEN_TTL_S, statusToken, TICKET_RE } from '@/server/services/citizen/status-page';

export const statusCookie = async (ticket: string) => `lrs_${ticket}`;

const normTicket = (raw: unknown) =>
  String(raw ?? '')
    .trim()
    .toUpperCase()
    .slice(0, 40);
const pageOf = (ticket: string) => `/status/${encodeURIComponent(ticket)}`;

export async function openTicket(formData: FormData) {
  const ticket = normTicket(formData.get('ticket'));
  redirect(TICKET_RE.test(ticket) ? pageOf(ticket) : `/status?e=format`);
}

export async function verifyStatus(formData: FormData) {
  const ticket = normTicket(formData.get('ticket'));
  const nikLast4 = String(formData.get('nik4') ?? '').trim();
  const result = await lookupStatus(getDb(), { ticket, nikLast4, client: clientAddress(await headers()) });
  if (!result.ok) {
    redirect(`${pageOf(ticket)}?e=${result.reason}${result.reason === 'rate_limited' ? `&s=${result.retryAfterSeconds}` : ''}`);
  }
  (await cookies()).set(await statusCookie(ticket), statusToken(ticket), {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl().startsWith('https:'),
    path: '/status',
    maxAge: STATUS_TOKEN_TTL_S,
  });
  redirect(pageOf(ticket));
}

export async function objectToDecision(formData: FormData) {
  const ticket = normTicket(formData.get('ticket'));
  const message = String(formData.get('message') ?? '').trim();
  const token = (await cookies()).get(await statusCookie(ticket))?.value;
  if (!checkStatusToken(ticket, token)) redirect(`${pageOf(ticket)}?e=expired`);
  if (message.length < 10) redirect(`${pageOf(ticket)}?e=short`);
  const s = await publicStatus(getDb(), ticket);
  if (s) {
    // Already objected or no longer decided (ILLEGAL_TRANSITION), or a message the service refuses
    // (INVALID_INPUT): the page shows the current state either way. Anything else is a real failure.
    await expectDomainErrors(['ILLEGAL_TRANSITION', 'INVALID_INPUT'], () => fileObjection(getDb(), { submissionId: s.submissionId, message }));
  }
  redirect(pageOf(ticket));
}

/** The page's name for a refused reply (components/status/reply-form.tsx says it in the citizen's language), and which file (1-based). */
function replyRefusal(e: DomainError): string {
  const fields = Object.keys((e.details?.fields as Record<string, string> | undefined) ?? {});
  const file = fields.map((f) => /^attachments\.(\d+)\./.exec(f)).find((m) => m);
  const n = file ? `&n=${Number(file[1]) + 1}` : '';
  if (e.code === 'ATTACHMENT_TOO_LARGE') return `reply_too_large${n}`;
  if (fields.some((f) => f === 'message')) return 'reply_message';
  if (file) return `reply_file${n}`;
  if (fields.includes('attachments')) return 'reply_too_many';
  return 'reply_message';
}

/**
 * The citizen answers a request for more documents: a plain form post
 * (works before hydration), the same signed status cookie as objectToDecision,
 * and the rules in recordCitizenReply (the REST reply's own path).
 */
export async function replyToRequest(formData: FormData) {
  const ticket = normTicket(formData.get('ticket'));
  const token = (await cookies()).get(await statusCookie(ticket))?.value;
  if (!checkStatusToken(ticket, token)) redirect(`${pageOf(ticket)}?e=expired`);
  const message = String(formData.get('message') ?? '');
  const docType = String(formData.get('docType') ?? 'other');
  // A file input left empty still posts one nameless, empty part.
  const files = formData.getAll('files').filter((f): f is File => typeof f !== 'string' && f.size > 0);
  const s = await publicStatus(getDb(), ticket);
  if (s) {
    const attachments = await Promise.all(files.map(async (f) => ({ docType, filename: f.name || 'dokumen', content: Buffer.from(await f.arrayBuffer()) })));
    const send = jobSender(await getBoss());
    // No longer waiting (answered in another tab or by a channel): the page shows the current state. Refused input: said on the page.
    const r = await expectDomainErrors(['NOT_AWAITING_CITIZEN', 'VALIDATION_FAILED', 'ATTACHMENT_TOO_LARGE'], () =>
      recordCitizenReply(
        getDb(),
        { enqueueDrafting: async (tx, id) => void (await send.drafting(tx, id)) },
        { submissionId: s.submissionId, message, attachments },
      ),
    );
    if (!r.ok && r.error.code !== 'NOT_AWAITING_CITIZEN') redirect(`${pageOf(ticket)}?e=${replyRefusal(r.error)}`);
  }
  redirect(pageOf(ticket));
}
