import { getDb } from '@/db/client';
import { apiClientFor, apiRoute, readJsonBody, replyAnswer, respond, ticketParam } from '@/server/intake-http';
import { getBoss, jobSender } from '@/server/jobs/boss';

export const dynamic = 'force-dynamic';

/** POST /api/v1/submissions/{ticket}/replies: the citizen's answer to a request for more documents (see GET /api/v1/openapi.json). */
export const POST = apiRoute(async (req: Request, { params }: { params: Promise<{ ticket: string }> }) => {
  const auth = await apiClientFor(req);
  if ('refused' in auth) return auth.refused;
  const read = await readJsonBody(req);
  if ('refused' in read) return read.refused;
  const { ticket } = await params;
  const send = jobSender(await getBoss());
  const result = await replyAnswer(
    getDb(),
    { enqueueDrafting: async (tx, id) => void (await send.drafting(tx, id)) },
    auth.client,
    ticketParam(ticket),
    read.body,
    req.headers.get('idempotency-key'),
  );
  return respond({ ...result, headers: { ...auth.headers, ...result.headers } });
});
