import { getDb } from '@/db/client';
import { apiClientFor, apiRoute, intakeAnswer, readJsonBody, respond } from '@/server/intake-http';
import { getBoss, jobSender } from '@/server/jobs/boss';

export const dynamic = 'force-dynamic';

/** POST /api/v1/submissions — see GET /api/v1/openapi.json. */
export const POST = apiRoute(async (req: Request) => {
  const auth = await apiClientFor(req);
  if ('refused' in auth) return auth.refused;
  const read = await readJsonBody(req);
  if ('refused' in read) return read.refused;
  const send = jobSender(await getBoss());
  const result = await intakeAnswer(
    getDb(),
    { enqueueDrafting: async (tx, id) => void (await send.drafting(tx, id)) },
    auth.client,
    read.body,
    req.headers.get('idempotency-key'),
  );
  return respond({ ...result, headers: { ...auth.headers, ...result.headers } });
});
