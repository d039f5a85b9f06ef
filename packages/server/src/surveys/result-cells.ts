import { type BlockPlan, coversWholeBlocks, INDICATOR_MIN, planBlocks, type resultsQuery } from '@sirem/core';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { surveyAnswers, surveyQuestions, surveyResponses } from '../db/schema/surveys.ts';
import type { Db } from '../db/client.ts';

type GroupBy = z.infer<typeof resultsQuery>['groupBy'];
export type ResultCell = { ooadId: number | null; unitId: number | null; sedeId: number | null; specialtyId: number | null; subject: number | null; n: number; satHit: number; satN: number; recHit: number; recN: number };
export type CampaignCells = { cells: ResultCell[]; plan: BlockPlan };

const hit = (measure: string) =>
  sql<number>`count(*) filter (where ${surveyQuestions.measures} = ${measure} and ((${surveyQuestions.kind} = 'likert' and ${surveyAnswers.value} >= ${INDICATOR_MIN.likert}) or (${surveyQuestions.kind} = 'nps' and ${surveyAnswers.value} >= ${INDICATOR_MIN.nps})))::int`;
const asked = (measure: string) => sql<number>`count(*) filter (where ${surveyQuestions.measures} = ${measure} and ${surveyAnswers.value} is not null)::int`;
const pct = (h: number, n: number) => (n ? Math.round((1000 * h) / n) / 10 : null);

/**
 * The finest cells of one campaign (sede, and the evaluated teacher in a teaching campaign) over
 * the whole campaign, whatever the reader's scope: the publishing blocks must be the same for
 * every reader, or two readers' tables could be subtracted. Only counts leave this function's
 * callers, and only over whole blocks.
 */
export async function campaignCells(db: Db, campaignId: number): Promise<CampaignCells> {
  const cols = { ooadId: surveyResponses.ooadId, unitId: surveyResponses.unitId, sedeId: surveyResponses.sedeId, specialtyId: surveyResponses.specialtyId, subject: surveyResponses.subjectAppointmentId };
  const rows = await db
    .select({ ...cols, n: sql<number>`count(distinct ${surveyResponses.id})::int`, satHit: hit('satisfaction'), satN: asked('satisfaction'), recHit: hit('recommend'), recN: asked('recommend') })
    .from(surveyResponses)
    .leftJoin(surveyAnswers, eq(surveyAnswers.responseId, surveyResponses.id))
    .leftJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .where(eq(surveyResponses.campaignId, campaignId))
    .groupBy(...Object.values(cols));
  const cells = rows.map((r) => ({ ...r, n: Number(r.n), satHit: Number(r.satHit), satN: Number(r.satN), recHit: Number(r.recHit), recN: Number(r.recN) }));
  return { cells, plan: planBlocks(cells.map((c) => ({ path: [c.ooadId ?? '-', c.unitId ?? '-', c.sedeId ?? '-', c.subject ?? '-'], n: c.n }))) };
}

const GROUP_KEY: Record<GroupBy, (c: ResultCell) => number> = {
  sede: (c) => c.sedeId ?? 0,
  specialty: (c) => c.specialtyId ?? 0,
  ooad: (c) => c.ooadId ?? 0,
  nation: () => 0,
};

const HIDDEN = { suppressed: true, responses: null, satisfiedPct: null, recommendPct: null };

/** Indicators over the chosen cells; a total is shown only when its cells are whole publishing blocks. */
function summary({ cells, plan }: CampaignCells, chosen: number[]) {
  if (!coversWholeBlocks(plan, chosen)) return HIDDEN;
  const s = chosen.reduce((a, i) => {
    const c = cells[i] as ResultCell;
    return { n: a.n + c.n, satHit: a.satHit + c.satHit, satN: a.satN + c.satN, recHit: a.recHit + c.recHit, recN: a.recN + c.recN };
  }, { n: 0, satHit: 0, satN: 0, recHit: 0, recN: 0 });
  return { suppressed: false, responses: s.n, satisfiedPct: pct(s.satHit, s.satN), recommendPct: pct(s.recHit, s.recN) };
}

/** The reader's table: a total over the chosen cells and one row per group, each published or suppressed on its own. */
export function indicatorTable(data: CampaignCells, pick: (c: ResultCell) => boolean, groupBy: GroupBy) {
  const chosen = data.cells.flatMap((c, i) => (pick(c) ? [i] : []));
  const byKey = new Map<number, number[]>();
  for (const i of chosen) {
    const key = GROUP_KEY[groupBy](data.cells[i] as ResultCell);
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  }
  const groups = [...byKey.entries()].sort(([a], [b]) => a - b).map(([key, members]) => ({ key, ...summary(data, members) }));
  return { groupBy, total: summary(data, chosen), groups };
}
