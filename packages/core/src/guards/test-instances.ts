import { monthDays } from './calendar.ts';
import type { Coverage, RosterInstance, RosterResident } from './instance.ts';
import type { RuleParams } from './rules.ts';

/** IMSS oficio 27-01-2026 over NOM-001-SSA-2023: 2 guardias a week, ABCD, 24 h then rest, 80 h averaged. */
export const IMSS_2026: RuleParams = {
  maxGuardsPerWeek: 2, minDaysBetween: 3, maxContinuousHours: 24, restAfter24h: true, maxWeeklyHours: 80, averagingWeeks: 52,
  jornadaHoursPerDay: 8, weekdayGuardHours: 16, weekendGuardHours: 24,
};

/** A service with `perGrade` residents in each of grades 1..3 for a month, each grade covering one slot a day. */
export function serviceInstance(year: number, month: number, perGrade: number, coverage?: Coverage, params: RuleParams = IMSS_2026): RosterInstance {
  const residents: RosterResident[] = [];
  for (let g = 1; g <= 3; g++) for (let i = 0; i < perGrade; i++) residents.push({ id: g * 1000 + i, name: `R${g}-${i + 1}`, grade: g, unavailable: [] });
  const one = { 1: 1, 2: 1, 3: 1 };
  return { days: monthDays(year, month), residents, coverage: coverage ?? { weekday: one, weekend: one, holiday: one }, params };
}
