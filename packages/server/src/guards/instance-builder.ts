import { type Coverage, monthDays, type RosterInstance, type RosterResident } from '@sirem/core';
import { and, eq, gte, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { extraHolidays, rosters } from '../db/schema/guards.ts';
import { approvedAbsences, dayOffRequests, monthRange, presenceInServices, unavailableDays } from './facts.ts';
import { effectiveParams } from './rules-service.ts';

/** National declared holidays (no OOAD) and those the unit's own OOAD declared; another OOAD's do not apply here. */
async function declaredHolidays(db: Db, unitId: number, range: { first: string; last: string }) {
  const [unit] = await db.select({ ooadId: units.ooadId }).from(units).where(eq(units.id, unitId));
  const rows = await db.select({ date: extraHolidays.date }).from(extraHolidays)
    .where(and(gte(extraHolidays.date, range.first), lte(extraHolidays.date, range.last), unit ? or(isNull(extraHolidays.ooadId), eq(extraHolidays.ooadId, unit.ooadId)) : isNull(extraHolidays.ooadId)));
  return rows.map((h) => h.date);
}

/**
 * The facts a month's roster is built from: the days (with official and declared holidays), the
 * residents rotating in the services that month (days outside their rotation or on approved
 * absence are unavailable), the days off they asked for, their guardias so far this cycle, and
 * the rule set in force.
 */
export async function buildInstance(db: Db, input: { unitId: number; serviceIds: number[]; groupKey: string; month: string; coverage: Coverage }) {
  const range = monthRange(input.month);
  const set = await effectiveParams(db, range.first, { ooadId: null, unitId: input.unitId });
  const days = monthDays(range.year, range.month, await declaredHolidays(db, input.unitId, range));
  const byResident = await presenceInServices(db, input.serviceIds, range);
  const ids = [...byResident.keys()];
  const away = await approvedAbsences(db, ids, range);
  const requests = await dayOffRequests(db, ids, range);
  const earlier = await db
    .select({ assignments: rosters.assignments, instance: rosters.instance })
    .from(rosters)
    .where(and(eq(rosters.unitId, input.unitId), eq(rosters.groupKey, input.groupKey), eq(rosters.status, 'published'), lt(rosters.month, input.month), gte(rosters.month, `${range.month >= 3 ? range.year : range.year - 1}-03`)));
  const typeOf = new Map<string, string>();
  for (const r of earlier) for (const d of (r.instance as RosterInstance).days) typeOf.set(d.date, d.type);
  const dates = days.map((d) => d.date);
  const residentsList: RosterResident[] = [...byResident.entries()].map(([id, r]) => {
    const mine = earlier.flatMap((e) => (e.assignments as { date: string; residentId: number }[]).filter((a) => a.residentId === id).map((a) => a.date)).sort();
    return {
      id,
      name: r.name,
      grade: r.grade,
      unavailable: unavailableDays(dates, r, away, id),
      requestsOff: requests.get(id) ?? [],
      carry: { total: mine.length, weekend: mine.filter((d) => typeOf.get(d) === 'weekend').length, holiday: mine.filter((d) => typeOf.get(d) === 'holiday').length },
      lastGuardBefore: mine.at(-1) ?? null,
    };
  });
  const instance: RosterInstance = { days, residents: residentsList.sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'es')), coverage: input.coverage, params: set.params, ruleSet: { code: set.code, name: set.name, overridden: set.overridden } };
  return { instance, ruleSetCode: set.code };
}

/** How many of the days off asked for the roster grants (no guardia that day). */
export function dayOffGranted(instance: RosterInstance, assignments: readonly { date: string; residentId: number }[]) {
  const on = new Set(assignments.map((a) => `${a.residentId}|${a.date}`));
  const asked = instance.residents.flatMap((r) => (r.requestsOff ?? []).map((d) => `${r.id}|${d}`));
  return { requested: asked.length, granted: asked.filter((k) => !on.has(k)).length };
}
