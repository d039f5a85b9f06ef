import { elsewhereWindow, type RosterInstance, type RosterResident } from '@sirem/core';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { guardDayOffRequests } from '../db/schema/guards.ts';
import { persons, residents } from '../db/schema/people.ts';
import { absences, rotations } from '../db/schema/rotations.ts';
import { otherRosters, publishedGuardsOf } from './elsewhere.ts';
import { addDays, daysBetween } from './holidays.ts';
import { priorWeekHours, priorWindowStart } from './prior-hours.ts';

export type MonthRange = { year: number; month: number; first: string; last: string };

export const monthRange = (month: string): MonthRange => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { year: y, month: m, first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
};

const eachDay = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

export type Presence = { name: string; grade: number; present: Set<string> };

/** Active residents rotating in the services during the month, with the days they are there. */
export async function presenceInServices(db: Db, serviceIds: number[], range: MonthRange, residentIds?: number[]) {
  const blocks = await db
    .select({ residentId: rotations.residentId, startsOn: rotations.startsOn, endsOn: rotations.endsOn, grade: residents.grade, name: sql<string>`${persons.givenNames} || ' ' || ${persons.firstSurname}` })
    .from(rotations)
    .innerJoin(residents, eq(residents.id, rotations.residentId))
    .innerJoin(persons, eq(persons.id, residents.personId))
    .where(and(
      inArray(rotations.serviceId, serviceIds), lte(rotations.startsOn, range.last), gte(rotations.endsOn, range.first), eq(residents.status, 'activo'),
      residentIds ? inArray(rotations.residentId, residentIds) : undefined,
    ));
  const byResident = new Map<number, Presence>();
  for (const b of blocks) {
    const entry = byResident.get(b.residentId) ?? { name: b.name, grade: b.grade, present: new Set<string>() };
    for (const d of eachDay(b.startsOn > range.first ? b.startsOn : range.first, b.endsOn < range.last ? b.endsOn : range.last)) entry.present.add(d);
    byResident.set(b.residentId, entry);
  }
  return byResident;
}

/** Approved absences of the residents that touch the month. */
export async function approvedAbsences(db: Db, ids: number[], range: Pick<MonthRange, 'first' | 'last'>) {
  if (!ids.length) return [];
  return db.select({ residentId: absences.residentId, startsOn: absences.startsOn, endsOn: absences.endsOn }).from(absences)
    .where(and(inArray(absences.residentId, ids), eq(absences.status, 'aprobada'), lte(absences.startsOn, range.last), gte(absences.endsOn, range.first)));
}

/** The days each resident asked to be free of guardia in the month. */
export async function dayOffRequests(db: Db, ids: number[], range: MonthRange) {
  const out = new Map<number, string[]>();
  if (!ids.length) return out;
  const rows = await db.select({ residentId: guardDayOffRequests.residentId, date: guardDayOffRequests.date }).from(guardDayOffRequests)
    .where(and(inArray(guardDayOffRequests.residentId, ids), gte(guardDayOffRequests.date, range.first), lte(guardDayOffRequests.date, range.last)));
  for (const r of rows) out.set(r.residentId, [...(out.get(r.residentId) ?? []), r.date].sort());
  return out;
}

type Away = Awaited<ReturnType<typeof approvedAbsences>>;

/** Days of the month a resident cannot be on guardia: outside their rotation in the services, or on approved absence. */
export const unavailableDays = (dates: string[], presence: Presence | undefined, away: Away, id: number) =>
  dates.filter((d) => !presence?.present.has(d) || away.some((a) => a.residentId === id && a.startsOn <= d && a.endsOn >= d));

type Place = { unitId: number; groupKey: string; month: string };
export type History = Required<Pick<RosterResident, 'carry' | 'lastGuardBefore' | 'priorWeekHours' | 'elsewhere'>>;

/**
 * What the residents' guardias in the published rosters of every unit and service group (the
 * versions of this roster excluded) say about a month: the cycle's guardias so far for the balance,
 * the last one before the month and the hours of the weeks before it (with the jornada) for the
 * rules across the month boundary, and those in the days that can collide with the month.
 */
export async function historyOf(db: Db, roster: Place, instance: Pick<RosterInstance, 'days' | 'params'>, ids: number[]): Promise<Map<number, History>> {
  const p = instance.params;
  const range = monthRange(roster.month);
  const cycleStart = `${range.month >= 3 ? range.year : range.year - 1}-03-01`;
  const priorStart = priorWindowStart(range.first, p);
  const window = elsewhereWindow(instance.days, p);
  const from = [cycleStart, priorStart, window.from].sort()[0] as string;
  const guards = await publishedGuardsOf(db, ids, from.slice(0, 7), window.to.slice(0, 7));
  const priorDays = await daysBetween(db, roster.unitId, priorStart, range.first);
  const awayBefore = await approvedAbsences(db, ids, { first: priorStart, last: addDays(range.first, -1) });
  return new Map(ids.map((id) => {
    const all = otherRosters(guards.get(id), roster);
    const before = all.filter((g) => g.date < range.first);
    const cycle = all.filter((g) => g.date >= cycleStart && g.date <= range.last);
    return [id, {
      carry: { total: cycle.length, weekend: cycle.filter((g) => g.type === 'weekend').length, holiday: cycle.filter((g) => g.type === 'holiday').length },
      lastGuardBefore: before.at(-1)?.date ?? null,
      priorWeekHours: priorWeekHours(priorDays, before, awayBefore.filter((a) => a.residentId === id), p),
      elsewhere: all.filter((g) => g.date >= window.from && g.date <= window.to).map(({ date, type, rosterId, label }) => ({ date, type, rosterId, label })),
    }];
  }));
}

/**
 * The roster's instance with today's facts: rotations and approved absences are read again, so a
 * vacation approved (or a rotation moved) after the roster was generated is checked before it is
 * published or changed by a swap; and so are the residents' guardias in other published rosters
 * (`historyOf`), so a roster published, or a previous month changed, after this one was generated
 * counts in its checks on the server and in the grid alike. Residents no longer active are
 * unavailable every day.
 */
export async function withCurrentFacts(db: Db, roster: Place & { serviceIds: number[]; instance: unknown }): Promise<RosterInstance> {
  const instance = roster.instance as RosterInstance;
  const range = monthRange(roster.month);
  const ids = instance.residents.map((r) => r.id);
  if (!ids.length) return instance;
  const presence = await presenceInServices(db, roster.serviceIds, range, ids);
  const away = await approvedAbsences(db, ids, range);
  const history = await historyOf(db, roster, instance, ids);
  const dates = instance.days.map((d) => d.date);
  return { ...instance, residents: instance.residents.map((r) => ({ ...r, unavailable: unavailableDays(dates, presence.get(r.id), away, r.id), ...history.get(r.id) })) };
}
