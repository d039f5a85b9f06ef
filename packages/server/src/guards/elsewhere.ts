import { type Assignment, collisionsWithElsewhere, elsewhereOf, elsewhereWindow, type GuardElsewhere as CoreGuardElsewhere, type RosterInstance, type Violation } from '@sirem/core';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { rosters } from '../db/schema/guards.ts';
import { clinicalServices } from '../db/schema/rotations.ts';

/** One guardia of a resident in a published roster, with where it is (to tell this roster's own versions apart). */
export type GuardElsewhere = CoreGuardElsewhere & { unitId: number; groupKey: string; month: string };
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
      // Written as the index is (status literal, same expression), so the planner can use it.
      sql`${rosters.status} = 'published'`, gte(rosters.month, fromMonth), lte(rosters.month, toMonth),
      sql`roster_resident_ids(${rosters.assignments}) && ${`{${ids.join(',')}}`}::int[]`,
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
      list.push({ residentId: a.residentId, date: a.date, type: types.get(a.date) ?? 'weekday', rosterId: r.id, unitId: r.unitId, groupKey: r.groupKey, month: r.month, label });
      out.set(a.residentId, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return out;
}

/** Guardias in rosters other than the versions of this one (same unit, service group and month). */
export const otherRosters = (list: readonly GuardElsewhere[] | undefined, place: Place) => (list ?? []).filter((g) => !sameRoster(g, place));

const monthOf = (date: string) => date.slice(0, 7);

/**
 * The guardias the roster's residents hold in other published rosters, in the days around its
 * month that can collide with it (core `elsewhereWindow`).
 */
export async function guardsAroundRoster(db: Db, roster: Place, instance: RosterInstance, ids: readonly number[]): Promise<GuardElsewhere[]> {
  const window = elsewhereWindow(instance.days, instance.params);
  const busy = await publishedGuardsOf(db, [...new Set(ids)], monthOf(window.from), monthOf(window.to));
  return [...busy.values()].flatMap((list) => otherRosters(list, roster)).filter((g) => g.date >= window.from && g.date <= window.to);
}

/**
 * A roster's guardias that collide with the same residents' guardias in other published rosters
 * (core `collisionsWithElsewhere`): those the instance carries when it was read with today's facts
 * (`withCurrentFacts`), the same ones its weekly hours counted; otherwise they are read now.
 */
export async function collisionsElsewhere(db: Db, roster: Place, instance: RosterInstance, assignments: readonly Assignment[]): Promise<Violation[]> {
  const carried = instance.residents.every((r) => r.elsewhere);
  const guards = carried ? elsewhereOf(instance) : await guardsAroundRoster(db, roster, instance, assignments.map((a) => a.residentId));
  return collisionsWithElsewhere(instance, assignments, guards);
}
