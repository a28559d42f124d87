import { cookies } from 'next/headers';
import { StatusDetails } from '@/components/status/status-details';
import { StatusVerifyForm } from '@/components/status/status-verify-form';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { ATTACHMENTS_MAX_COUNT } from '@/server/services/intake/schema';
import { checkStatusToken, statusView } from '@/server/services/citizen/status-page';
import { objectToDecision, replyToRequest, statusCookie, verifyStatus } from '../actions';

type Props = { params: Promise<{ ticket: string }>; searchParams: Promise<{ e?: string; s?: string; n?: string }> };

/** Public: any ticket shows the same form until the NIK digits match; nothing tells whether it exists. */
export default async function TicketStatusPage({ params, searchParams }: Props) {
  const ticket = decodeURIComponent((await params).ticket)
    .trim()
    .toUpperCase()
    .slice(0, 40);
  const { e, s: wait, n } = await searchParams;
  const token = (await cookies()).get(await statusCookie(ticket))?.value;
  const view = checkStatusToken(ticket, token) ? await statusView(getDb(), ticket) : null;
  if (view) {
    return (
      <StatusDetails
        view={view}
        error={e}
        errorFile={Math.max(1, Math.min(ATTACHMENTS_MAX_COUNT, Math.round(Number(n)) || 1))}
        objectAction={objectToDecision}
        replyAction={replyToRequest}
        // A reply's files follow the intake API's limits (the same checks decide: server/services/citizen/replies.ts).
        replyLimits={{ maxFiles: ATTACHMENTS_MAX_COUNT, maxBytes: env.INTAKE_ATTACHMENT_MAX_BYTES }}
      />
    );
  }
  return <StatusVerifyForm ticket={ticket} error={e} retrySeconds={Math.max(1, Math.min(24 * 3600, Math.round(Number(wait)) || 60))} action={verifyStatus} />;
}
