/**
 * The inputs the oversight pages open with. Not a client module: each page
 * prefetches its first answers on the server with the very input its view
 * then asks for (server/trpc-prefetch.tsx).
 */

/** Every unit the supervisor may see (the unit picker's "all"). */
export const ALL_UNITS = { unitId: null } as const;

/** Overrides are listed 50 at a time (keyset pages). */
export const OVERRIDES_PAGE = 50;
