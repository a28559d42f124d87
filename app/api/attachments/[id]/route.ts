import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { actorFromCookies } from '@/server/auth';
import { refuseCrossSite } from '@/server/http-guards';
import { getDb } from '@/db/client';
import { openAttachment } from '@/server/services/attachments';
import { isDomainError } from '@/server/services/errors';

export const dynamic = 'force-dynamic';

const SAFE_INLINE = new Set(['image/png', 'image/jpeg', 'image/svg+xml', 'application/pdf']);

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const { id } = await params;
  if (!z.guid().safeParse(id).success) return new Response('Not found', { status: 404 });
  const actor = await actorFromCookies(req.cookies);
  if (!actor) return new Response('Unauthorized', { status: 401 });
  try {
    const doc = await openAttachment(getDb(), actor, id);
    const inline = SAFE_INLINE.has(doc.mime);
    return new Response(new Uint8Array(doc.content), {
      headers: {
        'Content-Type': inline ? doc.mime : 'application/octet-stream',
        'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store, private',
        // A document is data, never a page: no scripts inside an SVG. (Chrome's PDF
        // viewer refuses to run in a sandbox, so PDFs get only nosniff.)
        ...(doc.mime === 'image/svg+xml'
          ? { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" }
          : {}),
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    });
  } catch (e) {
    if (isDomainError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) {
      return new Response('Not found', { status: 404 });
    }
    throw e;
  }
}
