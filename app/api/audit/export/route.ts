import type { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { ZAuditExportQuery } from '@/server/routers/audit';
import { actorFromCookies } from '@/server/auth';
import { refuseCrossSite } from '@/server/http-guards';
import { recordRefusal, SECURITY_STREAM } from '@/server/services/audit/audit';
import { exportAuditEvents } from '@/server/services/audit/export';
import { exportCheckpoints } from '@/server/services/audit/integrity';

export const dynamic = 'force-dynamic';

/** GET /api/audit/export?kind=events|checkpoints&format=csv|jsonl&<filter>: streamed, audited, scoped. */
export async function GET(req: NextRequest) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const actor = await actorFromCookies(req.cookies);
  if (!actor) return new Response('Unauthorized', { status: 401 });
  if (actor.role === 'officer') {
    await recordRefusal(getDb(), {
      stream: SECURITY_STREAM,
      actor,
      unitId: actor.unitId,
      action: 'access.forbidden',
      entityType: 'route',
      entityId: '/api/audit/export',
      payload: { role: actor.role },
    });
    return new Response('Forbidden', { status: 403 });
  }
  const parsed = ZAuditExportQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) return new Response('Bad request', { status: 400 });
  const { kind, format, ...filter } = parsed.data;
  const day = new Date().toISOString().slice(0, 10);
  const headers = { 'Cache-Control': 'no-store, private', 'X-Content-Type-Options': 'nosniff' };

  if (kind === 'checkpoints') {
    const { body } = await exportCheckpoints(getDb(), actor);
    return new Response(body, {
      headers: {
        ...headers,
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-checkpoints-${day}.jsonl"`,
      },
    });
  }
  const stream = await exportAuditEvents(getDb(), actor, filter, format);
  return new Response(stream, {
    headers: {
      ...headers,
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-events-${day}.${format}"`,
    },
  });
}
