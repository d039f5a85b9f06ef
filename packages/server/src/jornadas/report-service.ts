import { type JornadaCell, rankUnits, summarise } from '@sirem/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { jornadaById, readJornadas } from './access.ts';

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * Planned and achieved per unit and target category. Achieved has two sources kept apart:
 * residents' activity records linked to the Jornada (returned entries excluded), read from the
 * tallies the database keeps of them, and the units' own aggregate counts.
 */
export async function jornadaCells(db: Db, jornadaId: number, categories: string[]): Promise<JornadaCell[]> {
  const cats = sql.join(categories.map((c) => sql`${c}`), sql`, `);
  const result = await db.execute(sql`
    with p as (select unit_id, category, sum(planned)::int n from jornada_plans where jornada_id = ${jornadaId} group by 1, 2),
         r as (select unit_id, kind as category, sum(n)::int n from jornada_tallies where jornada_id = ${jornadaId} group by 1, 2),
         c as (select unit_id, category, sum(count)::int n from jornada_unit_counts where jornada_id = ${jornadaId} group by 1, 2),
         k as (select unit_id, category from p union select unit_id, category from r union select unit_id, category from c)
    select k.unit_id as "unitId", u.name as "unitName", o.name as "ooadName", (u.unit_type_code = 'UMAE') as "isUmae", k.category,
           coalesce(p.n, 0) as planned, coalesce(r.n, 0) as "fromRecords", coalesce(c.n, 0) as "fromUnits"
    from k join units u on u.id = k.unit_id join ooads o on o.id = u.ooad_id
    left join p on p.unit_id = k.unit_id and p.category = k.category
    left join r on r.unit_id = k.unit_id and r.category = k.category
    left join c on c.unit_id = k.unit_id and c.category = k.category
    where k.category in (${cats})`);
  return rowsOf<JornadaCell>(result).map((c) => ({ ...c, planned: Number(c.planned), fromRecords: Number(c.fromRecords), fromUnits: Number(c.fromUnits) }));
}

async function byDay(db: Db, jornadaId: number) {
  const result = await db.execute(sql`
    select day::text as day, category, sum(r)::int as "fromRecords", sum(u)::int as "fromUnits" from (
      select day, kind as category, sum(n) r, 0 u from jornada_tallies where jornada_id = ${jornadaId} group by 1, 2
      union all select day, category, 0, sum(count) from jornada_unit_counts where jornada_id = ${jornadaId} group by 1, 2) x
    group by 1, 2 order by 1, 2`);
  return rowsOf<{ day: string; category: string; fromRecords: number; fromUnits: number }>(result).map((r) => ({
    ...r, fromRecords: Number(r.fromRecords), fromUnits: Number(r.fromUnits), achieved: Number(r.fromRecords) + Number(r.fromUnits),
  }));
}

export async function jornadaReport(ctx: Ctx, jornadaId: number) {
  readJornadas(ctx);
  const j = await jornadaById(ctx.db, jornadaId);
  const cells = await jornadaCells(ctx.db, j.id, j.categories);
  const [participants] = rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from jornada_participant_tallies where jornada_id = ${j.id} and n > 0`));
  const order = (rows: ReturnType<typeof summarise>) => rows.sort((a, b) => b.achieved - a.achieved || a.key.localeCompare(b.key, 'es'));
  const byCategory = summarise(cells, (c) => c.category).sort((a, b) => j.categories.indexOf(a.key) - j.categories.indexOf(b.key));
  const total = summarise(cells, () => 'total')[0] ?? { key: 'total', planned: 0, achieved: 0, fromRecords: 0, fromUnits: 0, percent: null };
  return {
    jornada: j,
    total,
    byCategory,
    byOoad: order(summarise(cells, (c) => (c.isUmae ? null : c.ooadName))),
    byUmae: order(summarise(cells, (c) => (c.isUmae ? c.unitName : null))),
    ranking: rankUnits(cells, 10),
    byDay: await byDay(ctx.db, j.id),
    participants: Number(participants?.n ?? 0),
  };
}

/** Every Jornada side by side, by category, to follow the recovery across them. */
export async function cumulativeReport(ctx: Ctx) {
  readJornadas(ctx);
  const result = await ctx.db.execute(sql`
    with j as (select id, number, starts_on, categories from jornadas),
         p as (select jornada_id, category, sum(planned)::int n from jornada_plans group by 1, 2),
         a as (select jornada_id, kind as category, sum(n)::int n from jornada_tallies group by 1, 2
               union all select jornada_id, category, sum(count)::int from jornada_unit_counts group by 1, 2),
         s as (select jornada_id, category, sum(n)::int n from a group by 1, 2),
         k as (select jornada_id, category from p union select jornada_id, category from s)
    select j.id as "jornadaId", j.number, j.starts_on::text as "startsOn", k.category, coalesce(p.n, 0) as planned, coalesce(s.n, 0) as achieved
    from k join j on j.id = k.jornada_id
    left join p on p.jornada_id = k.jornada_id and p.category = k.category
    left join s on s.jornada_id = k.jornada_id and s.category = k.category
    where k.category = any(j.categories)
    order by j.starts_on, k.category`);
  return { rows: rowsOf<{ jornadaId: number; number: number; startsOn: string; category: string; planned: number; achieved: number }>(result).map((r) => ({ ...r, planned: Number(r.planned), achieved: Number(r.achieved) })) };
}
