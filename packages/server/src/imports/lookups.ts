import { foldText } from '@sirem/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { academicCycles, courses, sedes, specialties, units } from '../db/schema/catalog.ts';

export type SedeRef = { sedeId: number; unitId: number; ooadId: number; durationYears: number; specialtyName: string };

/** Every active sede by "CLUES|specialty code" and "CLUES|specialty name", and cycles by code. */
export async function importLookups(db: Db) {
  const rows = await db
    .select({ sedeId: sedes.id, unitId: units.id, ooadId: units.ooadId, clues: units.clues, code: specialties.code, name: specialties.name, durationYears: specialties.durationYears })
    .from(sedes)
    .innerJoin(units, eq(units.id, sedes.unitId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .where(eq(sedes.active, true));
  const bySede = new Map<string, SedeRef>();
  for (const r of rows) {
    const ref = { sedeId: r.sedeId, unitId: r.unitId, ooadId: r.ooadId, durationYears: r.durationYears, specialtyName: r.name };
    bySede.set(`${r.clues}|${r.code.toUpperCase()}`, ref);
    bySede.set(`${r.clues}|${foldText(r.name)}`, ref);
  }
  const cycles = new Map((await db.select().from(academicCycles)).map((c) => [c.code, c]));
  return {
    sede: (clues: string, specialty: string) => bySede.get(`${clues.toUpperCase()}|${specialty.toUpperCase()}`) ?? bySede.get(`${clues.toUpperCase()}|${foldText(specialty)}`),
    cycle: (code: string) => cycles.get(code.trim()),
  };
}
