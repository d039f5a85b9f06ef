import { type SpecialtyInput, formatDate, listQuery } from '@sirem/core';
import { count, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { courses, specialties } from '../db/schema/catalog.ts';
import { conflict, type FieldError } from '../http/errors.ts';
import type { Resource } from './resource.ts';

const prerequisite = alias(specialties, 'prerequisite');
export const specialtyQuery = listQuery;

export const specialtyResource: Resource<SpecialtyInput> = {
  entity: 'specialty',
  label: 'La especialidad',
  table: specialties,
  query: (db) =>
    db
      .select({
        id: specialties.id, code: specialties.code, name: specialties.name, kind: specialties.kind,
        durationYears: specialties.durationYears, entryType: specialties.entryType,
        prerequisiteSpecialtyId: specialties.prerequisiteSpecialtyId, prerequisiteSpecialtyName: prerequisite.name,
        prerequisiteYears: specialties.prerequisiteYears, validFrom: specialties.validFrom, validTo: specialties.validTo,
        active: specialties.active, version: specialties.version,
      })
      .from(specialties)
      .leftJoin(prerequisite, eq(prerequisite.id, specialties.prerequisiteSpecialtyId))
      .$dynamic(),
  count: (db) => db.select({ n: count() }).from(specialties).$dynamic(),
  sortable: {
    name: { expr: specialties.name, type: 'text' },
    code: { expr: specialties.code, type: 'text' },
    durationYears: { expr: specialties.durationYears, type: 'int' },
  },
  defaultSort: 'name',
  search: specialties.search,
  writeAction: 'catalog.manage',
  toValues: (i) => ({
    code: i.code, name: i.name, kind: i.kind, durationYears: i.durationYears, entryType: i.entryType,
    prerequisiteSpecialtyId: i.entryType === 'rama' ? (i.prerequisiteSpecialtyId ?? null) : null,
    prerequisiteYears: i.entryType === 'rama' ? (i.prerequisiteYears ?? null) : null,
    ...(i.validFrom ? { validFrom: i.validFrom } : {}), validTo: i.validTo ?? null,
  }),
  validate: async (db, input, id) => {
    const errors: FieldError[] = [];
    const [same] = await db.select({ id: specialties.id }).from(specialties).where(eq(specialties.code, input.code));
    if (same && same.id !== id)
      throw conflict('duplicate', `Ya existe una especialidad con la clave ${input.code}.`, { errors: [{ field: 'code', message: 'Clave ya registrada.' }] });
    if (input.entryType === 'rama' && input.prerequisiteSpecialtyId) {
      const [pre] = await db.select({ id: specialties.id, years: specialties.durationYears }).from(specialties).where(eq(specialties.id, input.prerequisiteSpecialtyId));
      if (!pre || pre.id === id) errors.push({ field: 'prerequisiteSpecialtyId', message: 'La especialidad troncal no existe.' });
      else if ((input.prerequisiteYears ?? 0) > pre.years)
        errors.push({ field: 'prerequisiteYears', message: `La troncal dura ${pre.years} año(s); no puede exigir más.` });
    }
    return errors;
  },
  references: [
    { count: (db, id) => db.$count(courses, eq(courses.specialtyId, id)), message: (n) => `La especialidad tiene ${n} curso(s).` },
    { count: (db, id) => db.$count(specialties, eq(specialties.prerequisiteSpecialtyId, id)), message: (n) => `La especialidad es troncal de ${n} especialidad(es) de rama.` },
  ],
  exportName: 'Especialidades',
  exportColumns: [
    { header: 'Clave', width: 10, value: (r) => r.code as string },
    { header: 'Especialidad', width: 44, value: (r) => r.name as string },
    { header: 'Tipo', width: 14, value: (r) => (r.kind === 'medica' ? 'Médica' : 'Estomatológica') },
    { header: 'Duración (años)', width: 10, value: (r) => r.durationYears as number },
    { header: 'Entrada', width: 10, value: (r) => (r.entryType === 'rama' ? 'De rama' : 'Directa') },
    { header: 'Troncal previa', width: 30, value: (r) => (r.prerequisiteSpecialtyName as string) ?? '' },
    { header: 'Años previos', width: 10, value: (r) => (r.prerequisiteYears as number) ?? '' },
    { header: 'Vigente desde', width: 14, value: (r) => formatDate(r.validFrom as string) },
    { header: 'Activa', width: 8, value: (r) => (r.active ? 'Sí' : 'No') },
  ],
};
