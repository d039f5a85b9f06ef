import { resolveScope, type Scope } from '@sirem/core';
import { type SQL, and, eq, isNull, or, sql } from 'drizzle-orm';
import { sedes, units } from '../db/schema/catalog.ts';
import { facultyAppointments, persons, residents } from '../db/schema/people.ts';
import { forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { peopleScopeSql } from '../people/scope.ts';

/** Permission first: the figures are a summary of the people registry, read within its scope. */
export function figuresScope(ctx: Ctx): Scope {
  const scope = resolveScope(ctx.actor.grants, 'people.read');
  if (scope.kind === 'none') throw forbidden('No tiene acceso a las cifras.');
  return scope;
}

/** Residents (joined to their sede, unit and person) the viewer may count. */
export const residentsInScope = (ctx: Ctx, scope: Scope, extra: SQL) =>
  and(peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: residents.sedeId, userId: persons.userId }), extra);

/** Current faculty appointments (joined to sede, unit and person) the viewer may count. */
export const currentFacultyInScope = (ctx: Ctx, scope: Scope) =>
  and(
    peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: facultyAppointments.sedeId, userId: persons.userId }),
    or(isNull(facultyAppointments.endsOn), sql`${facultyAppointments.endsOn} >= current_date`),
  );

export const facultyJoin = (ctx: Ctx, fields: Record<string, unknown>) =>
  ctx.db
    .select(fields as never)
    .from(facultyAppointments)
    .innerJoin(persons, eq(persons.id, facultyAppointments.personId))
    .innerJoin(sedes, eq(sedes.id, facultyAppointments.sedeId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .$dynamic();
