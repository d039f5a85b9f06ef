import { formatDate, listQuery, type ServiceInput, id } from '@sirem/core';
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ooads, units } from '../db/schema/catalog.ts';
import { clinicalServices, rotations } from '../db/schema/rotations.ts';
import type { FieldError } from '../http/errors.ts';
import type { Resource } from '../catalog/resource.ts';
import { unitScopeSql } from '../catalog/scope-sql.ts';

export const serviceQuery = listQuery.extend({ unitId: id.optional() });
type ServiceQuery = z.infer<typeof serviceQuery>;

/** Clinical services of a unit; edited by the unit's coordinator (or above), read by anyone who reads the catalogue. */
export const serviceResource: Resource<ServiceInput, ServiceQuery> = {
  entity: 'clinical_service',
  label: 'El servicio',
  table: clinicalServices,
  query: (db) =>
    db
      .select({
        id: clinicalServices.id, unitId: clinicalServices.unitId, unitName: units.name, unitBeds: units.camasCensables, ooadId: units.ooadId, ooadName: ooads.name, name: clinicalServices.name,
        capacityPerGrade: clinicalServices.capacityPerGrade, validFrom: clinicalServices.validFrom, validTo: clinicalServices.validTo,
        active: clinicalServices.active, version: clinicalServices.version,
      })
      .from(clinicalServices)
      .innerJoin(units, eq(units.id, clinicalServices.unitId))
      .innerJoin(ooads, eq(ooads.id, units.ooadId))
      .$dynamic(),
  count: (db) => db.select({ n: count() }).from(clinicalServices).innerJoin(units, eq(units.id, clinicalServices.unitId)).$dynamic(),
  sortable: { name: { expr: clinicalServices.name, type: 'text' }, unitName: { expr: units.name, type: 'text' } },
  defaultSort: 'name',
  search: sql`(${clinicalServices.search} || ' ' || ${units.search})`,
  filters: (q) => [q.unitId ? eq(clinicalServices.unitId, q.unitId) : undefined],
  writeAction: 'rotations.manage',
  placeOf: async (db, v) => {
    const [u] = await db.select({ ooadId: units.ooadId }).from(units).where(eq(units.id, Number(v.unitId)));
    return { ooadId: u?.ooadId ?? 0, unitId: Number(v.unitId) };
  },
  toValues: (i) => ({ unitId: i.unitId, name: i.name, capacityPerGrade: i.capacityPerGrade, ...(i.validFrom ? { validFrom: i.validFrom } : {}), validTo: i.validTo ?? null }),
  validate: async (db, input, id) => {
    const errors: FieldError[] = [];
    const [u] = await db.select({ id: units.id }).from(units).where(and(eq(units.id, input.unitId), eq(units.active, true)));
    if (!u) errors.push({ field: 'unitId', message: 'La unidad no existe o está inactiva.' });
    const [same] = await db.select({ id: clinicalServices.id }).from(clinicalServices).where(and(eq(clinicalServices.unitId, input.unitId), sql`lower(${clinicalServices.name}) = lower(${input.name})`));
    if (same && same.id !== id) errors.push({ field: 'name', message: 'La unidad ya tiene un servicio con ese nombre.' });
    return errors;
  },
  readScope: (scope) => (scope.kind === 'all' ? undefined : unitScopeSql(scope, { ooadId: units.ooadId, unitId: clinicalServices.unitId })),
  references: [{ count: (db, id) => db.$count(rotations, eq(rotations.serviceId, id)), message: (n) => `El servicio tiene ${n} rotación(es) registradas.` }],
  exportName: 'Servicios',
  exportColumns: [
    { header: 'Servicio', width: 36, value: (r) => r.name as string },
    { header: 'Unidad', width: 50, value: (r) => r.unitName as string },
    { header: 'Capacidad por grado', width: 24, value: (r) => (r.capacityPerGrade as number[]).map((n, i) => `R${i + 1}: ${n}`).join(', ') },
    { header: 'Vigente desde', width: 14, value: (r) => formatDate(r.validFrom as string) },
  ],
};
