'use server';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { publicUrl } from '@/lib/env';
import { clientAddress } from '@/server/client-address';
import { fileObjection } from '@/server/services/citizen/objections';
import { publicStatus } from '@/server/services/intake/intake';
import { checkStatusToken, lookupStatus, STATUS_TOKEN_TTL_S, statusToken, TICKET_RE } from '@/server/services/citizen/status-page';

export const statusCookie = async (ticket: string) => `lrs_${ticket}`;

const normTicket = (raw: unknown) => String(raw ?? '').trim().toUpperCase().slice(0, 40);
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
    try {
      await fileObjection(getDb(), { submissionId: s.submissionId, message });
    } catch {
      // Already objected or no longer decided: the page shows the current state either way.
    }
  }
  redirect(pageOf(ticket));
}
