import { bulletinNumber, countOf, type Scope } from '@sirem/core';
import { countDistinct, desc, eq, sql } from 'drizzle-orm';
import { academicCycles, sedes, specialties } from '../db/schema/catalog.ts';
import { facultyAppointments, persons, residents } from '../db/schema/people.ts';
import type { Ctx } from '../http/context.ts';
import { residentJoin } from '../people/resident-query.ts';
import { cachedUntilChanged } from '../lib/version-cache.ts';
import { currentFacultyInScope, facultyJoin, figuresScope, residentsInScope } from './figures-scope.ts';

/** The active-resident aggregates every figure is built from; `groupBy` splits them (e.g. by OOAD). */
export const activeResidentFields = {
  residents: sql<number>`count(*)::int`,
  medical: countDistinct(sql`case when ${specialties.kind} = 'medica' then ${specialties.id} end`),
  stomatological: countDistinct(sql`case when ${specialties.kind} = 'estomatologica' then ${specialties.id} end`),
  foreign: sql<number>`(count(*) filter (where ${persons.nationality} <> 'MEX'))::int`,
  countries: countDistinct(sql`case when ${persons.nationality} <> 'MEX' then ${persons.nationality} end`),
  sedes: countDistinct(residents.sedeId),
  units: countDistinct(sedes.unitId),
};

/**
 * The bulletin figures ("Cifras"), computed from the records at request time and limited to the
 * viewer's scope, each with the bulletins' own wording and number style.
 */
export async function nationalFigures(ctx: Ctx) {
  const scope = figuresScope(ctx);
  return cachedUntilChanged(ctx.db, 'figures', scope, ctx.actor.userId, () => computeFigures(ctx, scope));
}

async function computeFigures(ctx: Ctx, scope: Scope) {
  // Three independent aggregates: on a server database they run side by side.
  const [[active], [graduates], [faculty]] = await Promise.all([
    residentJoin(ctx.db, activeResidentFields).where(residentsInScope(ctx, scope, eq(residents.status, 'activo'))) as Promise<Record<string, unknown>[]>,
    // The latest cycle that has graduates within the viewer's scope, by its dates (not its id).
    residentJoin(ctx.db, { graduates: sql<number>`count(*)::int`, hired: sql<number>`(count(*) filter (where ${residents.hired}))::int`, cycle: academicCycles.code })
      .where(residentsInScope(ctx, scope, eq(residents.status, 'egresado')))
      .groupBy(academicCycles.code, academicCycles.startsOn)
      .orderBy(desc(academicCycles.startsOn))
      .limit(1) as Promise<Record<string, unknown>[]>,
    facultyJoin(ctx, { teachers: countDistinct(facultyAppointments.personId) }).where(currentFacultyInScope(ctx, scope)) as Promise<Record<string, unknown>[]>,
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const a = { residents: n(active?.residents), medical: n(active?.medical), stomatological: n(active?.stomatological), foreign: n(active?.foreign), countries: n(active?.countries), sedes: n(active?.sedes), units: n(active?.units) };
  const g = { graduates: n(graduates?.graduates), hired: n(graduates?.hired), cycle: (graduates?.cycle as string | undefined) ?? null };
  const hiredPct = g.graduates ? Math.round((1000 * g.hired) / g.graduates) / 10 : 0;
  const teachers = n(faculty?.teachers);
  const medical = countOf(a.medical, 'especialidad médica', 'especialidades médicas');
  const specialtiesText = a.stomatological ? `${medical} y ${a.stomatological === 1 ? 'una estomatológica' : `${bulletinNumber(a.stomatological)} estomatológicas`}` : medical;
  return {
    scope: scope.kind === 'all' ? 'nacional' : 'parcial',
    graduateCycle: g.cycle,
    figures: [
      { key: 'residents', value: a.residents, text: `${countOf(a.residents, 'médica o médico residente', 'médicas y médicos residentes')} en ${specialtiesText}` },
      { key: 'foreign', value: a.foreign, text: `${countOf(a.foreign, 'residente extranjero', 'residentes extranjeros')} de ${countOf(a.countries, 'país', 'países')}` },
      { key: 'sedes', value: a.sedes, text: countOf(a.sedes, 'sede académica', 'sedes académicas') },
      { key: 'units', value: a.units, text: countOf(a.units, 'unidad médica con residentes', 'unidades médicas con residentes') },
      { key: 'teachers', value: teachers, text: countOf(teachers, 'profesora o profesor', 'profesoras y profesores') },
      {
        key: 'hired',
        value: hiredPct,
        text: `${String(hiredPct).replace('.', ',')} % de ${g.graduates === 1 ? 'la persona egresada' : `los ${bulletinNumber(g.graduates)} egresados`} del último ciclo${g.cycle ? ` (${g.cycle})` : ''} ${g.graduates === 1 ? 'fue contratada' : 'fueron contratados'} por el Instituto`,
      },
    ],
  };
}
