import { type OoadInput, formatDate, listQuery } from '@sirem/core';
import { count, eq, sql } from 'drizzle-orm';
import { roleGrants } from '../db/schema/access.ts';
import { ooads, units } from '../db/schema/catalog.ts';
import { conflict } from '../http/errors.ts';
import type { Resource } from './resource.ts';

export const ooadQuery = listQuery;

export const ooadResource: Resource<OoadInput> = {
  entity: 'ooad',
  label: 'El OOAD',
  table: ooads,
  query: (db) =>
    db
      .select({
        id: ooads.id, code: ooads.code, name: ooads.name, stateCode: ooads.stateCode, legacyCode: ooads.legacyCode,
        validFrom: ooads.validFrom, validTo: ooads.validTo, active: ooads.active, version: ooads.version,
        // Qualified by hand: in a single-table select drizzle prints ${ooads.id} as a bare "id", which
        // inside the subquery would mean u.id.
        unitCount: sql<number>`(select count(*)::int from units u where u.ooad_id = ${ooads}.${ooads.id})`,
      })
      .from(ooads)
      .$dynamic(),
  count: (db) => db.select({ n: count() }).from(ooads).$dynamic(),
  sortable: { name: { expr: ooads.name, type: 'text' }, code: { expr: ooads.code, type: 'text' }, stateCode: { expr: ooads.stateCode, type: 'text' } },
  defaultSort: 'name',
  search: ooads.search,
  writeAction: 'catalog.manage',
  toValues: (i) => ({ code: i.code, name: i.name, stateCode: i.stateCode, legacyCode: i.legacyCode ?? null, ...(i.validFrom ? { validFrom: i.validFrom } : {}), validTo: i.validTo ?? null }),
  validate: async (db, input, id) => {
    const [same] = await db.select({ id: ooads.id }).from(ooads).where(eq(ooads.code, input.code));
    if (same && same.id !== id)
      throw conflict('duplicate', `Ya existe un OOAD con la clave ${input.code}.`, { errors: [{ field: 'code', message: 'Clave ya registrada.' }] });
    return [];
  },
  references: [
    { count: async (db, id) => (await db.$count(units, eq(units.ooadId, id))), message: (n) => `El OOAD tiene ${n} unidad(es) registrada(s).` },
    { count: async (db, id) => (await db.$count(roleGrants, eq(roleGrants.ooadId, id))), message: (n) => `El OOAD está asignado a ${n} usuario(s).` },
  ],
  exportName: 'OOAD',
  exportColumns: [
    { header: 'Clave', width: 8, value: (r) => r.code as string },
    { header: 'Nombre', width: 36, value: (r) => r.name as string },
    { header: 'Estado', width: 8, value: (r) => r.stateCode as string },
    { header: 'Clave anterior', width: 12, value: (r) => (r.legacyCode as string) ?? '' },
    { header: 'Unidades', width: 10, value: (r) => r.unitCount as number },
    { header: 'Vigente desde', width: 14, value: (r) => formatDate(r.validFrom as string) },
    { header: 'Vigente hasta', width: 14, value: (r) => formatDate(r.validTo as string | null) },
    { header: 'Activo', width: 8, value: (r) => (r.active ? 'Sí' : 'No') },
  ],
};
