import { type Coverage, monthDays, type RosterInstance, type RosterResident } from '@sirem/core';
import { and, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { extraHolidays, rosters } from '../db/schema/guards.ts';
import { effectiveParams } from './rules-service.ts';
import { persons, residents } from '../db/schema/people.ts';
import { absences, rotations } from '../db/schema/rotations.ts';

export const monthRange = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { year: y, month: m, first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
};
const eachDay = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/**
 * The facts a month's roster is built from: the days (with official and declared holidays), the
 * residents rotating in the services that month (days outside their rotation or on approved
 * absence are unavailable), their guardias so far this cycle, and the rule set in force.
 */
export async function buildInstance(db: Db, input: { unitId: number; serviceIds: number[]; groupKey: string; month: string; coverage: Coverage }) {
  const range = monthRange(input.month);
  const set = await effectiveParams(db, range.first, { ooadId: null, unitId: input.unitId });
  const holidays = (await db.select({ date: extraHolidays.date }).from(extraHolidays).where(and(gte(extraHolidays.date, range.first), lte(extraHolidays.date, range.last)))).map((h) => h.date);
  const days = monthDays(range.year, range.month, holidays);
  const blocks = await db
    .select({ residentId: rotations.residentId, startsOn: rotations.startsOn, endsOn: rotations.endsOn, grade: residents.grade, status: residents.status, name: sql<string>`${persons.givenNames} || ' ' || ${persons.firstSurname}` })
    .from(rotations)
    .innerJoin(residents, eq(residents.id, rotations.residentId))
    .innerJoin(persons, eq(persons.id, residents.personId))
    .where(and(inArray(rotations.serviceId, input.serviceIds), lte(rotations.startsOn, range.last), gte(rotations.endsOn, range.first), eq(residents.status, 'activo')));
  const byResident = new Map<number, { name: string; grade: number; present: Set<string> }>();
  for (const b of blocks) {
    const entry = byResident.get(b.residentId) ?? { name: b.name, grade: b.grade, present: new Set<string>() };
    for (const d of eachDay(b.startsOn > range.first ? b.startsOn : range.first, b.endsOn < range.last ? b.endsOn : range.last)) entry.present.add(d);
    byResident.set(b.residentId, entry);
  }
  const ids = [...byResident.keys()];
  const away = ids.length
    ? await db.select().from(absences).where(and(inArray(absences.residentId, ids), eq(absences.status, 'aprobada'), lte(absences.startsOn, range.last), gte(absences.endsOn, range.first)))
    : [];
  const earlier = await db
    .select({ assignments: rosters.assignments, instance: rosters.instance })
    .from(rosters)
    .where(and(eq(rosters.unitId, input.unitId), eq(rosters.groupKey, input.groupKey), eq(rosters.status, 'published'), lt(rosters.month, input.month), gte(rosters.month, `${range.month >= 3 ? range.year : range.year - 1}-03`)));
  const typeOf = new Map<string, string>();
  for (const r of earlier) for (const d of (r.instance as RosterInstance).days) typeOf.set(d.date, d.type);
  const residentsList: RosterResident[] = [...byResident.entries()].map(([id, r]) => {
    const mine = earlier.flatMap((e) => (e.assignments as { date: string; residentId: number }[]).filter((a) => a.residentId === id).map((a) => a.date)).sort();
    return {
      id,
      name: r.name,
      grade: r.grade,
      unavailable: days.map((d) => d.date).filter((d) => !r.present.has(d) || away.some((a) => a.residentId === id && a.startsOn <= d && a.endsOn >= d)),
      carry: { total: mine.length, weekend: mine.filter((d) => typeOf.get(d) === 'weekend').length, holiday: mine.filter((d) => typeOf.get(d) === 'holiday').length },
      lastGuardBefore: mine.at(-1) ?? null,
    };
  });
  const instance: RosterInstance = { days, residents: residentsList.sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'es')), coverage: input.coverage, params: set.params };
  return { instance, ruleSetCode: set.code };
}
