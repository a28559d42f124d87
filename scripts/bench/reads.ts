/**
 * Reads that supervisors and admins wait for, measured on the generated data.
 * Each entry returns one benchmark row; add entries as features land.
 */
import type postgres from 'postgres';
import type { Db } from '@/db/client';
import type { Scale } from './data';

export type ReadContext = { db: Db; sql: postgres.Sql; unitId: string; unitIds: string[]; scale: Scale };
export type ReadRow = { name: string; value: number; unit: string; target?: string; ok?: boolean };

export const EXTRA_READS: { name: string; run: (ctx: ReadContext) => Promise<ReadRow> }[] = [];
