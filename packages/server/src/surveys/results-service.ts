import { INDICATOR_MIN, publishable, resolveScope, type resultsQuery, suppressGroups } from '@sirem/core';
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { unitScopeSql } from '../catalog/scope-sql.ts';
import { academicCycles, courses, ooads, sedes, specialties, units } from '../db/schema/catalog.ts';
import { surveyAnswers, surveyCampaigns, surveyQuestions, surveyResponses } from '../db/schema/surveys.ts';
import type { Db } from '../db/client.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

type GroupBy = z.infer<typeof resultsQuery>['groupBy'];
const GROUP_COLUMN: Record<GroupBy, SQL> = {
  sede: sql`${surveyResponses.sedeId}`,
  specialty: sql`${surveyResponses.specialtyId}`,
  ooad: sql`${surveyResponses.ooadId}`,
  nation: sql`0`,
};

const hit = (measure: string) =>
  sql<number>`count(*) filter (where ${surveyQuestions.measures} = ${measure} and ((${surveyQuestions.kind} = 'likert' and ${surveyAnswers.value} >= ${INDICATOR_MIN.likert}) or (${surveyQuestions.kind} = 'nps' and ${surveyAnswers.value} >= ${INDICATOR_MIN.nps})))::int`;
const asked = (measure: string) => sql<number>`count(*) filter (where ${surveyQuestions.measures} = ${measure} and ${surveyAnswers.value} is not null)::int`;
const pct = (h: number, n: number) => (n ? Math.round((1000 * h) / n) / 10 : null);

/**
 * Indicators per group over the given responses: responses, % satisfied, % would recommend. Groups
 * under 5 responses are suppressed with their complements, and the total is shown only from 5 on,
 * so no hidden group can be recovered by subtraction.
 */
export async function indicatorTable(db: Db, where: SQL | undefined, groupBy: GroupBy) {
  const key = GROUP_COLUMN[groupBy];
  const query = db
    .select({ key: sql<number>`${key}`, n: sql<number>`count(distinct ${surveyResponses.id})::int`, satHit: hit('satisfaction'), satN: asked('satisfaction'), recHit: hit('recommend'), recN: asked('recommend') })
    .from(surveyResponses)
    .leftJoin(surveyAnswers, eq(surveyAnswers.responseId, surveyResponses.id))
    .leftJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .where(where);
  // A nation-wide table is one group: no GROUP BY (a literal there would mean a column position).
  const rows = (groupBy === 'nation' ? (await query).filter((r) => Number(r.n) > 0) : await query.groupBy(key)).map((r) => ({ ...r, n: Number(r.n), satHit: Number(r.satHit), satN: Number(r.satN), recHit: Number(r.recHit), recN: Number(r.recN) }));
  const total = rows.reduce((s, r) => ({ n: s.n + r.n, satHit: s.satHit + r.satHit, satN: s.satN + r.satN, recHit: s.recHit + r.recHit, recN: s.recN + r.recN }), { n: 0, satHit: 0, satN: 0, recHit: 0, recN: 0 });
  const labels = await groupLabels(db, groupBy, rows.map((r) => Number(r.key)));
  const groups = suppressGroups(rows.map((r) => ({ ...r, key: String(r.key) }))).map((g) =>
    g.suppressed
      ? { key: Number(g.key), label: labels.get(Number(g.key)) ?? '', suppressed: true, responses: null, satisfiedPct: null, recommendPct: null }
      : { key: Number(g.key), label: labels.get(Number(g.key)) ?? '', suppressed: false, responses: g.n, satisfiedPct: pct(g.satHit, g.satN), recommendPct: pct(g.recHit, g.recN) },
  );
  const shown = publishable(total.n);
  return {
    groupBy,
    total: shown ? { suppressed: false, responses: total.n, satisfiedPct: pct(total.satHit, total.satN), recommendPct: pct(total.recHit, total.recN) } : { suppressed: true, responses: null, satisfiedPct: null, recommendPct: null },
    groups: shown ? groups : groups.map((g) => ({ ...g, suppressed: true, responses: null, satisfiedPct: null, recommendPct: null })),
  };
}

async function groupLabels(db: Db, groupBy: GroupBy, ids: number[]): Promise<Map<number, string>> {
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

const placeFilter = (scope: ReturnType<typeof resultsScope>, q: z.infer<typeof resultsQuery>) =>
  and(
    unitScopeSql(scope, { ooadId: surveyResponses.ooadId, unitId: surveyResponses.unitId, sedeId: surveyResponses.sedeId }),
    q.ooadId ? eq(surveyResponses.ooadId, q.ooadId) : undefined,
    q.unitId ? eq(surveyResponses.unitId, q.unitId) : undefined,
    q.sedeId ? eq(surveyResponses.sedeId, q.sedeId) : undefined,
  );

export async function campaignResults(ctx: Ctx, campaignId: number, q: z.infer<typeof resultsQuery>) {
  const scope = resultsScope(ctx);
  const [campaign] = await ctx.db.select({ id: surveyCampaigns.id }).from(surveyCampaigns).where(eq(surveyCampaigns.id, campaignId));
  if (!campaign) throw notFound('La campaña');
  return indicatorTable(ctx.db, and(eq(surveyResponses.campaignId, campaignId), placeFilter(scope, q)), q.groupBy);
}

/** The same survey across cycles: one total per campaign cycle, each suppressed on its own. */
export async function surveyTrends(ctx: Ctx, surveyId: number, q: z.infer<typeof resultsQuery>) {
  const scope = resultsScope(ctx);
  const campaigns = await ctx.db.select({ id: surveyCampaigns.id, cycle: academicCycles.code }).from(surveyCampaigns).innerJoin(academicCycles, eq(academicCycles.id, surveyCampaigns.cycleId)).where(eq(surveyCampaigns.surveyId, surveyId)).orderBy(academicCycles.startsOn);
  const points = [];
  for (const c of campaigns) points.push({ campaignId: c.id, cycle: c.cycle, ...(await indicatorTable(ctx.db, and(eq(surveyResponses.campaignId, c.id), placeFilter(scope, q)), 'nation')).total });
  return { surveyId, points };
}
