import { cookies } from 'next/headers';
import { StatusDetails } from '@/components/status/status-details';
import { StatusVerifyForm } from '@/components/status/status-verify-form';
import { getDb } from '@/db/client';
import { checkStatusToken, statusView } from '@/server/services/citizen/status-page';
import { objectToDecision, statusCookie, verifyStatus } from '../actions';

type Props = { params: Promise<{ ticket: string }>; searchParams: Promise<{ e?: string; s?: string }> };

/** Public: any ticket shows the same form until the NIK digits match; nothing tells whether it exists. */
export default async function TicketStatusPage({ params, searchParams }: Props) {
  const ticket = decodeURIComponent((await params).ticket).trim().toUpperCase().slice(0, 40);
  const { e, s: wait } = await searchParams;
  const token = (await cookies()).get(await statusCookie(ticket))?.value;
  const view = checkStatusToken(ticket, token) ? await statusView(getDb(), ticket) : null;
  if (view) return <StatusDetails view={view} error={e} objectAction={objectToDecision} />;
  return <StatusVerifyForm ticket={ticket} error={e} retrySeconds={Math.max(1, Math.min(24 * 3600, Math.round(Number(wait)) || 60))} action={verifyStatus} />;
}
