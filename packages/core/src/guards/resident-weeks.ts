import { dayIndex, guardHours, mondayOf, type OtherGuard, type RosterInstance, type RosterResident, weekOf } from './instance.ts';

/**
 * One calendar week of a resident as the weekly rules count it, whichever roster a guardia is in.
 * `hours` (jornada and guardias) are those of the month's days in the week, plus the hours of the
 * days before the 1st when the published rosters tell them (`priorWeekHours`, then `days` is 7);
 * `counted` are the guardias in other published rosters on the month's days, whose hours are in
 * `hours`. `guards` are this roster's guardias and `elsewhere` those in other published rosters
 * anywhere in the calendar week, which all count toward the weekly maximum of guardias.
 */
export type ResidentWeek = {
  week: number;
  monday: string;
  inMonth: boolean;
  hours: number;
  days: number;
  guards: string[];
  elsewhere: OtherGuard[];
  counted: OtherGuard[];
};

/**
 * The resident's weeks: those before the month whose hours are known, then every calendar week the
 * month touches. A weekday counts its jornada unless the resident is away or resting after a
 * guardia (any roster's, or the last one before the month) when rest is due. The weekly-hours rule
 * averages these weeks; the compliance report shows them.
 */
export function residentWeeks(instance: RosterInstance, r: RosterResident, guardDates: readonly string[]): ResidentWeek[] {
  const p = instance.params;
  const away = new Set(r.unavailable);
  const mine = new Set(guardDates);
  const outside = new Map((r.elsewhere ?? []).map((g) => [g.date, g]));
  const after = [...guardDates, ...(r.lastGuardBefore ? [r.lastGuardBefore] : []), ...outside.keys()].map((d) => dayIndex(d) + 1);
  const rest = new Set(p.restAfter24h ? after : []);
  const weeks = new Map<number, ResidentWeek>();
  const blank = (week: number, inMonth: boolean): ResidentWeek => ({ week, monday: mondayOf(week), inMonth, hours: 0, days: 0, guards: [], elsewhere: [], counted: [] });
  const prior = new Set<number>();
  for (const w of r.priorWeekHours ?? []) {
    const week = weekOf(w.week);
    prior.add(week);
    weeks.set(week, { ...blank(week, false), hours: w.hours, days: 7 });
  }
  for (const day of instance.days) {
    const week = weekOf(day.date);
    const entry = weeks.get(week) ?? blank(week, true);
    entry.inMonth = true;
    // A week the prior hours already cover counts as whole; otherwise only the month's days are known.
    if (!prior.has(week)) entry.days++;
    if (day.type === 'weekday' && !away.has(day.date) && !rest.has(dayIndex(day.date))) entry.hours += p.jornadaHoursPerDay;
    if (mine.has(day.date)) {
      entry.hours += guardHours(day, p);
      entry.guards.push(day.date);
    }
    const there = outside.get(day.date);
    if (there) {
      // Counted with the hours of its own roster's day type: that is the guardia the resident did.
      entry.hours += guardHours(there, p);
      entry.counted.push(there);
    }
    weeks.set(week, entry);
  }
  for (const g of outside.values()) weeks.get(weekOf(g.date))?.elsewhere.push(g);
  for (const w of weeks.values()) w.elsewhere.sort((a, b) => a.date.localeCompare(b.date));
  return [...weeks.values()].sort((a, b) => a.week - b.week);
}

/** Guardias a resident has in a week, in this roster and elsewhere: what the weekly maximum is compared with. */
export const guardsInWeek = (w: Pick<ResidentWeek, 'guards' | 'elsewhere'>) => new Set([...w.guards, ...w.elsewhere.map((g) => g.date)]).size;
