import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { NextRequest } from 'next/server';
import { actorFromCookies } from '@/server/auth';
import { refuseCrossSite } from '@/server/http-guards';
import { appRouter } from '@/server/routers';
import { withStrictJsonBody } from '@/server/trpc-body';
import { contextFrom } from '@/server/trpc';

async function handler(req: NextRequest) {
  const refused = refuseCrossSite(req, { jsonMutations: true });
  if (refused) return refused;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: withStrictJsonBody(req),
    router: appRouter,
    createContext: () => contextFrom(() => actorFromCookies(req.cookies)),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ${path}:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
