import { type SQL, and, asc, desc, sql } from 'drizzle-orm';
import type { PgColumn, PgSelect } from 'drizzle-orm/pg-core';
import { decodeCursor, encodeCursor } from './cursor.ts';

export type SortKey = { expr: SQL | PgColumn; type: 'text' | 'int' | 'date' };
const CAST = { text: sql.raw('text'), int: sql.raw('int'), date: sql.raw('date') };

/**
 * One page of a keyset-paginated query ordered by (sort value, id). The sort expression must be
 * non-null (wrap nullable columns in coalesce) so the cursor comparison holds.
 */
export async function keysetPage<T extends { id: number }>(
  select: PgSelect,
  count: PgSelect,
  opts: { where: SQL | undefined; sort: SortKey; sortName: string; idColumn: PgColumn; descending: boolean; cursor?: string; limit: number },
) {
  const { sort, descending, limit } = opts;
  let pageWhere = opts.where;
  if (opts.cursor) {
    const [value, id] = decodeCursor(opts.cursor);
    const op = descending ? sql`<` : sql`>`;
    pageWhere = and(opts.where, sql`(${sort.expr}, ${opts.idColumn}) ${op} (${value}::${CAST[sort.type]}, ${id}::int)`);
  }
  const order = descending ? [desc(sort.expr), desc(opts.idColumn)] : [asc(sort.expr), asc(opts.idColumn)];
  const rows = (await select.where(pageWhere).orderBy(...order).limit(limit + 1)) as unknown as (T & { sortValue: string | number })[];
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const [{ n }] = (await count.where(opts.where)) as unknown as { n: number }[];
  const last = items.at(-1);
  return {
    items: items.map(({ sortValue: _v, ...row }) => row as unknown as T),
    total: Number(n),
    nextCursor: more && last ? encodeCursor(last.sortValue, last.id) : null,
  };
}
