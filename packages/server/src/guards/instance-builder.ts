import { type Coverage, monthDays, type RosterInstance, type RosterResident } from '@sirem/core';
import type { Db } from '../db/client.ts';
import { approvedAbsences, dayOffRequests, historyOf, monthRange, presenceInServices, unavailableDays } from './facts.ts';
import { declaredHolidays } from './holidays.ts';
import { effectiveParams } from './rules-service.ts';

/**
 * The facts a month's roster is built from: the days (with official and declared holidays), the
 * residents rotating in the services that month (days outside their rotation or on approved
 * absence are unavailable), the days off they asked for, and the rule set in force. A resident's
 * guardias in every other published roster (any unit or service group) count too (`historyOf`):
 * those around the month, which the solver keeps clear of and counts in the weekly hours; the last
 * one before the month; the cycle's carry-over; and with the jornada the hours of the weeks before
 * the month for the averaged weekly-hours rule.
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
  const history = await historyOf(db, { unitId: input.unitId, groupKey: input.groupKey, month: input.month }, { days, params: p }, ids);
  const dates = days.map((d) => d.date);
  const residentsList: RosterResident[] = [...byResident.entries()].map(([id, r]) => ({
    id, name: r.name, grade: r.grade, unavailable: unavailableDays(dates, r, away, id), requestsOff: requests.get(id) ?? [], ...history.get(id),
  }));
  const instance: RosterInstance = { days, residents: residentsList.sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'es')), coverage: input.coverage, params: p, ruleSet: { code: set.code, name: set.name, overridden: set.overridden } };
  return { instance, ruleSetCode: set.code };
}

/** How many of the days off asked for the roster grants (no guardia that day). */
export function dayOffGranted(instance: RosterInstance, assignments: readonly { date: string; residentId: number }[]) {
  const on = new Set(assignments.map((a) => `${a.residentId}|${a.date}`));
  const asked = instance.residents.flatMap((r) => (r.requestsOff ?? []).map((d) => `${r.id}|${d}`));
  return { requested: asked.length, granted: asked.filter((k) => !on.has(k)).length };
}
