/**
 * The knowledge base as admins edit it: the built-in articles are the seed,
 * the kb_articles table is the truth once seeded. Every change is audited
 * (security stream, like other configuration) and bumps the article's version,
 * so the drafter's cache knows to rebuild its index.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { kbArticles, users } from '@/db/schema';
import { KNOWLEDGE_BASE, type KbArticle } from '@/server/ai/knowledge-base';
import type { Actor } from '../core/actor';
import { appendAudit, SECURITY_STREAM } from '../audit/audit';
import { DomainError } from '../core/errors';

/** Inserts the built-in articles that are not in the table yet; never overwrites an admin's edit. */
export async function seedKnowledgeBase(db: DbOrTx): Promise<number> {
  const rows = await db
    .insert(kbArticles)
    .values(KNOWLEDGE_BASE.map((a) => ({ id: a.id, title: a.title, serviceCode: a.serviceCode, body: a.body, processingTime: a.processingTime ?? null })))
    .onConflictDoNothing()
    .returning({ id: kbArticles.id });
  return rows.length;
}

export async function listKbArticles(db: DbOrTx) {
  return db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      serviceCode: kbArticles.serviceCode,
      body: kbArticles.body,
      processingTime: kbArticles.processingTime,
      active: kbArticles.active,
      version: kbArticles.version,
      updatedAt: kbArticles.updatedAt,
      updatedByName: users.name,
    })
    .from(kbArticles)
    .leftJoin(users, eq(users.id, kbArticles.updatedBy))
    .orderBy(asc(kbArticles.serviceCode), asc(kbArticles.id));
}

/** The active articles for the drafter; the built-in set while the table is still empty (tests, first start). */
export async function loadKbArticles(db: DbOrTx): Promise<{ articles: KbArticle[]; stamp: string }> {
  const rows = await db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      serviceCode: kbArticles.serviceCode,
      body: kbArticles.body,
      processingTime: kbArticles.processingTime,
      active: kbArticles.active,
      version: kbArticles.version,
    })
    .from(kbArticles)
    .orderBy(asc(kbArticles.id));
  if (!rows.length) return { articles: KNOWLEDGE_BASE, stamp: 'builtin' };
  const active = rows.filter((r) => r.active);
  return {
    articles: active.map((r) => ({ id: r.id, title: r.title, serviceCode: r.serviceCode, body: r.body, processingTime: r.processingTime ?? undefined })),
    stamp: rows.map((r) => `${r.id}:${r.version}:${r.active ? 1 : 0}`).join(','),
  };
}

/** A cheap fingerprint of the table, to tell whether a cached index is still current. */
export async function kbStamp(db: DbOrTx): Promise<string> {
  const [row] = await db.execute<{ n: number; v: number; t: string | null }>(sql`
    select count(*)::int as n, coalesce(sum(version), 0)::int as v, max(updated_at)::text as t from kb_articles`);
  return row.n === 0 ? 'builtin' : `${row.n}:${row.v}:${row.t}`;
}

export type KbArticleInput = {
  id: string;
  title: string;
  serviceCode: string | null;
  body: string;
  processingTime: string | null;
  active: boolean;
};

export async function saveKbArticle(db: DbOrTx, actor: Actor, input: KbArticleInput, create: boolean): Promise<{ id: string; version: number }> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins edit the knowledge base');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(kbArticles).where(eq(kbArticles.id, input.id)).for('update');
    if (create && before) throw new DomainError('INVALID_INPUT', `An article with id ${input.id} already exists`);
    if (!create && !before) throw new DomainError('NOT_FOUND', 'Article not found');
    const values = {
      title: input.title.trim(),
      serviceCode: input.serviceCode,
      body: input.body.trim(),
      processingTime: input.processingTime?.trim() || null,
      active: input.active,
      updatedBy: actor.id,
      updatedAt: sql`now()`,
    };
    const [row] = before
      ? await tx
          .update(kbArticles)
          .set({ ...values, version: sql`${kbArticles.version} + 1` })
          .where(eq(kbArticles.id, input.id))
          .returning({ id: kbArticles.id, version: kbArticles.version })
      : await tx
          .insert(kbArticles)
          .values({ id: input.id, ...values })
          .returning({ id: kbArticles.id, version: kbArticles.version });
    const changed = before ? (['title', 'serviceCode', 'body', 'processingTime', 'active'] as const).filter((k) => before[k] !== values[k]) : ['created'];
    await appendAudit(tx, {
      stream: SECURITY_STREAM,
      actor,
      unitId: null,
      action: before ? 'kb_article.update' : 'kb_article.create',
      entityType: 'kb_article',
      entityId: row.id,
      payload: { version: row.version, changed, bodyLength: values.body.length },
    });
    return row;
  });
}
