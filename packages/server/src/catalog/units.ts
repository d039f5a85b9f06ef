import { type UnitInput, formatDate, listQuery, id } from '@sirem/core';
import { and, count, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { roleGrants } from '../db/schema/access.ts';
import { ooads, sedes, unitTypes, units } from '../db/schema/catalog.ts';
import { conflict, type FieldError } from '../http/errors.ts';
import type { Resource } from './resource.ts';
import { unitScopeSql } from './scope-sql.ts';

export const unitQuery = listQuery.extend({
  ooadId: id.optional(),
  levelOfCare: z.coerce.number().int().min(1).max(3).optional(),
  unitTypeCode: z.string().max(20).optional(),
});
type UnitQuery = z.infer<typeof unitQuery>;

const parent = alias(units, 'parent');

export const unitResource: Resource<UnitInput, UnitQuery> = {
  entity: 'unit',
  label: 'La unidad',
  table: units,
  query: (db) =>
    db
      .select({
        id: units.id, clues: units.clues, name: units.name, unitTypeCode: units.unitTypeCode, unitTypeName: unitTypes.name,
        levelOfCare: units.levelOfCare, ooadId: units.ooadId, ooadName: ooads.name, parentUnitId: units.parentUnitId,
        parentUnitName: parent.name, camasCensables: units.camasCensables, city: units.city, umaeNumber: units.umaeNumber,
        validFrom: units.validFrom, validTo: units.validTo, active: units.active, version: units.version,
        sedeCount: sql<number>`(select count(*)::int from sedes s where s.unit_id = ${units.id})`,
      })
      .from(units)
      .innerJoin(ooads, eq(ooads.id, units.ooadId))
      .innerJoin(unitTypes, eq(unitTypes.code, units.unitTypeCode))
      .leftJoin(parent, eq(parent.id, units.parentUnitId))
      .$dynamic(),
  count: (db) => db.select({ n: count() }).from(units).innerJoin(ooads, eq(ooads.id, units.ooadId)).innerJoin(unitTypes, eq(unitTypes.code, units.unitTypeCode)).$dynamic(),
  sortable: {
    name: { expr: units.name, type: 'text' },
    clues: { expr: sql`coalesce(${units.clues}, '')`, type: 'text' },
    ooadName: { expr: ooads.name, type: 'text' },
    unitTypeName: { expr: unitTypes.name, type: 'text' },
    levelOfCare: { expr: units.levelOfCare, type: 'int' },
    camasCensables: { expr: units.camasCensables, type: 'int' },
  },
  defaultSort: 'name',
  search: sql`(${units.search} || ' ' || ${ooads.search})`,
  filters: (q) => [
    q.ooadId ? eq(units.ooadId, q.ooadId) : undefined,
    q.levelOfCare ? eq(units.levelOfCare, q.levelOfCare) : undefined,
    q.unitTypeCode ? eq(units.unitTypeCode, q.unitTypeCode) : undefined,
  ],
  readScope: (scope) => unitScopeSql(scope, { ooadId: units.ooadId, unitId: units.id }),
  writeAction: 'unit.manage',
  placeOf: async (_db, v) => ({ ooadId: Number(v.ooadId), unitId: Number(v.id ?? 0) }),
  toValues: (i) => ({
    clues: i.clues ?? null, name: i.name, unitTypeCode: i.unitTypeCode, levelOfCare: i.levelOfCare, ooadId: i.ooadId,
    parentUnitId: i.parentUnitId ?? null, camasCensables: i.camasCensables, city: i.city ?? null, umaeNumber: i.umaeNumber ?? null,
    ...(i.validFrom ? { validFrom: i.validFrom } : {}), validTo: i.validTo ?? null,
  }),
  validate: async (db, input, id) => {
    const errors: FieldError[] = [];
    if (input.clues) {
      const [same] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.clues, input.clues));
      if (same && same.id !== id)
        throw conflict('duplicate', `La CLUES ${input.clues} ya está registrada para «${same.name}».`, { errors: [{ field: 'clues', message: `CLUES ya registrada para «${same.name}».` }] });
    }
    const [type] = await db.select().from(unitTypes).where(eq(unitTypes.code, input.unitTypeCode));
    if (!type) errors.push({ field: 'unitTypeCode', message: 'Tipo de unidad desconocido.' });
    const [ooad] = await db.select({ id: ooads.id }).from(ooads).where(and(eq(ooads.id, input.ooadId), eq(ooads.active, true)));
    if (!ooad) errors.push({ field: 'ooadId', message: 'El OOAD no existe o está inactivo.' });
    if (input.parentUnitId) {
      const [p] = await db.select({ id: units.id, type: units.unitTypeCode }).from(units).where(eq(units.id, input.parentUnitId));
      if (!p || p.id === id) errors.push({ field: 'parentUnitId', message: 'La unidad de adscripción no existe.' });
      else if (p.type !== 'UMAE') errors.push({ field: 'parentUnitId', message: 'Una unidad complementaria se adscribe a una UMAE.' });
    } else if (input.unitTypeCode === 'UC') {
      errors.push({ field: 'parentUnitId', message: 'Indique la UMAE a la que se adscribe la unidad complementaria.' });
    }
    return errors;
  },
  references: [
    { count: (db, id) => db.$count(sedes, eq(sedes.unitId, id)), message: (n) => `La unidad tiene ${n} sede(s) académica(s).` },
    { count: (db, id) => db.$count(units, eq(units.parentUnitId, id)), message: (n) => `La unidad tiene ${n} unidad(es) complementaria(s) adscrita(s).` },
    { count: (db, id) => db.$count(roleGrants, eq(roleGrants.unitId, id)), message: (n) => `La unidad está asignada a ${n} usuario(s).` },
  ],
  exportName: 'Unidades',
  exportColumns: [
    { header: 'CLUES', width: 14, value: (r) => (r.clues as string) ?? '' },
    { header: 'Nombre', width: 50, value: (r) => r.name as string },
    { header: 'Tipo', width: 24, value: (r) => r.unitTypeName as string },
    { header: 'Nivel', width: 7, value: (r) => r.levelOfCare as number },
    { header: 'OOAD', width: 26, value: (r) => r.ooadName as string },
    { header: 'Ciudad', width: 18, value: (r) => (r.city as string) ?? '' },
    { header: 'Camas censables', width: 10, value: (r) => r.camasCensables as number },
    { header: 'Adscrita a', width: 30, value: (r) => (r.parentUnitName as string) ?? '' },
    { header: 'Sedes', width: 8, value: (r) => r.sedeCount as number },
    { header: 'Vigente desde', width: 14, value: (r) => formatDate(r.validFrom as string) },
    { header: 'Vigente hasta', width: 14, value: (r) => formatDate(r.validTo as string | null) },
    { header: 'Activa', width: 8, value: (r) => (r.active ? 'Sí' : 'No') },
  ],
};
