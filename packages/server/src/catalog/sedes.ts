import { type SedeInput, formatDate, listQuery, id } from '@sirem/core';
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { roleGrants } from '../db/schema/access.ts';
import { courses, ooads, sedes, specialties, units } from '../db/schema/catalog.ts';
import { enrolments, facultyAppointments, residents } from '../db/schema/people.ts';
import { foldSql } from '../db/schema/columns.ts';
import { conflict, type FieldError } from '../http/errors.ts';
import type { Resource } from './resource.ts';
import { unitScopeSql } from './scope-sql.ts';

export const sedeQuery = listQuery.extend({
  unitId: id.optional(),
  courseId: id.optional(),
  ooadId: id.optional(),
});
type SedeQuery = z.infer<typeof sedeQuery>;


// The current profesor titular comes from the faculty appointments (people area).
const currentTitular = sql<string | null>`(select p.given_names || ' ' || p.first_surname || coalesce(' ' || p.second_surname, '')
  from faculty_appointments fa join persons p on p.id = fa.person_id
  where fa.sede_id = ${sedes.id} and fa.role = 'titular' and (fa.ends_on is null or fa.ends_on >= current_date)
  order by fa.starts_on desc limit 1)`;

export const sedeResource: Resource<SedeInput, SedeQuery> = {
  entity: 'sede',
  label: 'La sede',
  table: sedes,
  query: (db) =>
    db
      .select({
        id: sedes.id, courseId: sedes.courseId, courseName: courses.name, specialtyName: specialties.name,
        durationYears: specialties.durationYears, unitId: sedes.unitId, unitName: units.name, unitClues: units.clues,
        ooadId: units.ooadId, ooadName: ooads.name, placesPerGrade: sedes.placesPerGrade, isSubsede: sedes.isSubsede,
        titularPersonId: sedes.titularPersonId,
        titularName: currentTitular, validFrom: sedes.validFrom, validTo: sedes.validTo, active: sedes.active, version: sedes.version,
      })
      .from(sedes)
      .innerJoin(courses, eq(courses.id, sedes.courseId))
      .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
      .innerJoin(units, eq(units.id, sedes.unitId))
      .innerJoin(ooads, eq(ooads.id, units.ooadId))
      .$dynamic(),
  count: (db) =>
    db
      .select({ n: count() })
      .from(sedes)
      .innerJoin(courses, eq(courses.id, sedes.courseId))
      .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
      .innerJoin(units, eq(units.id, sedes.unitId))
      .innerJoin(ooads, eq(ooads.id, units.ooadId))
      .$dynamic(),
  sortable: {
    courseName: { expr: courses.name, type: 'text' },
    unitName: { expr: units.name, type: 'text' },
    ooadName: { expr: ooads.name, type: 'text' },
  },
  defaultSort: 'courseName',
  search: sql`(${courses.search} || ' ' || ${units.search} || ' ' || ${foldSql(sql`${ooads.name}`)})`,
  filters: (q) => [
    q.unitId ? eq(sedes.unitId, q.unitId) : undefined,
    q.courseId ? eq(sedes.courseId, q.courseId) : undefined,
    q.ooadId ? eq(units.ooadId, q.ooadId) : undefined,
  ],
  readScope: (scope) => unitScopeSql(scope, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: sedes.id }),
  writeAction: 'sede.manage',
  placeOf: async (db, v) => {
    const [unit] = await db.select({ ooadId: units.ooadId }).from(units).where(eq(units.id, Number(v.unitId)));
    return { ooadId: unit?.ooadId ?? 0, unitId: Number(v.unitId), sedeIds: v.id ? [Number(v.id)] : [] };
  },
  toValues: (i) => ({
    courseId: i.courseId, unitId: i.unitId, placesPerGrade: i.placesPerGrade, isSubsede: i.isSubsede ?? false,
    ...(i.validFrom ? { validFrom: i.validFrom } : {}), validTo: i.validTo ?? null,
  }),
  validate: async (db, input, id) => {
    const errors: FieldError[] = [];
    const [course] = await db
      .select({ id: courses.id, years: specialties.durationYears, specialty: specialties.name })
      .from(courses)
      .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
      .where(and(eq(courses.id, input.courseId), eq(courses.active, true)));
    if (!course) errors.push({ field: 'courseId', message: 'El curso no existe o está inactivo.' });
    else if (input.placesPerGrade.length > course.years)
      errors.push({ field: 'placesPerGrade', message: `${course.specialty} dura ${course.years} año(s): indique plazas para a lo más ${course.years} grado(s).` });
    const [unit] = await db.select({ id: units.id }).from(units).where(and(eq(units.id, input.unitId), eq(units.active, true)));
    if (!unit) errors.push({ field: 'unitId', message: 'La unidad no existe o está inactiva.' });
    const [same] = await db.select({ id: sedes.id }).from(sedes).where(and(eq(sedes.courseId, input.courseId), eq(sedes.unitId, input.unitId)));
    if (same && same.id !== id)
      throw conflict('duplicate', 'Ese curso ya tiene sede en esa unidad.', { errors: [{ field: 'unitId', message: 'El curso ya se imparte en esta unidad.' }] });
    return errors;
  },
  // Residents count with their history: one who moved on still has enrolments (and a record) here.
  references: [
    {
      count: (db, id) => db.$count(residents, sql`${residents.sedeId} = ${id} or exists (select 1 from ${enrolments} e where e.resident_id = ${residents.id} and e.sede_id = ${id})`),
      message: (n) => `La sede tiene ${n} residente(s) registrado(s), vigentes o de ciclos anteriores.`,
    },
    { count: (db, id) => db.$count(facultyAppointments, eq(facultyAppointments.sedeId, id)), message: (n) => `La sede tiene ${n} nombramiento(s) de profesor o tutor.` },
    { count: (db, id) => db.$count(roleGrants, eq(roleGrants.sedeId, id)), message: (n) => `La sede está asignada a ${n} usuario(s).` },
  ],
  exportName: 'Sedes',
  exportColumns: [
    { header: 'Curso', width: 44, value: (r) => r.courseName as string },
    { header: 'Unidad', width: 50, value: (r) => r.unitName as string },
    { header: 'CLUES', width: 14, value: (r) => (r.unitClues as string) ?? '' },
    { header: 'OOAD', width: 26, value: (r) => r.ooadName as string },
    { header: 'Profesor titular', width: 36, value: (r) => (r.titularName as string | null) ?? '' },
    { header: 'Plazas por grado', width: 18, value: (r) => (r.placesPerGrade as number[]).map((n, i) => `R${i + 1}: ${n}`).join(', ') },
    { header: 'Subsede', width: 8, value: (r) => (r.isSubsede ? 'Sí' : 'No') },
    { header: 'Vigente desde', width: 14, value: (r) => formatDate(r.validFrom as string) },
    { header: 'Activa', width: 8, value: (r) => (r.active ? 'Sí' : 'No') },
  ],
};
