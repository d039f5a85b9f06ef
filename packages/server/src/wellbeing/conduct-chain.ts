import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { roleGrants } from '../db/schema/access.ts';
import { sedes } from '../db/schema/catalog.ts';
import type { conductReports } from '../db/schema/conduct.ts';
import { facultyAppointments, persons } from '../db/schema/people.ts';
import type { Db } from '../db/client.ts';

type Report = typeof conductReports.$inferSelect;

/**
 * Whether a user sits in the reported person's chain: is the reported person, teaches at the
 * sede where it happened or where the reported person teaches, or holds a unit role (jefe de
 * servicio, coordinator, director) over that unit. Such a user never learns who reported.
 */
export async function inReportedChain(db: Db, userId: number, report: Report): Promise<boolean> {
  const [me] = await db.select({ id: persons.id }).from(persons).where(eq(persons.userId, userId));
  if (me && report.accusedPersonId === me.id) return true;
  const current = or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, sql`current_date`));
  if (me) {
    const accusedSedes = report.accusedPersonId
      ? sql`${facultyAppointments.sedeId} in (select sede_id from faculty_appointments where person_id = ${report.accusedPersonId})`
      : sql`false`;
    const [shared] = await db
      .select({ id: facultyAppointments.id })
      .from(facultyAppointments)
      .innerJoin(sedes, eq(sedes.id, facultyAppointments.sedeId))
      .where(and(eq(facultyAppointments.personId, me.id), current, or(eq(sedes.unitId, report.unitId), report.sedeId ? eq(facultyAppointments.sedeId, report.sedeId) : undefined, accusedSedes)))
      .limit(1);
    if (shared) return true;
  }
  const [unitRole] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .leftJoin(sedes, eq(sedes.id, roleGrants.sedeId))
    .where(and(eq(roleGrants.userId, userId), or(eq(roleGrants.unitId, report.unitId), eq(sedes.unitId, report.unitId))))
    .limit(1);
  return Boolean(unitRole);
}
