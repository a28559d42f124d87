import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { is } from 'drizzle-orm';
import { PgEnumColumn } from 'drizzle-orm/pg-core';
import * as schema from '@/db/schema';
import { ZQueueFilter } from '@/lib/queue-filter';
import * as vocabulary from '@/lib/vocabulary';
import { ZDecideInput, ZQaDecideInput } from '@/server/services/review/decision-input';
import { ZAttachment, ZSubmissionStatus } from '@/server/services/intake/schema';

const {
  CHANNELS,
  DECIDED_BY,
  DECISION_KINDS,
  DECISION_OUTCOMES,
  DOC_TYPES,
  FINAL_OUTCOMES,
  POLICY_STATUSES,
  QUEUE_STATUS_FILTERS,
  ROLES,
  SUBMISSION_STATUSES,
  VERDICTS,
} = vocabulary;

const root = path.resolve(import.meta.dirname, '../..');

/** Every Postgres enum and the vocabulary list it must hold, in the same order. */
const ENUMS: Record<string, readonly string[]> = {
  role: ROLES,
  channel: CHANNELS,
  submission_status: SUBMISSION_STATUSES,
  recommendation: FINAL_OUTCOMES,
  decision_outcome: DECISION_OUTCOMES,
  decision_kind: DECISION_KINDS,
  doc_type: DOC_TYPES,
  policy_status: POLICY_STATUSES,
};

/** The pgEnums db/schema.ts exports, by their Postgres name. */
function schemaEnums(): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const value of Object.values(schema)) {
    if (typeof value === 'function' && 'enumName' in value && 'enumValues' in value) out[value.enumName as string] = value.enumValues as string[];
  }
  return out;
}

describe('the vocabulary feeds the database enums', () => {
  it('db/schema.ts declares exactly these enums, each with its vocabulary list in order', () => {
    expect(schemaEnums()).toEqual(ENUMS);
  });

  it('every enum column of every table is one of them', () => {
    const names = new Set<string>();
    for (const table of Object.values(schema)) {
      if (typeof table !== 'object' || table === null) continue;
      for (const column of Object.values(table)) if (is(column, PgEnumColumn)) names.add(column.enum.enumName);
    }
    expect([...names].sort()).toEqual(Object.keys(ENUMS).sort());
  });

  it('the latest migration created the same enums: a vocabulary change without a migration fails here', () => {
    const meta = path.join(root, 'db/migrations/meta');
    const latest = readdirSync(meta)
      .filter((f) => f.endsWith('_snapshot.json'))
      .sort()
      .at(-1)!;
    const snapshot = JSON.parse(readFileSync(path.join(meta, latest), 'utf8')) as { enums: Record<string, { name: string; values: string[] }> };
    const migrated = Object.fromEntries(Object.values(snapshot.enums).map((e) => [e.name, e.values]));
    expect(migrated).toEqual(ENUMS);
  });
});

describe('the vocabulary feeds the zod enums at the edges', () => {
  it('review.decide and the QA second review', () => {
    expect(ZDecideInput.shape.outcome.options).toEqual(DECISION_OUTCOMES);
    expect(ZDecideInput.shape.verdicts.element.shape.verdict.options).toEqual(VERDICTS);
    expect(ZQaDecideInput.shape.outcome.options).toEqual(FINAL_OUTCOMES);
    expect(ZQaDecideInput.shape.verdicts.element.shape.verdict.options).toEqual(VERDICTS);
  });

  it('the REST intake and status answer', () => {
    expect(ZAttachment.shape.docType.options).toEqual(DOC_TYPES);
    expect(ZSubmissionStatus.shape.status.options).toEqual(SUBMISSION_STATUSES);
    const decision = ZSubmissionStatus.shape.decision.unwrap();
    expect(decision.shape.outcome.options).toEqual(FINAL_OUTCOMES);
    expect(decision.shape.decidedBy.options).toEqual(DECIDED_BY);
  });

  it('the queue filter', () => {
    expect(ZQueueFilter.shape.channel.unwrap().options).toEqual(CHANNELS);
    expect(ZQueueFilter.shape.status.unwrap().options).toEqual(QUEUE_STATUS_FILTERS);
  });

  it('a queue status filter is "open" or a submission status', () => {
    expect(QUEUE_STATUS_FILTERS.filter((s) => s !== 'open' && !(SUBMISSION_STATUSES as readonly string[]).includes(s))).toEqual([]);
  });
});

describe('no list of the vocabulary is written out again', () => {
  // Source files git knows (tracked or new), outside the tests and the generated migrations.
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'app', 'components', 'db', 'lib', 'server', 'scripts'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f) && f !== 'lib/vocabulary.ts');
  const lists = Object.entries(vocabulary as Record<string, unknown>).filter((e): e is [string, readonly string[]] => Array.isArray(e[1]));

  it.each(lists)('%s: neither as an array nor as a union', (_name, values) => {
    const spelled = [', ', ' | '].map((sep) => values.map((v) => `'${v}'`).join(sep));
    const offenders = files.filter((f) => {
      const file = path.join(root, f);
      if (!existsSync(file)) return false; // deleted in the working tree, still in the index
      const text = readFileSync(file, 'utf8').replace(/\s+/g, ' ');
      return spelled.some((s) => text.includes(s));
    });
    expect(offenders).toEqual([]);
  });
});
