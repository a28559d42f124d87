import { getDb } from '@/db/client';
import { apiClientFor, apiRoute, respond, statusAnswer, ticketParam } from '@/server/intake-http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/submissions/{ticket}: status for the key's own unit only. */
export const GET = apiRoute(async (req: Request, { params }: { params: Promise<{ ticket: string }> }) => {
  const auth = await apiClientFor(req);
  if ('refused' in auth) return auth.refused;
  const { ticket } = await params;
  const result = await statusAnswer(getDb(), auth.client, ticketParam(ticket));
  return respond({ ...result, headers: { ...auth.headers, ...result.headers } });
});
