import { foldText } from '@sirem/core';
import { type SQL, and, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Accent- and case-insensitive search over a folded column: every word typed must appear, in any
 * order ("pena ana" finds "Ana Lucía Peña").
 */
export function searchWords(column: SQL | PgColumn, q: string | undefined): SQL | undefined {
  const words = foldText(q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  if (!words.length) return undefined;
  return and(...words.map((w) => sql`${column} like ${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`));
}
