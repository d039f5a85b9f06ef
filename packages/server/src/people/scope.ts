import { type Action, resolveScope, type Scope, scopeCovers } from '@sirem/core';
import { type SQL, and, eq, inArray, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { sedes, units } from '../db/schema/catalog.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

/** The actor's people scope as a WHERE clause over rows placed at a sede (residents, appointments). */
export function peopleScopeSql(scope: Scope, ctx: Ctx, cols: { ooadId: PgColumn; unitId: PgColumn; sedeId: PgColumn; userId: PgColumn }): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return sql`false`;
  const parts: SQL[] = [];
  if (scope.ooadIds.length) parts.push(inArray(cols.ooadId, scope.ooadIds));
  if (scope.unitIds.length) parts.push(inArray(cols.unitId, scope.unitIds));
  if (scope.sedeIds.length) parts.push(inArray(cols.sedeId, scope.sedeIds));
  if (scope.self) parts.push(eq(cols.userId, ctx.actor.userId));
  return parts.length ? or(...parts) : sql`false`;
}

export function readScope(ctx: Ctx): Scope {
  const scope = resolveScope(ctx.actor.grants, 'people.read');
  if (scope.kind === 'none') throw forbidden('No tiene acceso al padrón de residentes y profesores.');
  return scope;
}

/** Permission first: the actor must be able to manage people at all, then at this sede. */
export function assertMayManage(ctx: Ctx): Scope {
  const scope = resolveScope(ctx.actor.grants, 'people.manage' as Action);
  if (scope.kind === 'none') throw forbidden('No tiene permiso para registrar o modificar residentes y profesores.');
  return scope;
}

export async function sedePlace(db: Db, sedeId: number) {
  const [place] = await db
    .select({ sedeId: sedes.id, unitId: sedes.unitId, ooadId: units.ooadId, active: sedes.active })
    .from(sedes)
    .innerJoin(units, eq(units.id, sedes.unitId))
    .where(and(eq(sedes.id, sedeId)));
  if (!place) throw notFound('La sede');
  return place;
}

export async function assertSedeInScope(db: Db, scope: Scope, sedeId: number) {
  const place = await sedePlace(db, sedeId);
  if (!scopeCovers(scope, { ooadId: place.ooadId, unitId: place.unitId, sedeIds: [place.sedeId] }))
    throw forbidden('La sede está fuera de su ámbito (OOAD o unidad asignados).');
  return place;
}
