import type { Role } from '@sirem/core';
import { type SQL, and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { roleGrants } from '../db/schema/access.ts';
import { sedes } from '../db/schema/catalog.ts';
import { facultyAppointments, persons, residents, tutorships } from '../db/schema/people.ts';
import { wellbeingAlerts } from '../db/schema/wellbeing.ts';
import type { Db } from '../db/client.ts';
import { currentTutorship } from '../people/tutorships.ts';

/** Roles that teach at, or run, a sede, a unit or an OOAD. */
const CHAIN_ROLES: Role[] = ['profesor_titular', 'profesor_adjunto', 'tutor', 'jefe_servicio', 'coordinador_educacion', 'coordinador_ooad'];

export type LiaisonChain = { unitIds: number[]; ooadIds: number[]; tuteeIds: number[] };

/**
 * Where a user teaches or manages. Nothing stops one account from holding the liaison role
 * together with a teaching or coordinating role (a program director who is also the OOAD's
 * liaison), so the liaison's reach is cut per resident instead: a liaison never receives or reads
 * the alerts of residents placed in a unit they teach at or manage (any sede of it), in an OOAD
 * they coordinate, or whom they tutor. Those alerts go to the other liaisons in scope.
 */
export async function chainOf(db: Db, userId: number): Promise<LiaisonChain> {
  const grants = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, ooadId: roleGrants.ooadId, sedeUnitId: sedes.unitId })
    .from(roleGrants)
    .leftJoin(sedes, eq(sedes.id, roleGrants.sedeId))
    .where(and(eq(roleGrants.userId, userId), inArray(roleGrants.role, CHAIN_ROLES)));
  const [me] = await db.select({ id: persons.id }).from(persons).where(eq(persons.userId, userId));
  const current = or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, sql`current_date`));
  const teaching = me ? await db.select({ unitId: sedes.unitId }).from(facultyAppointments).innerJoin(sedes, eq(sedes.id, facultyAppointments.sedeId)).where(and(eq(facultyAppointments.personId, me.id), current)) : [];
  const tutees = me ? await db.select({ personId: residents.personId }).from(tutorships).innerJoin(residents, eq(residents.id, tutorships.residentId)).where(and(eq(tutorships.tutorPersonId, me.id), currentTutorship)) : [];
  const ids = (xs: (number | null)[]) => [...new Set(xs.filter((x): x is number => x !== null))];
  return {
    unitIds: ids([...grants.flatMap((g) => [g.unitId, g.sedeUnitId]), ...teaching.map((a) => a.unitId)]),
    ooadIds: ids(grants.filter((g) => g.role === 'coordinador_ooad').map((g) => g.ooadId)),
    tuteeIds: ids(tutees.map((r) => r.personId)),
  };
}

const intList = (xs: number[]) => sql.join(xs.map((x) => sql`${x}::int`), sql`, `);

/**
 * Over wellbeing_alerts rows: the alert's resident is outside the chain. The resident's place is
 * where they screened and every residency they hold or held, so a move does not reopen the door.
 */
export function outsideChain(chain: LiaisonChain): SQL | undefined {
  const parts: SQL[] = [];
  if (chain.ooadIds.length) parts.push(sql`${wellbeingAlerts.ooadId} in (${intList(chain.ooadIds)})`);
  if (chain.tuteeIds.length) parts.push(sql`${wellbeingAlerts.personId} in (${intList(chain.tuteeIds)})`);
  if (chain.unitIds.length) {
    const unitIds = intList(chain.unitIds);
    parts.push(sql`exists (select 1 from wellbeing_screenings ws join sedes s on s.id = ws.sede_id where ws.id = ${wellbeingAlerts.screeningId} and s.unit_id in (${unitIds}))`);
    parts.push(sql`exists (select 1 from residents r join sedes s on s.id = r.sede_id where r.person_id = ${wellbeingAlerts.personId} and s.unit_id in (${unitIds}))`);
  }
  return parts.length ? sql`not coalesce(${or(...parts)}, false)` : undefined;
}
