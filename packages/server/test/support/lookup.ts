import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { auditLog } from '../../src/db/schema/audit.ts';
import { courses, ooads, sedes, specialties, units } from '../../src/db/schema/catalog.ts';

export async function ooadId(db: Db, name: string) {
  const [row] = await db.select({ id: ooads.id }).from(ooads).where(eq(ooads.name, name));
  return row.id;
}

export async function umae(db: Db, number: number) {
  const [row] = await db.select().from(units).where(eq(units.umaeNumber, number));
  return row;
}

export async function courseOf(db: Db, specialtyCode: string) {
  const [row] = await db.select({ id: courses.id }).from(courses).innerJoin(specialties, and(eq(specialties.id, courses.specialtyId), eq(specialties.code, specialtyCode)));
  return row.id;
}

export async function sedeCount(db: Db, unitId: number) {
  return db.$count(sedes, eq(sedes.unitId, unitId));
}

export async function auditCount(db: Db) {
  return db.$count(auditLog);
}
