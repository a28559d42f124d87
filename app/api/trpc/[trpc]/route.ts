import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { NextRequest } from 'next/server';
import { actorFromCookies } from '@/server/auth';
import { isSameOriginJson } from '@/server/http-guards';
import { appRouter } from '@/server/routers';
import { createContext } from '@/server/trpc';

async function handler(req: NextRequest) {
  if (!isSameOriginJson(req)) {
    return Response.json({ error: { code: 'FORBIDDEN', message: 'Cross-site or non-JSON request refused' } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => createContext(await actorFromCookies(req.cookies)),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ${path}:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
