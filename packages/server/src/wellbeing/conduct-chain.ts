import { and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { roleGrants } from '../db/schema/access.ts';
import { sedes, units } from '../db/schema/catalog.ts';
import type { conductReports } from '../db/schema/conduct.ts';
import { facultyAppointments, persons, residents } from '../db/schema/people.ts';
import type { Db } from '../db/client.ts';

type Report = typeof conductReports.$inferSelect;
type Places = { unitIds: number[]; ooadIds: number[] };

const uniq = (xs: (number | null)[]) => [...new Set(xs.filter((x): x is number => x !== null))];

/**
 * The units and OOADs the reported person belongs to besides the one where it happened: where
 * they teach (or taught), train, or hold a unit or sede role. Their bosses there are in the chain
 * too, even when the report names another unit.
 */
async function accusedPlaces(db: Db, report: Report): Promise<Places> {
  const accused = report.accusedPersonId;
  if (!accused) return { unitIds: [report.unitId], ooadIds: [report.ooadId] };
  const place = { unitId: sedes.unitId, ooadId: units.ooadId };
  const teaching = await db.select(place).from(facultyAppointments).innerJoin(sedes, eq(sedes.id, facultyAppointments.sedeId)).innerJoin(units, eq(units.id, sedes.unitId)).where(eq(facultyAppointments.personId, accused));
  const training = await db.select(place).from(residents).innerJoin(sedes, eq(sedes.id, residents.sedeId)).innerJoin(units, eq(units.id, sedes.unitId)).where(eq(residents.personId, accused));
  const roles = await db
    .select({ unitId: units.id, ooadId: units.ooadId })
    .from(roleGrants)
    .innerJoin(persons, eq(persons.userId, roleGrants.userId))
    .leftJoin(sedes, eq(sedes.id, roleGrants.sedeId))
    .innerJoin(units, eq(units.id, sql`coalesce(${roleGrants.unitId}, ${sedes.unitId})`))
    .where(eq(persons.id, accused));
  const all = [...teaching, ...training, ...roles];
  return { unitIds: uniq([report.unitId, ...all.map((p) => p.unitId)]), ooadIds: uniq([report.ooadId, ...all.map((p) => p.ooadId)]) };
}

/**
 * Whether a user sits in the reported person's chain: is the reported person; teaches at the sede
 * where it happened or at any unit where it happened or where the reported person works; holds a
 * unit or sede role (jefe de servicio, coordinator, director, professor) at one of those units; or
 * coordinates one of their OOADs. Such a user never learns who reported.
 */
export async function inReportedChain(db: Db, userId: number, report: Report): Promise<boolean> {
  const [me] = await db.select({ id: persons.id }).from(persons).where(eq(persons.userId, userId));
  if (me && report.accusedPersonId === me.id) return true;
  const places = await accusedPlaces(db, report);
  if (me) {
    const current = or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, sql`current_date`));
    const [shared] = await db
      .select({ id: facultyAppointments.id })
      .from(facultyAppointments)
      .innerJoin(sedes, eq(sedes.id, facultyAppointments.sedeId))
      .where(and(eq(facultyAppointments.personId, me.id), current, or(inArray(sedes.unitId, places.unitIds), report.sedeId ? eq(facultyAppointments.sedeId, report.sedeId) : undefined)))
      .limit(1);
    if (shared) return true;
  }
  const [role] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .leftJoin(sedes, eq(sedes.id, roleGrants.sedeId))
    .where(
      and(
        eq(roleGrants.userId, userId),
        or(inArray(roleGrants.unitId, places.unitIds), inArray(sedes.unitId, places.unitIds), and(eq(roleGrants.role, 'coordinador_ooad'), inArray(roleGrants.ooadId, places.ooadIds))),
      ),
    )
    .limit(1);
  return Boolean(role);
}
