import { type Assignment, dayIndex, type RosterInstance, type Violation, weekOf } from '@sirem/core';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { rosters } from '../db/schema/guards.ts';
import { clinicalServices } from '../db/schema/rotations.ts';

/** One guardia of a resident in a published roster, with the day type it had there. */
export type GuardElsewhere = { date: string; type: string; rosterId: number; unitId: number; groupKey: string; month: string; label: string };
type Place = { unitId: number; groupKey: string; month: string };

const sameRoster = (g: Place, place: Place) => g.unitId === place.unitId && g.groupKey === place.groupKey && g.month === place.month;

/**
 * The guardias the residents hold in any published roster (any unit, any service group) of the
 * months between `fromMonth` and `toMonth`, each named by its unit and services so a coordinator
 * can find the other roster.
 */
export async function publishedGuardsOf(db: Db, ids: number[], fromMonth: string, toMonth: string) {
  const out = new Map<number, GuardElsewhere[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({ id: rosters.id, unitId: rosters.unitId, unitName: units.name, groupKey: rosters.groupKey, serviceIds: rosters.serviceIds, month: rosters.month, assignments: rosters.assignments, instance: rosters.instance })
    .from(rosters)
    .innerJoin(units, eq(units.id, rosters.unitId))
    .where(and(
      eq(rosters.status, 'published'), gte(rosters.month, fromMonth), lte(rosters.month, toMonth),
      sql`exists (select 1 from jsonb_array_elements(${rosters.assignments}) a where (a->>'residentId')::int in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}))`,
    ));
  const serviceIds = [...new Set(rows.flatMap((r) => r.serviceIds))];
  const names = new Map((serviceIds.length ? await db.select({ id: clinicalServices.id, name: clinicalServices.name }).from(clinicalServices).where(inArray(clinicalServices.id, serviceIds)) : []).map((s) => [s.id, s.name]));
  const wanted = new Set(ids);
  for (const r of rows) {
    const types = new Map((r.instance as RosterInstance).days.map((d) => [d.date, d.type]));
    const label = `${r.unitName} · ${r.serviceIds.map((id) => names.get(id) ?? `servicio ${id}`).join(' + ')} (${r.month})`;
    for (const a of r.assignments as Assignment[]) {
      if (!wanted.has(a.residentId)) continue;
      const list = out.get(a.residentId) ?? [];
      list.push({ date: a.date, type: types.get(a.date) ?? 'weekday', rosterId: r.id, unitId: r.unitId, groupKey: r.groupKey, month: r.month, label });
      out.set(a.residentId, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return out;
}

/** Guardias in rosters other than the versions of this one (same unit, service group and month). */
export const otherRosters = (list: readonly GuardElsewhere[] | undefined, place: Place) => (list ?? []).filter((g) => !sameRoster(g, place));

/**
 * Days of the month a guardia elsewhere takes: the day itself, those too close to it for the
 * spacing rule, and every day of a week whose guardias elsewhere already reach the weekly maximum.
 */
export const blockedByElsewhere = (dates: readonly string[], elsewhere: readonly GuardElsewhere[], minDaysBetween: number, maxPerWeek: number) => {
  const perWeek = new Map<number, number>();
  for (const g of elsewhere) perWeek.set(weekOf(g.date), (perWeek.get(weekOf(g.date)) ?? 0) + 1);
  return dates.filter((d) => (perWeek.get(weekOf(d)) ?? 0) >= maxPerWeek || elsewhere.some((g) => Math.abs(dayIndex(d) - dayIndex(g.date)) <= minDaysBetween));
};

/**
 * Weeks where a resident's guardias in this roster and in other published rosters together pass
 * the weekly maximum; each violation names the other rosters that week.
 */
export function weeklyOverElsewhere(assignments: readonly Assignment[], elsewhere: ReadonlyMap<number, readonly GuardElsewhere[]>, maxPerWeek: number, names: ReadonlyMap<number, string>): Violation[] {
  const out: Violation[] = [];
  const mine = new Map<string, string[]>();
  for (const a of assignments) mine.set(`${a.residentId}|${weekOf(a.date)}`, [...(mine.get(`${a.residentId}|${weekOf(a.date)}`) ?? []), a.date]);
  for (const [key, dates] of mine) {
    const [id, week] = key.split('|').map(Number) as [number, number];
    const others = (elsewhere.get(id) ?? []).filter((g) => weekOf(g.date) === week);
    if (!others.length || dates.length + others.length <= maxPerWeek) continue;
    const labels = [...new Set(others.map((g) => g.label))].join('; ');
    out.push({
      rule: 'weekly_guards', residentId: id, dates: [...dates, ...others.map((g) => g.date)].sort(),
      message: `${names.get(id) ?? `El residente ${id}`} tendría ${dates.length + others.length} guardias la semana del ${[...dates, ...others.map((g) => g.date)].sort()[0]} contando el rol publicado de ${labels}; la norma permite a lo más ${maxPerWeek}.`,
    });
  }
  return out;
}

const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};

/**
 * A roster's guardias that collide with the same residents' guardias in other published rosters:
 * the same day (no resident is on two guardias at once), closer than the minimum free days, or more
 * guardias in a week than the rule allows.
 */
export async function collisionsElsewhere(db: Db, roster: Place, instance: RosterInstance, assignments: readonly Assignment[]): Promise<Violation[]> {
  const ids = [...new Set(assignments.map((a) => a.residentId))];
  const busy = await publishedGuardsOf(db, ids, shiftMonth(roster.month, -1), shiftMonth(roster.month, 1));
  const min = instance.params.minDaysBetween;
  const names = new Map(instance.residents.map((r) => [r.id, r.name]));
  const others = new Map(ids.map((id) => [id, otherRosters(busy.get(id), roster)]));
  const out: Violation[] = [];
  for (const a of assignments) {
    const name = names.get(a.residentId) ?? `El residente ${a.residentId}`;
    for (const g of others.get(a.residentId) ?? []) {
      const free = Math.abs(dayIndex(a.date) - dayIndex(g.date)) - 1;
      if (g.date === a.date)
        out.push({ rule: 'same_day', residentId: a.residentId, dates: [a.date], message: `${name} ya tiene guardia el ${g.date} en el rol publicado de ${g.label}; no puede estar en dos guardias el mismo día.` });
      else if (free < min) {
        const [first, second] = [a.date, g.date].sort() as [string, string];
        out.push({ rule: 'spacing', residentId: a.residentId, dates: [first, second], message: `${name}: entre la guardia del ${a.date} y la del ${g.date} en el rol publicado de ${g.label} hay ${free} días libres; la norma exige al menos ${min}.` });
      }
    }
  }
  out.push(...weeklyOverElsewhere(assignments, others, instance.params.maxGuardsPerWeek, names));
  return out;
}
