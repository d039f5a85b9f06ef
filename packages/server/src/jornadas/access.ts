import { resolveScope, type Scope, scopeCovers } from '@sirem/core';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { jornadas } from '../db/schema/jornadas.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

export function readJornadas(ctx: Ctx) {
  if (resolveScope(ctx.actor.grants, 'jornadas.read').kind === 'none') throw forbidden('No tiene acceso a las Jornadas Nacionales.');
}

export function manageScope(ctx: Ctx): Scope {
  const scope = resolveScope(ctx.actor.grants, 'jornadas.manage');
  if (scope.kind === 'none') throw forbidden('Solo la coordinación de la unidad, la OOAD o nivel central capturan datos de una Jornada.');
  return scope;
}

export async function jornadaById(db: Db, id: number) {
  const [j] = await db.select().from(jornadas).where(eq(jornadas.id, id));
  if (!j) throw notFound('La Jornada');
  return j;
}

/** Units taking part: those of the participating OOAD (UMAE excluded) and the participating UMAE. */
export const participatingUnits = (j: { ooadIds: number[]; umaeIds: number[] }) =>
  or(
    j.ooadIds.length ? and(inArray(units.ooadId, j.ooadIds), sql`${units.unitTypeCode} <> 'UMAE'`) : undefined,
    j.umaeIds.length ? inArray(units.id, j.umaeIds) : undefined,
  ) ?? sql`false`;

/** The units among `ids` that take part in the Jornada and that the actor may report for. */
export async function unitsForEntry(db: Db, scope: Scope, j: { ooadIds: number[]; umaeIds: number[] }, ids: number[]) {
  if (!ids.length) return new Map<number, { id: number; ooadId: number }>();
  const rows = await db.select({ id: units.id, ooadId: units.ooadId }).from(units).where(and(inArray(units.id, ids), participatingUnits(j)));
  return new Map(rows.filter((u) => scopeCovers(scope, { ooadId: u.ooadId, unitId: u.id })).map((u) => [u.id, u]));
}
