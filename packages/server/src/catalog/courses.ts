import { type CourseInput, formatDate, listQuery, id } from '@sirem/core';
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { courses, sedes, specialties } from '../db/schema/catalog.ts';
import type { FieldError } from '../http/errors.ts';
import type { Resource } from './resource.ts';

export const courseQuery = listQuery.extend({ specialtyId: id.optional() });
type CourseQuery = z.infer<typeof courseQuery>;

export const courseResource: Resource<CourseInput, CourseQuery> = {
  entity: 'course',
  label: 'El curso',
  table: courses,
  query: (db) =>
    db
      .select({
        id: courses.id, specialtyId: courses.specialtyId, specialtyName: specialties.name, durationYears: specialties.durationYears,
        name: courses.name, university: courses.university, qualityRegistry: courses.qualityRegistry,
        validFrom: courses.validFrom, validTo: courses.validTo, active: courses.active, version: courses.version,
        sedeCount: sql<number>`(select count(*)::int from sedes s where s.course_id = ${courses.id})`,
      })
      .from(courses)
      .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
      .$dynamic(),
  count: (db) => db.select({ n: count() }).from(courses).innerJoin(specialties, eq(specialties.id, courses.specialtyId)).$dynamic(),
  sortable: { name: { expr: courses.name, type: 'text' }, specialtyName: { expr: specialties.name, type: 'text' } },
  defaultSort: 'name',
  search: sql`(${courses.search} || ' ' || ${specialties.search})`,
  filters: (q) => [q.specialtyId ? eq(courses.specialtyId, q.specialtyId) : undefined],
  writeAction: 'catalog.manage',
  toValues: (i) => ({
    specialtyId: i.specialtyId, name: i.name, university: i.university ?? null, qualityRegistry: i.qualityRegistry ?? false,
    ...(i.validFrom ? { validFrom: i.validFrom } : {}), validTo: i.validTo ?? null,
  }),
  validate: async (db, input) => {
    const errors: FieldError[] = [];
    const [s] = await db.select({ id: specialties.id }).from(specialties).where(and(eq(specialties.id, input.specialtyId), eq(specialties.active, true)));
    if (!s) errors.push({ field: 'specialtyId', message: 'La especialidad no existe o está inactiva.' });
    return errors;
  },
  references: [{ count: (db, id) => db.$count(sedes, eq(sedes.courseId, id)), message: (n) => `El curso se imparte en ${n} sede(s).` }],
  exportName: 'Cursos',
  exportColumns: [
    { header: 'Curso', width: 50, value: (r) => r.name as string },
    { header: 'Especialidad', width: 40, value: (r) => r.specialtyName as string },
    { header: 'Aval universitario', width: 40, value: (r) => (r.university as string) ?? '' },
    { header: 'Registro de calidad (PNPC/SNP)', width: 12, value: (r) => (r.qualityRegistry ? 'Sí' : 'No') },
    { header: 'Sedes', width: 8, value: (r) => r.sedeCount as number },
    { header: 'Vigente desde', width: 14, value: (r) => formatDate(r.validFrom as string) },
    { header: 'Activo', width: 8, value: (r) => (r.active ? 'Sí' : 'No') },
  ],
};
