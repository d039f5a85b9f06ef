import { type Coverage, dayIndex, monthDays, type RosterInstance, type RosterResident } from '@sirem/core';
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { extraHolidays } from '../db/schema/guards.ts';
import { blockedByElsewhere, otherRosters, publishedGuardsOf } from './elsewhere.ts';
import { approvedAbsences, dayOffRequests, monthRange, presenceInServices, unavailableDays } from './facts.ts';
import { priorWeekHours, priorWindowStart } from './prior-hours.ts';
import { effectiveParams } from './rules-service.ts';

/** National declared holidays (no OOAD) and those the unit's own OOAD declared; another OOAD's do not apply here. */
async function declaredHolidays(db: Db, unitId: number, range: { first: string; last: string }) {
  const [unit] = await db.select({ ooadId: units.ooadId }).from(units).where(eq(units.id, unitId));
  const rows = await db.select({ date: extraHolidays.date }).from(extraHolidays)
    .where(and(gte(extraHolidays.date, range.first), lte(extraHolidays.date, range.last), unit ? or(isNull(extraHolidays.ooadId), eq(extraHolidays.ooadId, unit.ooadId)) : isNull(extraHolidays.ooadId)));
  return rows.map((h) => h.date);
}

const addDays = (date: string, n: number) => new Date((dayIndex(date) + n) * 86_400_000).toISOString().slice(0, 10);

/** The calendar (with declared holidays) of the days from `from` up to the day before `until`. */
async function daysBetween(db: Db, unitId: number, from: string, until: string) {
  if (from >= until) return [];
  const holidays = await declaredHolidays(db, unitId, { first: from, last: until });
  const out = [];
  for (let month = from.slice(0, 7); month < until.slice(0, 7); month = addDays(`${month}-28`, 7).slice(0, 7)) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    out.push(...monthDays(y, m, holidays).filter((d) => d.date >= from && d.date < until));
  }
  return out;
}

/**
 * The facts a month's roster is built from: the days (with official and declared holidays), the
 * residents rotating in the services that month (days outside their rotation or on approved
 * absence are unavailable), the days off they asked for, and the rule set in force. A resident's
 * guardias in every other published roster (any unit or service group) count too: their days, and
 * those too close to them for the spacing rule, are unavailable; they set the last guardia before
 * the month and the cycle's carry-over; and with the jornada they give the hours of the weeks
 * before the month for the averaged weekly-hours rule.
 */
export async function buildInstance(db: Db, input: { unitId: number; serviceIds: number[]; groupKey: string; month: string; coverage: Coverage }) {
  const range = monthRange(input.month);
  const set = await effectiveParams(db, range.first, { ooadId: null, unitId: input.unitId });
  const p = set.params;
  const days = monthDays(range.year, range.month, await declaredHolidays(db, input.unitId, range));
  const byResident = await presenceInServices(db, input.serviceIds, range);
  const ids = [...byResident.keys()];
  const away = await approvedAbsences(db, ids, range);
  const requests = await dayOffRequests(db, ids, range);
  const cycleStart = `${range.month >= 3 ? range.year : range.year - 1}-03-01`;
  const priorStart = priorWindowStart(range.first, p);
  const lookBack = priorStart < cycleStart ? priorStart : cycleStart;
  const nextMonth = addDays(range.last, 1).slice(0, 7);
  const guards = await publishedGuardsOf(db, ids, lookBack.slice(0, 7), nextMonth);
  const priorDays = await daysBetween(db, input.unitId, priorStart, range.first);
  const awayBefore = await approvedAbsences(db, ids, { first: priorStart, last: addDays(range.first, -1) });
  const place = { unitId: input.unitId, groupKey: input.groupKey, month: input.month };
  const dates = days.map((d) => d.date);
  const residentsList: RosterResident[] = [...byResident.entries()].map(([id, r]) => {
    const all = otherRosters(guards.get(id), place);
    const cycle = all.filter((g) => g.date >= cycleStart && g.date <= range.last);
    const blocked = new Set([...unavailableDays(dates, r, away, id), ...blockedByElsewhere(dates, all, p.minDaysBetween, p.maxGuardsPerWeek)]);
    return {
      id,
      name: r.name,
      grade: r.grade,
      unavailable: dates.filter((d) => blocked.has(d)),
      requestsOff: requests.get(id) ?? [],
      carry: { total: cycle.length, weekend: cycle.filter((g) => g.type === 'weekend').length, holiday: cycle.filter((g) => g.type === 'holiday').length },
      lastGuardBefore: all.filter((g) => g.date < range.first).at(-1)?.date ?? null,
      priorWeekHours: priorWeekHours(priorDays, all.filter((g) => g.date < range.first), awayBefore.filter((a) => a.residentId === id), p),
    };
  });
  const instance: RosterInstance = { days, residents: residentsList.sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'es')), coverage: input.coverage, params: p, ruleSet: { code: set.code, name: set.name, overridden: set.overridden } };
  return { instance, ruleSetCode: set.code };
}

/** How many of the days off asked for the roster grants (no guardia that day). */
export function dayOffGranted(instance: RosterInstance, assignments: readonly { date: string; residentId: number }[]) {
  const on = new Set(assignments.map((a) => `${a.residentId}|${a.date}`));
  const asked = instance.residents.flatMap((r) => (r.requestsOff ?? []).map((d) => `${r.id}|${d}`));
  return { requested: asked.length, granted: asked.filter((k) => !on.has(k)).length };
}
