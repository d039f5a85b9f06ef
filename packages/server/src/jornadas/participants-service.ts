import { and, count, desc, eq, ne, sql } from 'drizzle-orm';
import { activityScope, activityScopeSql } from '../activity/scope.ts';
import { activityRecords } from '../db/schema/activity.ts';
import { sedes, units } from '../db/schema/catalog.ts';
import { persons, residents } from '../db/schema/people.ts';
import type { Ctx } from '../http/context.ts';
import { jornadaById } from './access.ts';

/** Residents who logged activity during the Jornada, as far as the actor may see residents' logs. */
export async function jornadaParticipants(ctx: Ctx, jornadaId: number) {
  const scope = activityScope(ctx, 'activity.read');
  const j = await jornadaById(ctx.db, jornadaId);
  const rows = await ctx.db
    .select({
      residentId: activityRecords.residentId,
      fullName: sql<string>`${persons.firstSurname} || ' ' || coalesce(${persons.secondSurname} || ' ', '') || ${persons.givenNames}`,
      unitName: units.name,
      entries: count(),
    })
    .from(activityRecords)
    .innerJoin(residents, eq(residents.id, activityRecords.residentId))
    .innerJoin(persons, eq(persons.id, residents.personId))
    .innerJoin(sedes, eq(sedes.id, activityRecords.sedeId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .where(and(eq(activityRecords.jornadaId, j.id), ne(activityRecords.status, 'devuelta'), activityScopeSql(scope, ctx)))
    .groupBy(activityRecords.residentId, persons.firstSurname, persons.secondSurname, persons.givenNames, units.name)
    .orderBy(desc(count()), activityRecords.residentId)
    .limit(500);
  return { jornadaId: j.id, items: rows.map((r) => ({ ...r, entries: Number(r.entries) })) };
}
