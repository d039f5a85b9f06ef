import type { Scope } from '@sirem/core';
import { type SQL, inArray, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Turns a resolved scope into a WHERE clause over a row that belongs to a unit.
 * `sedeColumn` is given for rows that are themselves sedes; otherwise a unit is reachable
 * through any sede the actor holds there.
 */
export function unitScopeSql(scope: Scope, cols: { ooadId: PgColumn; unitId: PgColumn; sedeId?: PgColumn }): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return sql`false`;
  const parts: SQL[] = [];
  if (scope.ooadIds.length) parts.push(inArray(cols.ooadId, scope.ooadIds));
  if (scope.unitIds.length) parts.push(inArray(cols.unitId, scope.unitIds));
  if (scope.sedeIds.length) {
    const ids = sql.join(scope.sedeIds.map((id) => sql`${id}::int`), sql`, `);
    parts.push(cols.sedeId ? inArray(cols.sedeId, scope.sedeIds) : sql`${cols.unitId} in (select unit_id from sedes where id in (${ids}))`);
  }
  return parts.length ? or(...parts) : sql`false`;
}
