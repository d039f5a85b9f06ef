import { buildCurp, type CurpParts } from '@sirem/core';
import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { academicCycles, courses, ooads, sedes, specialties, units } from '../../src/db/schema/catalog.ts';

/** The demo MFA sede at the UMF of an OOAD (every OOAD has one in the demo catalogue). */
export async function familyMedicineSede(db: Db, ooadName: string) {
  const [row] = await db
    .select({ id: sedes.id, unitId: units.id, ooadId: ooads.id })
    .from(sedes)
    .innerJoin(units, eq(units.id, sedes.unitId))
    .innerJoin(ooads, eq(ooads.id, units.ooadId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .where(and(eq(ooads.name, ooadName), eq(specialties.code, 'MFA'), like(units.name, 'Unidad de Medicina Familiar%')));
  return row;
}

export async function cycleStartingIn(db: Db, year: number) {
  const [row] = await db.select().from(academicCycles).where(eq(academicCycles.startsOn, `${year}-03-01`));
  return row;
}

let serial = 0;
/** A Mexican person with a CURP consistent with their data; each call yields a different person. */
export function mexican(overrides: Partial<CurpParts> = {}) {
  serial++;
  const parts: CurpParts = {
    firstSurname: ['Peña', 'Muñoz', 'Ibáñez', 'García', 'López'][serial % 5] as string,
    secondSurname: 'Ruiz',
    givenNames: ['Ana Lucía', 'Jorge', 'Mariana', 'Luis Ángel'][serial % 4] as string,
    birthDate: `199${serial % 10}-0${1 + (serial % 9)}-1${serial % 10}`,
    sex: serial % 2 ? 'M' : 'H',
    stateCode: 'JC',
    homonym: serial % 10,
    ...overrides,
  };
  return {
    keyType: 'curp' as const,
    curp: buildCurp(parts),
    givenNames: parts.givenNames,
    firstSurname: parts.firstSurname,
    secondSurname: parts.secondSurname,
    sex: parts.sex,
    birthDate: parts.birthDate,
    nationality: 'MEX',
  };
}
