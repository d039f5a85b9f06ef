import { resolveScope, type Scope } from '@sirem/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { persons, residents } from '../db/schema/people.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { sedePlace } from '../people/scope.ts';
import { scopeCovers } from '@sirem/core';

export async function residentOf(db: Db, residentId: number) {
  const [r] = await db.select({ id: residents.id, sedeId: residents.sedeId, cycleId: residents.cycleId, personId: residents.personId, userId: persons.userId, name: persons.givenNames, surname: persons.firstSurname, status: residents.status }).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).where(eq(residents.id, residentId));
  if (!r) throw badRequest('El residente no existe.', [{ field: 'residentId', message: 'Residente inexistente.' }]);
  return r;
}

export function manageScope(ctx: Ctx): Scope {
  const scope = resolveScope(ctx.actor.grants, 'evaluations.manage');
  if (scope.kind === 'none') throw forbidden('Solo la dirección del curso y la coordinación de educación asignan evaluaciones y deciden la promoción.');
  return scope;
}

/** Whether the actor manages evaluations at the resident's sede (without throwing). */
export async function managesSede(ctx: Ctx, sedeId: number): Promise<boolean> {
  const scope = resolveScope(ctx.actor.grants, 'evaluations.manage');
  if (scope.kind === 'none') return false;
  const place = await sedePlace(ctx.db, sedeId);
  return scopeCovers(scope, { ooadId: place.ooadId, unitId: place.unitId, sedeIds: [place.sedeId] });
}
