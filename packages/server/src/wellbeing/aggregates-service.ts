import { type aggregateQuery, bandsOf, coversWholeBlocks, lastClosedQuarter, planBlocks, quarterBounds, quarterClosed, resolveScope, scopeCovers } from '@sirem/core';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { sedes } from '../db/schema/catalog.ts';
import { wellbeingScreenings } from '../db/schema/wellbeing.ts';
import { conflict, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

type Query = z.infer<typeof aggregateQuery>;
type Cell = { ooadId: number | null; unitId: number; sedeId: number; band: string; n: number };

/**
 * People per (sede, band) from each person's latest screening in the quarter, over the whole
 * country: the publishing blocks must not depend on the reader's scope or filters.
 */
async function quarterCells(ctx: Ctx, instrument: Query['instrument'], quarter: string): Promise<Cell[]> {
  const { from, until } = quarterBounds(quarter);
  const latest = ctx.db
    .selectDistinctOn([wellbeingScreenings.personId], { personId: wellbeingScreenings.personId, band: wellbeingScreenings.band, ooadId: wellbeingScreenings.ooadId, unitId: sedes.unitId, sedeId: sedes.id })
    .from(wellbeingScreenings)
    .innerJoin(sedes, eq(sedes.id, wellbeingScreenings.sedeId))
    .where(and(eq(wellbeingScreenings.instrument, instrument), gte(wellbeingScreenings.completedAt, new Date(`${from}T00:00:00Z`)), lt(wellbeingScreenings.completedAt, new Date(`${until}T00:00:00Z`))))
    .orderBy(wellbeingScreenings.personId, desc(wellbeingScreenings.completedAt))
    .as('latest');
  const rows = await ctx.db
    .select({ ooadId: latest.ooadId, unitId: latest.unitId, sedeId: latest.sedeId, band: latest.band, n: sql<number>`count(*)::int` })
    .from(latest)
    .groupBy(latest.ooadId, latest.unitId, latest.sedeId, latest.band);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * Severity distribution in a place for one finished quarter. The cells (sede × band) are split
 * once into publishing blocks of at least 5 people (docs/wellbeing.md); the people count and each
 * band are shown only when they cover whole blocks, so neither another filter (sede, OOAD, nation)
 * nor another reader's scope gives back a small band by subtraction.
 */
export async function wellbeingAggregate(ctx: Ctx, q: Query) {
  const scope = resolveScope(ctx.actor.grants, 'wellbeing.aggregate');
  if (scope.kind === 'none') throw forbidden('No tiene acceso a los indicadores de bienestar.');
  const today = new Date().toISOString().slice(0, 10);
  const quarter = q.quarter ?? lastClosedQuarter(today);
  if (!quarterClosed(quarter, today)) throw conflict('quarter_open', `El trimestre ${quarter} no ha terminado: los indicadores de bienestar se publican al cierre de cada trimestre. Consulte el ${lastClosedQuarter(today)} o uno anterior.`);
  const cells = await quarterCells(ctx, q.instrument, quarter);
  const plan = planBlocks(cells.map((c) => ({ path: [c.ooadId ?? '-', c.unitId, c.sedeId, c.band], n: c.n })));
  const chosen = cells.flatMap((c, i) =>
    c.ooadId !== null && scopeCovers(scope, { ooadId: c.ooadId, unitId: c.unitId, sedeIds: [c.sedeId] }) && (!q.ooadId || c.ooadId === q.ooadId) && (!q.unitId || c.unitId === q.unitId) && (!q.sedeId || c.sedeId === q.sedeId) ? [i] : [],
  );
  const head = { instrument: q.instrument, quarter };
  if (!coversWholeBlocks(plan, chosen)) return { ...head, suppressed: true as const, people: null, bands: [] };
  const count = (idx: number[]) => idx.reduce((s, i) => s + (cells[i] as Cell).n, 0);
  const people = count(chosen);
  // Every band of the instrument is listed, empty ones as suppressed, so the list itself does not tell which bands occur.
  const bands = bandsOf(q.instrument).map((band) => {
    const members = chosen.filter((i) => (cells[i] as Cell).band === band);
    const n = coversWholeBlocks(plan, members) ? count(members) : null;
    return { band, n, percent: n === null ? null : Math.round((1000 * n) / people) / 10, suppressed: n === null };
  });
  return { ...head, suppressed: false as const, people, bands };
}
