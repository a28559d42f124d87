/**
 * The one QueryClient recipe, for the browser and for the server's prefetch.
 * Both sides must agree on how data crosses from one to the other: superjson,
 * as on the tRPC wire, so Dates and the like arrive as they left.
 */
import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';
import { shouldRetryQuery } from './query-retry';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // staleTime also keeps the browser from fetching again what the server has just prefetched.
      queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: shouldRetryQuery },
      mutations: { retry: false },
      // Only successful answers cross over: a refused or failed prefetch is asked again by the
      // browser, which then shows the refusal in the officer's language.
      dehydrate: { serializeData: superjson.serialize, shouldDehydrateQuery: defaultShouldDehydrateQuery },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
