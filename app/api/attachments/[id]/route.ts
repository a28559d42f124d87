import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { actorFromCookies } from '@/server/auth';
import { refuseCrossSite } from '@/server/http-guards';
import { getDb } from '@/db/client';
import { openAttachment } from '@/server/services/review/attachments';
import { isDomainError } from '@/server/services/core/errors';
import { pngFilename, rasteriseSvg, SVG_MIME } from '@/server/services/review/svg-raster';

export const dynamic = 'force-dynamic';

// Never image/svg+xml: an SVG can carry scripts. Intake stores SVGs as PNG; one stored before that is rendered here.
const SAFE_INLINE = new Set(['image/png', 'image/jpeg', 'image/webp', 'application/pdf']);

/** A stored SVG (from before intake rasterised them) as the PNG it renders to, or as a plain download when it does not render. */
async function servable(doc: { mime: string; filename: string; content: Buffer }): Promise<{ mime: string; filename: string; content: Buffer }> {
  if (doc.mime !== SVG_MIME) return doc;
  try {
    return { mime: 'image/png', filename: pngFilename(doc.filename), content: (await rasteriseSvg(doc.content)).png };
  } catch {
    return { mime: 'application/octet-stream', filename: doc.filename, content: doc.content };
  }
}

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const { id } = await params;
  if (!z.guid().safeParse(id).success) return new Response('Not found', { status: 404 });
  const actor = await actorFromCookies(req.cookies);
  if (!actor) return new Response('Unauthorized', { status: 401 });
  try {
    const doc = await servable(await openAttachment(getDb(), actor, id));
    const inline = SAFE_INLINE.has(doc.mime);
    return new Response(new Uint8Array(doc.content), {
      headers: {
        'Content-Type': inline ? doc.mime : 'application/octet-stream',
        'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store, private',
        // A document is data, never a page, framed only by the console's own review page.
        // (Chrome's PDF viewer refuses to run in a sandbox, so PDFs get only the framing rule.)
        'Content-Security-Policy': doc.mime !== 'application/pdf' ? "default-src 'none'; sandbox; frame-ancestors 'self'" : "frame-ancestors 'self'",
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
