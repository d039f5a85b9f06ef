import { BANDS, publishable, resolveScope, suppressGroups } from '@sirem/core';
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { aggregateQuery } from '@sirem/core';
import { unitScopeSql } from '../catalog/scope-sql.ts';
import { sedes } from '../db/schema/catalog.ts';
import { wellbeingScreenings } from '../db/schema/wellbeing.ts';
import { forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

/**
 * Severity distribution of each person's latest screening in a place and period. Published only
 * for at least 5 people; band counts below 5 are hidden together with enough others that no
 * hidden band can be recovered from the total.
 */
export async function wellbeingAggregate(ctx: Ctx, q: z.infer<typeof aggregateQuery>) {
  const scope = resolveScope(ctx.actor.grants, 'wellbeing.aggregate');
  if (scope.kind === 'none') throw forbidden('No tiene acceso a los indicadores de bienestar.');
  const latest = ctx.db
    .selectDistinctOn([wellbeingScreenings.personId], { personId: wellbeingScreenings.personId, band: wellbeingScreenings.band })
    .from(wellbeingScreenings)
    .innerJoin(sedes, eq(sedes.id, wellbeingScreenings.sedeId))
    .where(
      and(
        eq(wellbeingScreenings.instrument, q.instrument),
        unitScopeSql(scope, { ooadId: wellbeingScreenings.ooadId, unitId: sedes.unitId, sedeId: wellbeingScreenings.sedeId }),
        q.ooadId ? eq(wellbeingScreenings.ooadId, q.ooadId) : undefined,
        q.unitId ? eq(sedes.unitId, q.unitId) : undefined,
        q.sedeId ? eq(wellbeingScreenings.sedeId, q.sedeId) : undefined,
        q.from ? gte(wellbeingScreenings.completedAt, new Date(`${q.from}T00:00:00Z`)) : undefined,
        q.to ? lte(wellbeingScreenings.completedAt, new Date(`${q.to}T23:59:59Z`)) : undefined,
      ),
    )
    .orderBy(wellbeingScreenings.personId, desc(wellbeingScreenings.completedAt))
    .as('latest');
  const rows = await ctx.db.select({ band: latest.band, n: sql<number>`count(*)::int` }).from(latest).groupBy(latest.band);
  const people = rows.reduce((s, r) => s + Number(r.n), 0);
  if (!publishable(people)) return { instrument: q.instrument, suppressed: true as const, people: null, bands: [] };
  const ordered = BANDS.flatMap((b) => rows.filter((r) => r.band === b).map((r) => ({ key: b, n: Number(r.n) })));
  const bands = suppressGroups(ordered).map((b) => ({ band: b.key, n: b.n, percent: b.n === null ? null : Math.round((1000 * b.n) / people) / 10, suppressed: b.suppressed }));
  return { instrument: q.instrument, suppressed: false as const, people, bands };
}
