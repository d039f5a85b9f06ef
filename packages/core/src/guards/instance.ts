import type { DayType } from './calendar.ts';
import type { RuleParams } from './rules.ts';

export type Day = { date: string; type: DayType; weekday: number; holiday?: string };
export type RosterResident = {
  id: number;
  name: string;
  grade: number;
  /** Dates the resident is absent (vacation, leave…): no guardia possible. */
  unavailable: readonly string[];
  /** Days off the resident asked for: avoided when possible (soft). */
  requestsOff?: readonly string[];
  /** Guardias already done this cycle, so balance carries over months. */
  carry?: { total: number; weekend: number; holiday: number };
  /** The last guardia before this month, for the spacing rule across the month boundary. */
  lastGuardBefore?: string | null;
  /**
   * Hours worked (jornada and guardias) in the calendar weeks before this month, for the averaged
   * weekly-hours rule: `week` is the Monday of the week; for the week the month starts in, only the
   * days before the 1st. Weeks not listed are unknown and left out of the average.
   */
  priorWeekHours?: readonly { week: string; hours: number }[];
  /**
   * The resident's guardias in other published rosters in the days that can collide with this
   * month (see `elsewhereWindow`), read with the roster's other facts. The weekly-hours rule counts
   * those inside the month; collisions with them are `collisionsWithElsewhere`'s to report.
   */
  elsewhere?: readonly OtherGuard[];
};
/** A guardia in another published roster: the day type it had there, and a label naming that roster (unit, services, month). */
export type OtherGuard = { date: string; type: DayType; rosterId: number; label: string };
/** Residents needed per grade, by day type: e.g. { weekday: { 1: 2, 3: 1 } }. */
export type Coverage = Record<DayType, Record<number, number>>;
/** Where the parameters came from, cited in the per-rule report; `overridden` are the ones the institution made stricter. */
export type RuleSource = { code: string; name: string; overridden?: readonly string[] };
export type RosterInstance = { days: Day[]; residents: RosterResident[]; coverage: Coverage; params: RuleParams; ruleSet?: RuleSource };
export type Assignment = { date: string; residentId: number };

export const dayIndex = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
/** Monday-based week key, so weekly limits follow the calendar week. */
export const weekOf = (date: string) => Math.floor((dayIndex(date) + 3) / 7);
/** The Monday (ISO date) of a week key from `weekOf`. */
export const mondayOf = (week: number) => new Date((week * 7 - 3) * 86_400_000).toISOString().slice(0, 10);
export const guardHours = (day: Pick<Day, 'type'>, p: RuleParams) => (day.type === 'weekday' ? p.weekdayGuardHours : p.weekendGuardHours);

const DAY_NAMES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
export const describeDay = (d: Day) => `${DAY_NAMES[d.weekday]} ${d.date.slice(8, 10)}/${d.date.slice(5, 7)}${d.holiday ? ` (${d.holiday})` : ''}`;
