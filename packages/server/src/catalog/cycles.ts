import { type CycleInput, cycleForStartYear, formatDate, listQuery } from '@sirem/core';
import { count, eq } from 'drizzle-orm';
import { academicCycles } from '../db/schema/catalog.ts';
import { conflict } from '../http/errors.ts';
import type { Resource } from './resource.ts';

export const cycleQuery = listQuery;

/** Cycles are named by their years; the dates follow from the 1 March start (see core/catalog/cycles). */
export const cycleResource: Resource<CycleInput> = {
  entity: 'cycle',
  label: 'El ciclo académico',
  table: academicCycles,
  query: (db) =>
    db
      .select({
        id: academicCycles.id, code: academicCycles.code, startsOn: academicCycles.startsOn, endsOn: academicCycles.endsOn,
        validFrom: academicCycles.validFrom, validTo: academicCycles.validTo, active: academicCycles.active, version: academicCycles.version,
      })
      .from(academicCycles)
      .$dynamic(),
  count: (db) => db.select({ n: count() }).from(academicCycles).$dynamic(),
  sortable: { code: { expr: academicCycles.code, type: 'text' }, startsOn: { expr: academicCycles.startsOn, type: 'date' } },
  defaultSort: 'code',
  search: academicCycles.code,
  writeAction: 'catalog.manage',
  toValues: (i) => {
    const c = cycleForStartYear(i.startYear);
    return { code: c.code, startsOn: c.startsOn, endsOn: c.endsOn, validFrom: c.startsOn };
  },
  validate: async (db, input, id) => {
    const { code } = cycleForStartYear(input.startYear);
    const [same] = await db.select({ id: academicCycles.id }).from(academicCycles).where(eq(academicCycles.code, code));
    if (same && same.id !== id)
      throw conflict('duplicate', `El ciclo ${code} ya existe.`, { errors: [{ field: 'startYear', message: `El ciclo ${code} ya existe.` }] });
    return [];
  },
  exportName: 'Ciclos',
  exportColumns: [
    { header: 'Ciclo', width: 12, value: (r) => r.code as string },
    { header: 'Inicio', width: 12, value: (r) => formatDate(r.startsOn as string) },
    { header: 'Fin', width: 12, value: (r) => formatDate(r.endsOn as string) },
    { header: 'Activo', width: 8, value: (r) => (r.active ? 'Sí' : 'No') },
  ],
};
