/**
 * Statements of one transaction sent together and awaited once.
 *
 * postgres.js pipelines queries issued at the same time on a transaction's
 * connection, so independent statements share one round trip to Postgres
 * instead of waiting for each other (on the decision path the round trips,
 * not the work, were most of its time). Postgres runs them one after another
 * in an order we do not fix, so none may depend on another's effect.
 *
 * When one fails, Postgres aborts the transaction and the rest fail with
 * "current transaction is aborted" (25P02); this reports the statement that
 * actually failed, which Promise.all would not reliably do.
 */
export async function pipelined<T extends readonly unknown[]>(statements: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(statements);
  const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) throw failures.find((e) => !isAbortedTransaction(e)) ?? failures[0];
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

function isAbortedTransaction(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err?.code === '25P02' || err?.cause?.code === '25P02';
}
