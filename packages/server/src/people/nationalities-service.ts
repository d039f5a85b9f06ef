import { asc, eq, sql } from 'drizzle-orm';
import { facultyAppointments, persons, residents } from '../db/schema/people.ts';
import { sedes, units } from '../db/schema/catalog.ts';
import type { Ctx } from '../http/context.ts';
import { peopleScopeSql, readScope } from './scope.ts';

export type NationalityList = 'residents' | 'faculty';

/** The distinct nationalities (3-letter country codes) among the residents or faculty the actor may see, Mexico first. */
export async function listNationalities(ctx: Ctx, of: NationalityList) {
  const scope = readScope(ctx);
  const placed = of === 'residents' ? { table: residents, personId: residents.personId, sedeId: residents.sedeId } : { table: facultyAppointments, personId: facultyAppointments.personId, sedeId: facultyAppointments.sedeId };
  const rows = await ctx.db
    .selectDistinct({ code: persons.nationality })
    .from(placed.table)
    .innerJoin(persons, eq(persons.id, placed.personId))
    .innerJoin(sedes, eq(sedes.id, placed.sedeId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .where(peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: placed.sedeId, userId: persons.userId }))
    .orderBy(asc(persons.nationality));
  const codes = rows.map((r) => r.code);
  return { items: [...codes.filter((c) => c === 'MEX'), ...codes.filter((c) => c !== 'MEX')] };
}
