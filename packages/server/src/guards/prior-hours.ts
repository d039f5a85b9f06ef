import { dayIndex, guardHours, mondayOf, type RuleParams, weekOf } from '@sirem/core';
import type { GuardElsewhere } from './elsewhere.ts';

type PriorDay = { date: string; type: 'weekday' | 'weekend' | 'holiday' };

/** The first day of the weeks the averaged weekly-hours rule looks back over from a month's first day. */
export const priorWindowStart = (first: string, p: RuleParams) => mondayOf(weekOf(first) - Math.max(1, p.averagingWeeks) + 1);

/**
 * Hours a resident worked in the weeks before the month, counted as the checker counts the month
 * (weekly-hours.ts): the jornada of every weekday not on approved absence and not the rest day
 * after a guardia when rest is due, plus each guardia's hours by day type. Only weeks whose every
 * day before the 1st falls in a month the resident had published guardias in are known; the rest
 * stay out of the average.
 */
export function priorWeekHours(days: readonly PriorDay[], guards: readonly GuardElsewhere[], away: readonly { startsOn: string; endsOn: string }[], p: RuleParams) {
  if (p.maxWeeklyHours === null) return [];
  const knownMonths = new Set(guards.map((g) => g.month));
  const guardOn = new Map(guards.map((g) => [g.date, g]));
  const restOn = new Set(p.restAfter24h ? guards.map((g) => dayIndex(g.date) + 1) : []);
  const weeks = new Map<number, { hours: number; known: boolean }>();
  for (const day of days) {
    const week = weekOf(day.date);
    const entry = weeks.get(week) ?? { hours: 0, known: true };
    entry.known &&= knownMonths.has(day.date.slice(0, 7));
    const absent = away.some((a) => a.startsOn <= day.date && a.endsOn >= day.date);
    if (day.type === 'weekday' && !absent && !restOn.has(dayIndex(day.date))) entry.hours += p.jornadaHoursPerDay;
    const guard = guardOn.get(day.date);
    if (guard) entry.hours += guardHours({ type: guard.type as PriorDay['type'] }, p);
    weeks.set(week, entry);
  }
  return [...weeks.entries()].filter(([, e]) => e.known).sort(([a], [b]) => a - b).map(([week, e]) => ({ week: mondayOf(week), hours: e.hours }));
}
