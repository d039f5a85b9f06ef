import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import { mexicoToday } from '@sirem/core';
import { sedes, units } from '../db/schema/catalog.ts';
import { facultyAppointments, persons, residents } from '../db/schema/people.ts';
import type { Ctx } from '../http/context.ts';
import { activityScope, coversResident, residentPlace } from './scope.ts';

/** What the log form needs for one resident: where they train and who may supervise them today. */
export async function entryContext(ctx: Ctx, residentId?: number) {
  const scope = activityScope(ctx, 'activity.read');
  const own = await ctx.db
    .select({ id: residents.id })
    .from(residents)
    .innerJoin(persons, eq(persons.id, residents.personId))
    .where(and(eq(persons.userId, ctx.actor.userId), inArray(residents.status, ['alta', 'activo', 'licencia'])));
  const ids = residentId ? [residentId] : own.map((r) => r.id);
  const out = [];
  for (const id of ids) {
    const r = await residentPlace(ctx.db, id);
    if (!coversResident(scope, ctx, r)) continue;
    const [who] = await ctx.db.select({ fullName: persons.givenNames, firstSurname: persons.firstSurname, unitName: units.name }).from(persons).innerJoin(sedes, eq(sedes.id, r.sedeId)).innerJoin(units, eq(units.id, sedes.unitId)).where(eq(persons.id, r.personId));
    const today = mexicoToday();
    const supervisors = await ctx.db
      .selectDistinct({ personId: persons.id, givenNames: persons.givenNames, firstSurname: persons.firstSurname, role: facultyAppointments.role })
      .from(facultyAppointments)
      .innerJoin(persons, eq(persons.id, facultyAppointments.personId))
      .where(and(eq(facultyAppointments.sedeId, r.sedeId), inArray(facultyAppointments.role, ['titular', 'adjunto']), or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, today))));
    out.push({
      residentId: id,
      fullName: `${who?.fullName ?? ''} ${who?.firstSurname ?? ''}`.trim(),
      sedeId: r.sedeId,
      unitId: r.place.unitId,
      unitName: who?.unitName ?? '',
      supervisors: supervisors.map((s) => ({ personId: s.personId, name: `${s.givenNames} ${s.firstSurname}`, role: s.role })),
    });
  }
  return { residents: out, today: mexicoToday() };
}
