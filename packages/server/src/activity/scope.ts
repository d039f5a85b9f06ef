import { type Action, resolveScope, type Scope, scopeCovers } from '@sirem/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { persons, residents } from '../db/schema/people.ts';
import { units } from '../db/schema/catalog.ts';
import { activityRecords } from '../db/schema/activity.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { peopleScopeSql, sedePlace } from '../people/scope.ts';
import { sedes } from '../db/schema/catalog.ts';

const MESSAGES: Partial<Record<Action, string>> = {
  'activity.read': 'No tiene acceso a la bitácora de actividad clínica.',
  'activity.record': 'Solo el residente o un profesor de su sede registran actividad clínica.',
  'activity.verify': 'Solo los profesores de la sede verifican o devuelven entradas.',
};

export function activityScope(ctx: Ctx, action: 'activity.read' | 'activity.record' | 'activity.verify'): Scope {
  const scope = resolveScope(ctx.actor.grants, action);
  if (scope.kind === 'none') throw forbidden(MESSAGES[action]);
  return scope;
}

/** Records are seen where their resident trains: the resident, the sede's professors, the unit and OOAD, the centre. */
export const activityScopeSql = (scope: Scope, ctx: Ctx) =>
  peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: activityRecords.sedeId, userId: persons.userId });

export async function residentPlace(db: Db, residentId: number) {
  const [r] = await db
    .select({ id: residents.id, sedeId: residents.sedeId, status: residents.status, userId: persons.userId, personId: persons.id })
    .from(residents)
    .innerJoin(persons, eq(persons.id, residents.personId))
    .where(eq(residents.id, residentId));
  if (!r) throw badRequest('El residente no existe.', [{ field: 'residentId', message: 'Residente inexistente.' }]);
  return { ...r, place: await sedePlace(db, r.sedeId) };
}

/** The actor's own resident row counts as in scope for a self grant; otherwise the resident's sede must be. */
export function coversResident(scope: Scope, ctx: Ctx, r: { sedeId: number; userId: number | null; place: { ooadId: number; unitId: number } }) {
  if (scope.kind === 'some' && scope.self && r.userId === ctx.actor.userId) return true;
  return scopeCovers(scope, { ooadId: r.place.ooadId, unitId: r.place.unitId, sedeIds: [r.sedeId] });
}
