/**
 * Server-side prefetch for pages: a page asks for the queries its client
 * components will ask for, the answers travel with the HTML, and the page
 * opens on its data instead of on "loading…". The browser then keeps the
 * data fresh as before (refetch intervals, invalidation after a mutation).
 *
 * The same procedures run, with the same checks: the caller is the signed-in
 * actor of this request. A query the page prefetches must use the very input
 * its component uses, or the browser simply asks again (no harm, no gain).
 */
import 'server-only';
import { dehydrate, HydrationBoundary, type FetchInfiniteQueryOptions } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCQueryOptions } from '@trpc/tanstack-react-query';
import { cache, type ReactNode } from 'react';
import { makeQueryClient } from '@/lib/query-client';
import { getActor } from './auth';
import { appRouter } from './routers';
import { createContext } from './trpc';

/** One QueryClient per request, shared by every prefetch of that request's page. */
const requestQueryClient = cache(makeQueryClient);

export const serverTrpc = createTRPCOptionsProxy({
  router: appRouter,
  queryClient: requestQueryClient,
  ctx: async () => ({ ...createContext(await getActor()), prefetch: true }),
});

// Any prefetchable tRPC query's options, whatever its input and output.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyQueryOptions = ReturnType<TRPCQueryOptions<any>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyInfiniteQueryOptions = FetchInfiniteQueryOptions<any, any, any, any, any>;

/** Runs the queries before the page renders; a failure is left to the browser to ask again. */
export async function prefetch(...queries: AnyQueryOptions[]): Promise<void> {
  const client = requestQueryClient();
  await Promise.all(queries.map((q) => client.prefetchQuery(q)));
}

/** The first page of a list the view pages through (useInfiniteQuery). */
export async function prefetchFirstPage(query: AnyInfiniteQueryOptions): Promise<void> {
  await requestQueryClient().prefetchInfiniteQuery(query);
}

/** Hands what was prefetched to the client components below it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(requestQueryClient())}>{children}</HydrationBoundary>;
}
