/**
 * tRPC: context, procedures by role, and the one place where domain errors
 * become TRPC error codes. The procedure is the authority on who may do what.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { getDb, type Db } from '@/db/client';
import { databaseOutage } from '@/db/errors';
import type { Role } from '@/lib/vocabulary';
import type { Actor } from './services/core/actor';
import { recordDomainRefusal, recordRefusal, SECURITY_STREAM } from './services/audit/audit';
import { databaseUnavailable, DOMAIN_ERROR_CODES, isDomainError, type DomainErrorCode } from './services/core/errors';

export type Context = {
  db: Db;
  actor: Actor | null;
  /** A page's server-side prefetch (server/trpc-prefetch.tsx): a refusal there is asked again by the browser. */
  prefetch?: boolean;
};

export function createContext(actor: Actor | null): Context {
  return { db: getDb(), actor };
}

/**
 * Builds the context from a step that reads the database (the session check):
 * while the database is away the caller gets the typed, retryable 503 rather
 * than an internal error.
 */
export async function contextFrom(readActor: () => Promise<Actor | null>): Promise<Context> {
  try {
    return createContext(await readActor());
  } catch (e) {
    if (!databaseOutage(e)) throw e;
    const cause = databaseUnavailable(e);
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: cause.message, cause });
  }
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const domainCode = isDomainError(error.cause) ? error.cause.code : null;
    return {
      ...shape,
      // Unexpected failures keep their details in the server log, not in the browser.
      message: domainCode || error.code !== 'INTERNAL_SERVER_ERROR' ? shape.message : 'Internal error',
      data: {
        ...shape.data,
        stack: undefined,
        domainCode,
        details: isDomainError(error.cause) ? (error.cause.details ?? null) : null,
        zod: error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path, code: i.code })) : null,
      },
    };
  },
});

/** Maps typed domain errors thrown by services to tRPC errors. */
const mapDomainErrors = t.middleware(async ({ ctx, next, path, getRawInput }) => {
  const result = await next();
  if (!result.ok && databaseOutage(result.error.cause)) {
    const cause = databaseUnavailable(result.error.cause);
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: cause.message, cause });
  }
  if (!result.ok && isDomainError(result.error.cause)) {
    const domainCode = result.error.cause.code;
    // Refused work is recorded in its own transaction: the procedure's transaction has rolled back.
    // A refused prefetch is not dehydrated; the browser asks again and that request is the one recorded.
    if (ctx.actor && !ctx.prefetch && (domainCode === 'FORBIDDEN' || domainCode === 'NOT_FOUND')) {
      await recordDomainRefusal(ctx.db, ctx.actor, path, domainCode, await getRawInput().catch(() => null));
    }
    const code = DOMAIN_ERROR_CODES[result.error.cause.code as DomainErrorCode];
    throw new TRPCError({ code, message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

export const router = t.router;
/**
 * Calls the routers in-process, as the browser would over HTTP.
 * @internal exported for the tests (knip: not an export of the product)
 */
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapDomainErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

function roleProcedure(roles: Role[]) {
  return authedProcedure.use(async ({ ctx, next, path }) => {
    if (!roles.includes(ctx.actor.role)) {
      // As above: a refused prefetch is recorded when the browser asks again.
      if (!ctx.prefetch)
        await recordRefusal(ctx.db, {
          stream: SECURITY_STREAM,
          actor: ctx.actor,
          unitId: ctx.actor.unitId,
          action: 'access.forbidden',
          entityType: 'procedure',
          entityId: path,
          payload: { role: ctx.actor.role },
        });
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role may not do this' });
    }
    return next();
  });
}

/** Officers and supervisors review and decide; admins configure and do not decide. */
export const reviewerProcedure = roleProcedure(['officer', 'supervisor']);
export const supervisorProcedure = roleProcedure(['supervisor', 'admin']);
export const adminProcedure = roleProcedure(['admin']);
