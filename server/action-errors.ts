/**
 * The server actions' adapter of the services' DomainErrors (the `actions.ts` files under app/).
 * An action names the codes it expects and answers each its own way (most
 * redirect to the page, which shows the current state); every other failure
 * (another code, a bug, the database away) is thrown on to Next's error page
 * and the server log, never swallowed by a blanket catch.
 */
import { isDomainError, type DomainError, type DomainErrorCode } from './services/core/errors';

export type ActionOutcome<T, C extends DomainErrorCode> = { ok: true; value: T } | { ok: false; error: DomainError & { code: C } };

export async function expectDomainErrors<T, C extends DomainErrorCode>(codes: readonly C[], run: () => Promise<T>): Promise<ActionOutcome<T, C>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (isDomainError(e) && (codes as readonly DomainErrorCode[]).includes(e.code)) return { ok: false, error: e as DomainError & { code: C } };
    throw e;
  }
}
