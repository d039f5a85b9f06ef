import { type Assignment, dayIndex, describeDay, guardHours, type RosterInstance, weekOf } from './instance.ts';

export type RuleCode = 'coverage' | 'same_day' | 'absence' | 'spacing' | 'weekly_guards' | 'weekly_hours' | 'continuous_hours' | 'unknown_resident';
export type Violation = { rule: RuleCode; residentId: number | null; dates: string[]; message: string };

/**
 * Checks a roster against every hard rule, independently of how it was built: the solver's output,
 * a coordinator's edit and a swap request all pass through here, on the browser and on the server.
 */
export function checkRoster(instance: RosterInstance, assignments: readonly Assignment[]): Violation[] {
  const { days, residents, coverage, params: p } = instance;
  const violations: Violation[] = [];
  const byId = new Map(residents.map((r) => [r.id, r]));
  const dayByDate = new Map(days.map((d) => [d.date, d]));
  const perResident = new Map<number, string[]>();
  for (const a of assignments) {
    const r = byId.get(a.residentId);
    if (!r || !dayByDate.has(a.date)) {
      violations.push({ rule: 'unknown_resident', residentId: a.residentId, dates: [a.date], message: `La guardia del ${a.date} es de un residente o día fuera de este rol.` });
      continue;
    }
    const list = perResident.get(r.id) ?? [];
    if (list.includes(a.date)) violations.push({ rule: 'same_day', residentId: r.id, dates: [a.date], message: `${r.name} tiene dos guardias el mismo día (${a.date}).` });
    list.push(a.date);
    perResident.set(r.id, list);
    if (r.unavailable.includes(a.date)) violations.push({ rule: 'absence', residentId: r.id, dates: [a.date], message: `${r.name} está ausente (vacaciones o licencia) el ${describeDay(dayByDate.get(a.date) as never)}.` });
  }
  for (const day of days) {
    const need = coverage[day.type] ?? {};
    const grades = new Set([...Object.keys(need).map(Number), ...assignments.filter((a) => a.date === day.date).map((a) => byId.get(a.residentId)?.grade ?? 0)]);
    for (const grade of grades) {
      if (!grade) continue;
      const have = assignments.filter((a) => a.date === day.date && byId.get(a.residentId)?.grade === grade).length;
      const want = need[grade] ?? 0;
      if (have !== want)
        violations.push({ rule: 'coverage', residentId: null, dates: [day.date], message: `El ${describeDay(day)} se requieren ${want} R${grade} de guardia y hay ${have}.` });
    }
  }
  for (const [id, dates] of perResident) {
    const r = byId.get(id);
    if (!r) continue;
    const sorted = [...new Set(dates)].sort();
    const chain = r.lastGuardBefore ? [r.lastGuardBefore, ...sorted] : sorted;
    for (let i = 1; i < chain.length; i++) {
      const free = dayIndex(chain[i] as string) - dayIndex(chain[i - 1] as string) - 1;
      if (free < p.minDaysBetween)
        violations.push({ rule: 'spacing', residentId: id, dates: [chain[i - 1] as string, chain[i] as string], message: `${r.name}: entre las guardias del ${chain[i - 1]} y del ${chain[i]} hay ${free} días libres; la norma exige al menos ${p.minDaysBetween}.` });
    }
    const weeks = new Map<number, string[]>();
    for (const d of sorted) weeks.set(weekOf(d), [...(weeks.get(weekOf(d)) ?? []), d]);
    const weeklyHours: number[] = [];
    for (const [week, list] of weeks) {
      if (list.length > p.maxGuardsPerWeek)
        violations.push({ rule: 'weekly_guards', residentId: id, dates: list, message: `${r.name} tiene ${list.length} guardias en la semana del ${list[0]}; el máximo es ${p.maxGuardsPerWeek}.` });
      const weekDays = days.filter((d) => weekOf(d.date) === week);
      const restDays = new Set(p.restAfter24h ? list.flatMap((g) => days.filter((d) => dayIndex(d.date) === dayIndex(g) + 1).map((d) => d.date)) : []);
      const jornada = weekDays.filter((d) => d.type === 'weekday' && !restDays.has(d.date) && !r.unavailable.includes(d.date)).length * p.jornadaHoursPerDay;
      const hours = jornada + list.reduce((s, g) => s + guardHours(dayByDate.get(g) as never, p), 0);
      weeklyHours.push(hours);
      if (p.maxWeeklyHours !== null && p.averagingWeeks <= 1 && hours > p.maxWeeklyHours)
        violations.push({ rule: 'weekly_hours', residentId: id, dates: list, message: `${r.name} suma ${hours} h en la semana del ${list[0]} (jornada y guardias); el máximo es ${p.maxWeeklyHours} h.` });
    }
    if (p.maxWeeklyHours !== null && p.averagingWeeks > 1 && weeklyHours.length) {
      const fullWeeks = Math.max(1, Math.round(days.length / 7));
      const avg = weeklyHours.reduce((s, h) => s + h, 0) / fullWeeks;
      if (avg > p.maxWeeklyHours)
        violations.push({ rule: 'weekly_hours', residentId: id, dates: sorted, message: `${r.name} promedia ${avg.toFixed(1)} h por semana en el mes; el máximo promedio es ${p.maxWeeklyHours} h.` });
    }
    if (p.maxContinuousHours !== null) {
      for (const g of sorted) {
        const day = dayByDate.get(g);
        if (!day) continue;
        const next = days.find((d) => dayIndex(d.date) === dayIndex(g) + 1);
        const continuous = (day.type === 'weekday' ? p.jornadaHoursPerDay : 0) + guardHours(day, p) + (next && next.type === 'weekday' && !p.restAfter24h ? p.jornadaHoursPerDay : 0);
        if (continuous > p.maxContinuousHours)
          violations.push({ rule: 'continuous_hours', residentId: id, dates: [g], message: `${r.name}: la guardia del ${g} implica ${continuous} h continuas; el máximo es ${p.maxContinuousHours} h.` });
      }
    }
  }
  return violations;
}
