import { dayIndex, monthDays } from '@sirem/core';
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { extraHolidays } from '../db/schema/guards.ts';

/** National declared holidays (no OOAD) and those the unit's own OOAD declared; another OOAD's do not apply here. */
export async function declaredHolidays(db: Db, unitId: number, range: { first: string; last: string }) {
  const [unit] = await db.select({ ooadId: units.ooadId }).from(units).where(eq(units.id, unitId));
  const rows = await db.select({ date: extraHolidays.date }).from(extraHolidays)
    .where(and(gte(extraHolidays.date, range.first), lte(extraHolidays.date, range.last), unit ? or(isNull(extraHolidays.ooadId), eq(extraHolidays.ooadId, unit.ooadId)) : isNull(extraHolidays.ooadId)));
  return rows.map((h) => h.date);
}

export const addDays = (date: string, n: number) => new Date((dayIndex(date) + n) * 86_400_000).toISOString().slice(0, 10);

/** The calendar (with declared holidays) of the days from `from` up to the day before `until`, the first of a month. */
export async function daysBetween(db: Db, unitId: number, from: string, until: string) {
  if (from >= until) return [];
  const holidays = await declaredHolidays(db, unitId, { first: from, last: until });
  const out = [];
  for (let month = from.slice(0, 7); month < until.slice(0, 7); month = addDays(`${month}-28`, 7).slice(0, 7)) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    out.push(...monthDays(y, m, holidays).filter((d) => d.date >= from && d.date < until));
  }
  return out;
}
