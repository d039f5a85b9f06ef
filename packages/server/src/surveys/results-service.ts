import { resolveScope, resultsPendingMessage, type resultsQuery, scopeCovers } from '@sirem/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { academicCycles, courses, ooads, sedes, specialties, units } from '../db/schema/catalog.ts';
import { surveyCampaigns } from '../db/schema/surveys.ts';
import type { Db } from '../db/client.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { closedCampaignSql, isClosed } from './closing-service.ts';
import { campaignCells, indicatorTable, type ResultCell } from './result-cells.ts';

type Query = z.infer<typeof resultsQuery>;

async function groupLabels(db: Db, groupBy: Query['groupBy'], ids: number[]): Promise<Map<number, string>> {
  if (groupBy === 'nation' || !ids.length) return new Map([[0, 'Nacional']]);
  const pick = async (table: typeof units | typeof ooads | typeof specialties, id: PgColumn, name: PgColumn) =>
    new Map((await db.select({ id: sql<number>`${id}`, name: sql<string>`${name}` }).from(table).where(inArray(id, ids))).map((r) => [Number(r.id), r.name]));
  if (groupBy === 'ooad') return pick(ooads, ooads.id, ooads.name);
  if (groupBy === 'specialty') return pick(specialties, specialties.id, specialties.name);
  const rows = await db
    .select({ id: sedes.id, name: sql<string>`${units.name} || ' · ' || ${specialties.name}` })
    .from(sedes)
    .innerJoin(units, eq(units.id, sedes.unitId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .where(inArray(sedes.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function resultsScope(ctx: Ctx) {
  const scope = resolveScope(ctx.actor.grants, 'surveys.results');
  if (scope.kind === 'none') throw forbidden('No tiene acceso a los resultados de encuestas.');
  return scope;
}

/** The reader's scope and filters, applied to cells (the same rule unitScopeSql applies to rows with a sede). */
const placeFilter = (scope: ReturnType<typeof resultsScope>, q: Query) => (c: ResultCell) =>
  c.ooadId !== null &&
  c.unitId !== null &&
  c.sedeId !== null &&
  scopeCovers(scope, { ooadId: c.ooadId, unitId: c.unitId, sedeIds: [c.sedeId] }) &&
  (!q.ooadId || c.ooadId === q.ooadId) &&
  (!q.unitId || c.unitId === q.unitId) &&
  (!q.sedeId || c.sedeId === q.sedeId);

/**
 * Results by sede, specialty, OOAD or nation. Every total shown, for any filter or scope, covers
 * whole publishing blocks of the campaign (docs/surveys.md), so no combination of queries gives
 * back a group under 5 by subtraction. An open campaign publishes nothing, not even its count of
 * answers: a reading before and one after a known person answers would differ by that person.
 */
export async function campaignResults(ctx: Ctx, campaignId: number, q: Query) {
  const scope = resultsScope(ctx);
  const [campaign] = await ctx.db.select({ id: surveyCampaigns.id, closesOn: surveyCampaigns.closesOn, closedAt: surveyCampaigns.closedAt }).from(surveyCampaigns).where(eq(surveyCampaigns.id, campaignId));
  if (!campaign) throw notFound('La campaña');
  if (!isClosed(campaign)) return { published: false as const, closesOn: campaign.closesOn, message: resultsPendingMessage(campaign.closesOn) };
  const table = indicatorTable(await campaignCells(ctx.db, campaignId), placeFilter(scope, q), q.groupBy);
  const labels = await groupLabels(ctx.db, q.groupBy, table.groups.map((g) => g.key));
  return { published: true as const, ...table, groups: table.groups.map((g) => ({ ...g, label: labels.get(g.key) ?? '' })) };
}

/** The same survey across cycles: one total per closed campaign, each against its own campaign's blocks. */
export async function surveyTrends(ctx: Ctx, surveyId: number, q: Query) {
  const scope = resultsScope(ctx);
  const campaigns = await ctx.db.select({ id: surveyCampaigns.id, cycle: academicCycles.code }).from(surveyCampaigns).innerJoin(academicCycles, eq(academicCycles.id, surveyCampaigns.cycleId)).where(and(eq(surveyCampaigns.surveyId, surveyId), closedCampaignSql())).orderBy(academicCycles.startsOn);
  const points = [];
  for (const c of campaigns) points.push({ campaignId: c.id, cycle: c.cycle, ...indicatorTable(await campaignCells(ctx.db, c.id), placeFilter(scope, q), 'nation').total });
  return { surveyId, points };
}
