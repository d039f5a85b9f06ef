import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { courses, sedes, units } from '../db/schema/catalog.ts';
import { persons, residents } from '../db/schema/people.ts';

export type Placement = { personId: number; residentId: number | null; sedeId: number | null; unitId: number | null; ooadId: number | null; specialtyId: number | null; grade: number | null };

/**
 * The person behind an account and, when they follow a residency, where it is placed (the most
 * recent active program). Null when the account is not linked to a person.
 */
export async function placementOfUser(db: Db, userId: number): Promise<Placement | null> {
  const [person] = await db.select({ id: persons.id }).from(persons).where(eq(persons.userId, userId));
  return person ? placementOfPerson(db, person.id) : null;
}

export async function placementOfPerson(db: Db, personId: number): Promise<Placement> {
  const [r] = await db
    .select({ residentId: residents.id, sedeId: residents.sedeId, unitId: sedes.unitId, ooadId: units.ooadId, specialtyId: courses.specialtyId, grade: residents.grade })
    .from(residents)
    .innerJoin(sedes, eq(sedes.id, residents.sedeId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .where(and(eq(residents.personId, personId), inArray(residents.status, ['alta', 'activo', 'licencia'])))
    .orderBy(desc(residents.id))
    .limit(1);
  return r ? { personId, ...r } : { personId, residentId: null, sedeId: null, unitId: null, ooadId: null, specialtyId: null, grade: null };
}
