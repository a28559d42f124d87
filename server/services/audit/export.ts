/**
 * Exporting the filtered audit trail as CSV or JSON Lines, streamed: rows come
 * through a server-side cursor a batch at a time and leave as they come, so a
 * million-event export never sits in memory. The export is audited when it
 * starts (with its filter) and when it ends (with its row count).
 */
import { csvCell } from '@/lib/csv';
import type { Db } from '@/db/client';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from './audit';
import { rawSql } from './checkpoints';
import { allOf, auditScope, eventSelect, filterConditions, toEventView, type AuditEventView, type AuditFilter, type RawEventRow } from './explorer';

export type ExportFormat = 'csv' | 'jsonl';

export const CSV_COLUMNS = [
  'occurred_at',
  'stream',
  'seq',
  'unit',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'entity_type',
  'entity_id',
  'ticket',
  'payload',
  'prev_hash',
  'hash',
] as const;

export function csvLine(e: AuditEventView): string {
  return (
    [
      e.occurredAt,
      e.stream,
      e.seq,
      e.unitName,
      e.actorId,
      e.actorName,
      e.actorRole,
      e.action,
      e.entityType,
      e.entityId,
      e.ticket,
      e.payloadText,
      e.prevHash,
      e.hash,
    ]
      .map(csvCell)
      .join(',') + '\r\n'
  );
}

/** One JSON object per line: the payload parsed, and its exact stored text for re-verification. */
export function jsonLine(e: AuditEventView): string {
  const { payloadText, ...rest } = e;
  return JSON.stringify({ ...rest, payload: JSON.parse(payloadText) as unknown, payloadText }) + '\n';
}

const describe = (f: AuditFilter) =>
  Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );

/**
 * The export as a web ReadableStream. Scope is checked and the start is
 * audited before the first byte; cancelling the response closes the cursor.
 */
export async function exportAuditEvents(db: Db, actor: Actor, filter: AuditFilter, format: ExportFormat): Promise<ReadableStream<Uint8Array>> {
  const sql = rawSql(db);
  const scope = auditScope(actor);
  const conditions = await filterConditions(sql, scope, filter);
  await appendAudit(db, {
    stream: SECURITY_STREAM,
    actor,
    unitId: scope.unitId,
    action: 'audit.export',
    entityType: 'audit_export',
    entityId: format,
    payload: { format, filter: describe(filter) },
  });
  const encoder = new TextEncoder();
  let rows = 0;
  let iterator: AsyncIterator<RawEventRow[]> | null = null;
  if (conditions) {
    const query = sql<RawEventRow[]>`
      ${eventSelect(sql)}
      where true ${allOf(sql, conditions)}
      order by e.occurred_at, e.stream, e.seq`;
    iterator = (query.cursor(1000) as AsyncIterable<RawEventRow[]>)[Symbol.asyncIterator]();
  }
  const finished = async () => {
    await appendAudit(db, {
      stream: SECURITY_STREAM,
      actor,
      unitId: scope.unitId,
      action: 'audit.export_completed',
      entityType: 'audit_export',
      entityId: format,
      payload: { format, rows },
    }).catch((e: unknown) => console.error('audit: could not record the end of an export', e));
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte order mark lets spreadsheet programs read the UTF-8 names correctly.
      if (format === 'csv') controller.enqueue(encoder.encode(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`));
    },
    async pull(controller) {
      const next = iterator ? await iterator.next() : { done: true as const, value: undefined };
      if (next.done) {
        await finished();
        controller.close();
        return;
      }
      const batch = next.value.map(toEventView);
      rows += batch.length;
      controller.enqueue(encoder.encode(batch.map(format === 'csv' ? csvLine : jsonLine).join('')));
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}
