import { bulletinNumber, resolveScope } from '@sirem/core';
import { type SQL, and, countDistinct, eq, isNull, or, sql } from 'drizzle-orm';
import { sedes, specialties, units } from '../db/schema/catalog.ts';
import { facultyAppointments, persons, residents } from '../db/schema/people.ts';
import { forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { residentJoin } from '../people/resident-query.ts';
import { peopleScopeSql } from '../people/scope.ts';

const one = (n: number, singular: string, plural: string) => (n === 1 ? `una ${singular}` : `${bulletinNumber(n)} ${plural}`);

/**
 * The bulletin figures ("Cifras"), computed from the records at request time and limited to the
 * viewer's scope, each with the bulletins' own wording and number style.
 */
export async function nationalFigures(ctx: Ctx) {
  const scope = resolveScope(ctx.actor.grants, 'people.read');
  if (scope.kind === 'none') throw forbidden('No tiene acceso a las cifras.');
  const where = (extra: SQL) => and(peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: residents.sedeId, userId: persons.userId }), extra);
  // Three independent aggregates: on a server database they run side by side.
  const [[active], [graduates], [faculty]] = await Promise.all([
    residentJoin(ctx.db, {
      residents: sql<number>`count(*)::int`,
      medical: countDistinct(sql`case when ${specialties.kind} = 'medica' then ${specialties.id} end`),
      stomatological: countDistinct(sql`case when ${specialties.kind} = 'estomatologica' then ${specialties.id} end`),
      foreign: sql<number>`(count(*) filter (where ${persons.nationality} <> 'MEX'))::int`,
      countries: countDistinct(sql`case when ${persons.nationality} <> 'MEX' then ${persons.nationality} end`),
      sedes: countDistinct(residents.sedeId),
      units: countDistinct(sedes.unitId),
    }).where(where(eq(residents.status, 'activo'))) as Promise<Record<string, unknown>[]>,
    residentJoin(ctx.db, {
      graduates: sql<number>`count(*)::int`,
      hired: sql<number>`(count(*) filter (where ${residents.hired}))::int`,
      cycle: sql<string>`max(${residents.cycleId})`,
    }).where(where(and(eq(residents.status, 'egresado'), sql`${residents.cycleId} = (select max(cycle_id) from residents where status = 'egresado')`) as SQL)) as Promise<Record<string, unknown>[]>,
    ctx.db
      .select({ teachers: countDistinct(facultyAppointments.personId) })
      .from(facultyAppointments)
      .innerJoin(persons, eq(persons.id, facultyAppointments.personId))
      .innerJoin(sedes, eq(sedes.id, facultyAppointments.sedeId))
      .innerJoin(units, eq(units.id, sedes.unitId))
      .where(and(peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: facultyAppointments.sedeId, userId: persons.userId }), or(isNull(facultyAppointments.endsOn), sql`${facultyAppointments.endsOn} >= current_date`))),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const a = { residents: n(active?.residents), medical: n(active?.medical), stomatological: n(active?.stomatological), foreign: n(active?.foreign), countries: n(active?.countries), sedes: n(active?.sedes), units: n(active?.units) };
  const g = { graduates: n(graduates?.graduates), hired: n(graduates?.hired) };
  const hiredPct = g.graduates ? Math.round((1000 * g.hired) / g.graduates) / 10 : 0;
  const teachers = n(faculty?.teachers);
  const specialtiesText = a.stomatological
    ? `${bulletinNumber(a.medical)} especialidades médicas y ${one(a.stomatological, 'estomatológica', 'estomatológicas')}`
    : `${bulletinNumber(a.medical)} especialidades médicas`;
  return {
    scope: scope.kind === 'all' ? 'nacional' : 'parcial',
    figures: [
      { key: 'residents', value: a.residents, text: `${bulletinNumber(a.residents)} médicas y médicos residentes en ${specialtiesText}` },
      { key: 'foreign', value: a.foreign, text: `${bulletinNumber(a.foreign)} residentes extranjeros de ${bulletinNumber(a.countries)} ${a.countries === 1 ? 'país' : 'países'}` },
      { key: 'sedes', value: a.sedes, text: `${bulletinNumber(a.sedes)} sedes académicas` },
      { key: 'units', value: a.units, text: `${bulletinNumber(a.units)} unidades médicas con residentes` },
      { key: 'teachers', value: teachers, text: `${bulletinNumber(teachers)} profesoras y profesores` },
      { key: 'hired', value: hiredPct, text: `${String(hiredPct).replace('.', ',')} % de los ${bulletinNumber(g.graduates)} egresados del último ciclo fueron contratados por el Instituto` },
    ],
  };
}
