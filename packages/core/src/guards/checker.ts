import { type Assignment, type Day, dayIndex, describeDay, guardHours, mondayOf, type RosterInstance, type RosterResident, weekOf } from './instance.ts';
import { weeklyHourWindows } from './weekly-hours.ts';

export type RuleCode = 'coverage' | 'same_day' | 'absence' | 'spacing' | 'weekly_guards' | 'weekly_hours' | 'continuous_hours' | 'rest_after_24h' | 'unknown_resident';
/** `week` is the Monday of the week a weekly rule was broken in (the last week of an averaging window); `grade` that of a coverage gap. */
export type Violation = { rule: RuleCode; residentId: number | null; dates: string[]; message: string; week?: string; grade?: number };
/** Violations plus how many times each rule was checked, for the per-rule report. */
export type RosterAudit = { violations: Violation[]; checks: Record<RuleCode, number> };

/**
 * Checks a roster against every hard rule, independently of how it was built: the solver's output,
 * a coordinator's edit and a swap request all pass through here, on the browser and on the server.
 * The residents' guardias in other published rosters (`RosterResident.elsewhere`) count in their
 * weekly hours here; the guardias of this roster that collide with them (same day, free days,
 * weekly maximum) are reported by `collisionsWithElsewhere`, and `checkWithElsewhere` runs both.
 */
export function checkRoster(instance: RosterInstance, assignments: readonly Assignment[]): Violation[] {
  return auditRoster(instance, assignments).violations;
}

/** A duty of at least 24 continuous hours: the jornada of a weekday plus its guardia, or a 24-h guardia. */
const continuousHours = (instance: RosterInstance, day: Day, next: Day | undefined, nextAway: boolean) => {
  const p = instance.params;
  const before = day.type === 'weekday' ? p.jornadaHoursPerDay : 0;
  const after = next?.type === 'weekday' && !nextAway && !p.restAfter24h ? p.jornadaHoursPerDay : 0;
  return { duty: before + guardHours(day, p), total: before + guardHours(day, p) + after };
};

export function auditRoster(instance: RosterInstance, assignments: readonly Assignment[]): RosterAudit {
  const { days, residents, coverage, params: p } = instance;
  const violations: Violation[] = [];
  const checks: Record<RuleCode, number> = { coverage: 0, same_day: 0, absence: 0, spacing: 0, weekly_guards: 0, weekly_hours: 0, continuous_hours: 0, rest_after_24h: 0, unknown_resident: assignments.length };
  const byId = new Map(residents.map((r) => [r.id, r]));
  const dayByDate = new Map(days.map((d) => [d.date, d]));
  const dayByIndex = new Map(days.map((d) => [dayIndex(d.date), d]));
  const perResident = new Map<number, string[]>();
  const perDay = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const r = byId.get(a.residentId);
    const day = dayByDate.get(a.date);
    if (!r || !day) {
      violations.push({ rule: 'unknown_resident', residentId: a.residentId, dates: [a.date], message: `La guardia del ${a.date} es de un residente o día fuera de este rol.` });
      continue;
    }
    perDay.set(a.date, [...(perDay.get(a.date) ?? []), a]);
    const list = perResident.get(r.id) ?? [];
    checks.same_day++;
    checks.absence++;
    if (list.includes(a.date)) violations.push({ rule: 'same_day', residentId: r.id, dates: [a.date], message: `${r.name} tiene dos guardias el mismo día (${a.date}).` });
    list.push(a.date);
    perResident.set(r.id, list);
    if (r.unavailable.includes(a.date)) violations.push({ rule: 'absence', residentId: r.id, dates: [a.date], message: `${r.name} está ausente (vacaciones o licencia) el ${describeDay(day)}.` });
  }
  for (const day of days) {
    const need = coverage[day.type] ?? {};
    const today = perDay.get(day.date) ?? [];
    const grades = new Set([...Object.keys(need).map(Number), ...today.map((a) => byId.get(a.residentId)?.grade ?? 0)]);
    for (const grade of [...grades].sort((a, b) => a - b)) {
      if (!grade) continue;
      checks.coverage++;
      const have = today.filter((a) => byId.get(a.residentId)?.grade === grade).length;
      const want = need[grade] ?? 0;
      if (have !== want) violations.push({ rule: 'coverage', residentId: null, dates: [day.date], grade, message: `El ${describeDay(day)} se requieren ${want} R${grade} de guardia y hay ${have}.` });
    }
  }
  const monthWeeks = [...new Set(days.map((d) => weekOf(d.date)))];
  for (const r of residents) {
    const sorted = [...new Set(perResident.get(r.id) ?? [])].sort();
    const outside = new Map((r.elsewhere ?? []).map((g) => [g.date, g]));
    // A last guardia before the month that is one of the guardias elsewhere is collisionsWithElsewhere's
    // to report, naming its roster; counting it here too would report the same break twice.
    const before = r.lastGuardBefore && !outside.has(r.lastGuardBefore) ? r.lastGuardBefore : null;
    checkSpacing(instance, r, before, sorted, violations, checks);
    checkWeeklyGuards(instance, r, before, sorted, monthWeeks, new Set([...outside.keys()].map(weekOf)), violations, checks);
    for (const w of weeklyHourWindows(instance, r, sorted)) {
      checks.weekly_hours++;
      if (w.exceeds) violations.push({ rule: 'weekly_hours', residentId: r.id, dates: w.guardDates, week: w.lastWeek, message: w.message });
    }
    const away = new Set(r.unavailable);
    for (const g of sorted) {
      const day = dayByDate.get(g) as Day;
      const next = dayByIndex.get(dayIndex(g) + 1);
      const { duty, total } = continuousHours(instance, day, next, next ? away.has(next.date) : false);
      if (p.maxContinuousHours !== null) {
        checks.continuous_hours++;
        if (total > p.maxContinuousHours) violations.push({ rule: 'continuous_hours', residentId: r.id, dates: [g], message: `${r.name}: la guardia del ${g} implica ${total} h continuas; el máximo es ${p.maxContinuousHours} h.` });
      }
      if (p.restAfter24h && duty >= 24) {
        checks.rest_after_24h++;
        if (next && sorted.includes(next.date))
          violations.push({ rule: 'rest_after_24h', residentId: r.id, dates: [g, next.date], message: `${r.name}: tras la guardia de ${duty} h del ${g} toca descanso, pero tiene guardia el ${next.date}.` });
      }
    }
    // The duty that ended the previous month is not known here: taken as 24 h, the safe side.
    const first = days[0];
    if (p.restAfter24h && first && r.lastGuardBefore && dayIndex(r.lastGuardBefore) === dayIndex(first.date) - 1) {
      checks.rest_after_24h++;
      const there = outside.get(r.lastGuardBefore);
      if (sorted.includes(first.date))
        violations.push({ rule: 'rest_after_24h', residentId: r.id, dates: [r.lastGuardBefore, first.date], message: `${r.name}: tras la guardia del ${r.lastGuardBefore}${there ? ` en el rol publicado de ${there.label}` : ''} toca descanso, pero tiene guardia el ${first.date}.` });
    }
  }
  return { violations, checks };
}

function checkSpacing(instance: RosterInstance, r: RosterResident, before: string | null, sorted: string[], violations: Violation[], checks: RosterAudit['checks']) {
  const min = instance.params.minDaysBetween;
  const chain = before ? [before, ...sorted] : sorted;
  for (let i = 1; i < chain.length; i++) {
    checks.spacing++;
    const free = dayIndex(chain[i] as string) - dayIndex(chain[i - 1] as string) - 1;
    if (free < min)
      violations.push({ rule: 'spacing', residentId: r.id, dates: [chain[i - 1] as string, chain[i] as string], message: `${r.name}: entre las guardias del ${chain[i - 1]} y del ${chain[i]} hay ${free} días libres; la norma exige al menos ${min}.` });
  }
}

/** Weeks with guardias in other rosters (`weeksElsewhere`) are collisionsWithElsewhere's to count, naming the roster. */
function checkWeeklyGuards(instance: RosterInstance, r: RosterResident, before: string | null, sorted: string[], monthWeeks: number[], weeksElsewhere: Set<number>, violations: Violation[], checks: RosterAudit['checks']) {
  const max = instance.params.maxGuardsPerWeek;
  // The last guardia of the previous month still counts in the week the month starts in.
  const all = before ? [before, ...sorted] : sorted;
  for (const week of monthWeeks) {
    checks.weekly_guards++;
    if (weeksElsewhere.has(week)) continue;
    const list = all.filter((d) => weekOf(d) === week);
    if (list.length > max)
      violations.push({ rule: 'weekly_guards', residentId: r.id, dates: list, week: mondayOf(week), message: `${r.name} tiene ${list.length} guardias en la semana del ${mondayOf(week)}; el máximo es ${max}.` });
  }
}
