import { FOLD_FROM, FOLD_TO } from '@sirem/core';
import { type SQL, sql } from 'drizzle-orm';
import { boolean, date, integer, timestamp } from 'drizzle-orm/pg-core';

/**
 * Folds an SQL text expression the way `foldText` folds in JS. translate() runs before lower()
 * because lower() only handles ASCII under the C locale PGlite uses.
 */
export function foldSql(expr: SQL): SQL {
  return sql`lower(translate(${expr}, ${sql.raw(`'${FOLD_FROM}'`)}, ${sql.raw(`'${FOLD_TO}'`)}))`;
}

/** Effective dating and optimistic locking shared by every editable catalogue row. */
export const lifecycleColumns = () => ({
  validFrom: date('valid_from', { mode: 'string' }).notNull().default(sql`current_date`),
  validTo: date('valid_to', { mode: 'string' }),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
