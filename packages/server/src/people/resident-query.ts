import { type ListQuery, listQuery, id, type Scope } from '@sirem/core';
import { type SQL, and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { academicCycles, courses, ooads, sedes, specialties, units } from '../db/schema/catalog.ts';
import { persons, residents } from '../db/schema/people.ts';
import type { SortKey } from '../lib/keyset.ts';
import { withSedePlace } from './sede-joins.ts';

const optionalId = id.optional();
export const residentQuery = listQuery.extend({
  ooadId: optionalId,
  unitId: optionalId,
  sedeId: optionalId,
  specialtyId: optionalId,
  cycleId: optionalId,
  grade: z.coerce.number().int().min(1).max(6).optional(),
  status: z.enum(['alta', 'activo', 'licencia', 'baja', 'egresado']).optional(),
  nationality: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/).optional(),
  foreign: z.enum(['true', 'false']).optional(),
});
export type ResidentQuery = z.infer<typeof residentQuery> & ListQuery;

const fullName = sql<string>`${persons.firstSurname} || ' ' || coalesce(${persons.secondSurname} || ' ', '') || ${persons.givenNames}`;

export const RESIDENT_SORTS: Record<string, SortKey> = {
  name: { expr: persons.sortName, type: 'text' },
  grade: { expr: residents.grade, type: 'int' },
  specialtyName: { expr: specialties.name, type: 'text' },
  unitName: { expr: units.name, type: 'text' },
};

export const residentColumns = {
  id: residents.id,
  personId: persons.id,
  curp: persons.curp,
  tempKey: persons.tempKey,
  fullName,
  givenNames: persons.givenNames,
  firstSurname: persons.firstSurname,
  secondSurname: persons.secondSurname,
  sex: persons.sex,
  birthDate: persons.birthDate,
  nationality: persons.nationality,
  matricula: persons.matricula,
  status: residents.status,
  grade: residents.grade,
  sedeId: residents.sedeId,
  specialtyId: specialties.id,
  specialtyName: specialties.name,
  durationYears: specialties.durationYears,
  unitId: units.id,
  unitName: units.name,
  ooadId: ooads.id,
  ooadName: ooads.name,
  cycleId: residents.cycleId,
  cycleCode: academicCycles.code,
  examFolio: residents.examFolio,
  examScore: residents.examScore,
  graduatedOn: residents.graduatedOn,
  diplomaNumber: residents.diplomaNumber,
  hired: residents.hired,
  hiredUnitId: residents.hiredUnitId,
  hiredOn: residents.hiredOn,
  version: residents.version,
};

/** residents ⋈ persons ⋈ sede ⋈ course ⋈ specialty ⋈ unit ⋈ OOAD ⋈ cycle, projected with `fields`. */
export function residentJoin<F extends Record<string, unknown>>(db: Db, fields: F) {
  const base = db.select(fields as never).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).$dynamic();
  return withSedePlace(base, residents.sedeId).innerJoin(academicCycles, eq(academicCycles.id, residents.cycleId));
}

/**
 * The total for a residents list. Every join of the list follows a required foreign key, so it
 * neither adds nor drops rows: the count joins only the tables its filters and scope refer to
 * (a national, unfiltered count reads residents alone instead of an eight-table join).
 */
export function residentCount(db: Db, q: ResidentQuery, scope: Scope) {
  const partial = scope.kind === 'some';
  const person = Boolean(q.q || q.nationality || q.foreign || (partial && scope.self));
  const place = Boolean(q.ooadId || q.unitId || q.specialtyId || (partial && (scope.ooadIds.length || scope.unitIds.length)));
  let query = db.select({ n: count() }).from(residents).$dynamic();
  if (person) query = query.innerJoin(persons, eq(persons.id, residents.personId));
  return place ? withSedePlace(query, residents.sedeId) : query;
}

export function residentFilters(q: ResidentQuery): (SQL | undefined)[] {
  return [
    q.ooadId ? eq(units.ooadId, q.ooadId) : undefined,
    q.unitId ? eq(sedes.unitId, q.unitId) : undefined,
    q.sedeId ? eq(residents.sedeId, q.sedeId) : undefined,
    q.specialtyId ? eq(courses.specialtyId, q.specialtyId) : undefined,
    q.cycleId ? eq(residents.cycleId, q.cycleId) : undefined,
    q.grade ? eq(residents.grade, q.grade) : undefined,
    q.status ? eq(residents.status, q.status) : undefined,
    q.nationality ? eq(persons.nationality, q.nationality) : undefined,
    q.foreign ? (q.foreign === 'true' ? sql`${persons.nationality} <> 'MEX'` : eq(persons.nationality, 'MEX')) : undefined,
  ];
}

export const whereAll = (...parts: (SQL | undefined)[]) => and(...parts);
