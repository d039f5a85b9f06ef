import { mondayOf, type RosterInstance, type RosterResident } from './instance.ts';
import { residentWeeks } from './resident-weeks.ts';

/** `guardDates` are the roster's own guardias in the window; `elsewhere` the labels of the other rosters whose guardias it counts. */
export type HourWindow = { lastWeek: string; weeks: number; average: number; exceeds: boolean; guardDates: string[]; elsewhere: string[]; message: string };

/**
 * The windows the weekly-hours limit (NOM-001-SSA-2023: 80 h a week including the jornada,
 * averaged) is checked over, for one resident. Every calendar week counts its jornada hours (weekdays
 * present, less the rest day after a guardia when rest is due) plus its guardias, whether or not it
 * has one, and the resident's guardias in other published rosters on days of the month count as
 * theirs (a resident works one week, whichever roster a guardia is in); hours of earlier weeks come
 * from `priorWeekHours`. A window is the `averagingWeeks`
 * weeks ending at a week of the month, checked when all of them are known, and at the month's last
 * week over the known ones. Weeks the month only partly covers weigh by their days (a two-day week
 * is 2/7 of a week), so a short edge week neither hides nor inflates the average. Only windows
 * holding a guardia of this roster can be exceeded: earlier weeks or another roster's guardias
 * over the limit on their own do not block a roster that adds nothing to them.
 */
export function weeklyHourWindows(instance: RosterInstance, r: RosterResident, guardDates: readonly string[]): HourWindow[] {
  const p = instance.params;
  if (p.maxWeeklyHours === null) return [];
  const size = Math.max(1, p.averagingWeeks);
  const weeks = new Map(residentWeeks(instance, r, guardDates).map((w) => [w.week, w]));
  const monthWeeks = [...weeks.values()].filter((w) => w.inMonth).map((w) => w.week);
  const prior = (r.priorWeekHours ?? []).length;
  const out: HourWindow[] = [];
  for (const [i, end] of monthWeeks.entries()) {
    const known = [];
    for (let w = end - size + 1; w <= end; w++) {
      const entry = weeks.get(w);
      if (entry) known.push(entry);
    }
    if (known.length < size && i < monthWeeks.length - 1) continue;
    const hours = known.reduce((s, e) => s + e.hours, 0);
    const days = Math.max(7, known.reduce((s, e) => s + e.days, 0));
    const average = (hours * 7) / days;
    const guards = known.flatMap((e) => e.guards);
    // Compared in whole numbers: hours / (days / 7) > max, without rounding at the limit. A window
    // without a guardia of this roster is not this roster's to break: it can only lighten it.
    const exceeds = guards.length > 0 && hours * 7 > (p.maxWeeklyHours as number) * days;
    const elsewhere = [...new Set(known.flatMap((e) => e.counted.map((g) => g.label)))];
    const counting = elsewhere.length ? `, contando el rol publicado de ${elsewhere.join('; ')}` : '';
    const lastWeek = mondayOf(end);
    const message =
      size === 1
        ? `${r.name} suma ${hours} h en la semana del ${lastWeek} (jornada y guardias${counting}); el máximo es ${p.maxWeeklyHours} h.`
        : `${r.name} promedia ${average.toFixed(1)} h por semana en las ${known.length} semanas hasta la del ${lastWeek} (jornada y guardias${prior ? ', con las semanas previas' : ''}${counting}); el máximo promedio es ${p.maxWeeklyHours} h en ${size} semanas.`;
    out.push({ lastWeek, weeks: known.length, average, exceeds, guardDates: guards, elsewhere, message });
  }
  return out;
}
