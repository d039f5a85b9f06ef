import type { ActivityQuery } from '@sirem/core';
import { and, count, eq, gte, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { activityRecords } from '../db/schema/activity.ts';
import { sedes, units } from '../db/schema/catalog.ts';
import { persons, residents } from '../db/schema/people.ts';
import { notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { keysetPage, type SortKey } from '../lib/keyset.ts';
import { allPages } from '../lib/pages.ts';
import { activityScope, activityScopeSql } from './scope.ts';

const place = alias(units, 'place');
const supervisor = alias(persons, 'supervisor');

export const activityColumns = {
  id: activityRecords.id,
  residentId: activityRecords.residentId,
  residentName: sql<string>`${persons.firstSurname} || ' ' || coalesce(${persons.secondSurname} || ' ', '') || ${persons.givenNames}`,
  sedeId: activityRecords.sedeId,
  performedOn: activityRecords.performedOn,
  unitId: activityRecords.unitId,
  unitName: place.name,
  service: activityRecords.service,
  kind: activityRecords.kind,
  organ: activityRecords.organ,
  supervision: activityRecords.supervision,
  supervisorPersonId: activityRecords.supervisorPersonId,
  supervisorName: sql<string | null>`${supervisor.firstSurname} || ' ' || ${supervisor.givenNames}`,
  diagnosisCode: activityRecords.diagnosisCode,
  diagnosisVersionId: activityRecords.diagnosisVersionId,
  procedureCode: activityRecords.procedureCode,
  procedureVersionId: activityRecords.procedureVersionId,
  ageBand: activityRecords.ageBand,
  sex: activityRecords.sex,
  note: activityRecords.note,
  jornadaId: activityRecords.jornadaId,
  status: activityRecords.status,
  reviewComment: activityRecords.reviewComment,
  reviewedAt: activityRecords.reviewedAt,
  version: activityRecords.version,
};

/** activity ⋈ resident ⋈ person ⋈ sede ⋈ sede's unit (scope) ⋈ place of the act ⋈ supervisor. */
function joined<F extends Record<string, unknown>>(db: Db, fields: F) {
  return db
    .select(fields as never)
    .from(activityRecords)
    .innerJoin(residents, eq(residents.id, activityRecords.residentId))
    .innerJoin(persons, eq(persons.id, residents.personId))
    .innerJoin(sedes, eq(sedes.id, activityRecords.sedeId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .innerJoin(place, eq(place.id, activityRecords.unitId))
    .leftJoin(supervisor, eq(supervisor.id, activityRecords.supervisorPersonId))
    .$dynamic();
}

const SORT: SortKey = { expr: activityRecords.performedOn, type: 'date' };

export async function listRecords(ctx: Ctx, q: ActivityQuery) {
  const scope = activityScope(ctx, 'activity.read');
  const where = and(
    activityScopeSql(scope, ctx),
    q.residentId ? eq(activityRecords.residentId, q.residentId) : undefined,
    q.sedeId ? eq(activityRecords.sedeId, q.sedeId) : undefined,
    q.unitId ? eq(activityRecords.unitId, q.unitId) : undefined,
    q.status ? eq(activityRecords.status, q.status) : undefined,
    q.kind ? eq(activityRecords.kind, q.kind) : undefined,
    q.jornadaId ? eq(activityRecords.jornadaId, q.jornadaId) : undefined,
    q.from ? gte(activityRecords.performedOn, q.from) : undefined,
    q.to ? lte(activityRecords.performedOn, q.to) : undefined,
  );
  return keysetPage<typeof activityColumns & { id: number }>(joined(ctx.db, { ...activityColumns, sortValue: SORT.expr }), joined(ctx.db, { n: count() }), {
    where,
    sort: SORT,
    sortName: 'performedOn',
    idColumn: activityRecords.id,
    descending: q.dir !== 'asc',
    cursor: q.cursor,
    limit: q.limit ?? 50,
  });
}

export const exportRecords = (ctx: Ctx, q: ActivityQuery) =>
  allPages(async (cursor) => (await listRecords(ctx, { ...q, cursor, limit: 1000 })) as unknown as { items: Record<string, unknown>[]; nextCursor: string | null });

export async function getRecord(ctx: Ctx, id: number) {
  const scope = activityScope(ctx, 'activity.read');
  const [row] = await joined(ctx.db, activityColumns).where(and(eq(activityRecords.id, id), activityScopeSql(scope, ctx)));
  if (!row) throw notFound('La entrada');
  return row as Record<string, unknown>;
}
