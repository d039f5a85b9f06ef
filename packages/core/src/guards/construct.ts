import { type Assignment, type Day, dayIndex, guardHours, type RosterInstance, type RosterResident, weekOf } from './instance.ts';

/** The personal rule that keeps a present resident off a day, as the solver sees it. */
export type Blocker = 'spacing' | 'weekly_guards' | 'weekly_hours' | 'continuous_hours' | 'rest_after_24h';
/**
 * A day and grade the pass could not cover. `blocked` counts the present residents each rule kept
 * off; `elsewhere` says, of those the free-days rule kept off, how many by a guardia in another
 * published roster (before or after the day), per roster with those guardias' dates, so the explanation can name it.
 */
export type Shortage = {
  date: string; grade: number; needed: number; assigned: number; present: number; message: string;
  blocked?: Partial<Record<Blocker, number>>;
  elsewhere?: { label: string; dates: string[]; n: number }[];
};

type Window = { weeks: number[]; days: number };
type State = {
  dates: number[];
  byWeek: Map<number, number>;
  /** Hours per week so far: jornada of the days present (less rest days), guardias (those elsewhere too), hours carried in. */
  hours: Map<number, number>;
  rest: Set<number>;
  windowsOf: Map<number, Window[]>;
  away: Set<string>;
  total: number;
  weekend: number;
  holiday: number;
};

const dayCache = new WeakMap<readonly Day[], Map<number, Day>>();
/** The day with a given day number, looked up once per instance (the solver asks often). */
export function dayAt(days: readonly Day[], idx: number): Day | undefined {
  let byIndex = dayCache.get(days);
  if (!byIndex) dayCache.set(days, (byIndex = new Map(days.map((d) => [dayIndex(d.date), d]))));
  return byIndex.get(idx);
}

/** The weeks over which weekly hours are averaged: `averagingWeeks` weeks ending at each week of the month. */
function hourWindows(instance: RosterInstance, prior: Set<number>, daysInWeek: Map<number, number>): Map<number, Window[]> {
  const size = Math.max(1, instance.params.averagingWeeks);
  const monthWeeks = [...daysInWeek.keys()].sort((a, b) => a - b);
  const windowsOf = new Map<number, Window[]>();
  monthWeeks.forEach((end, i) => {
    const weeks: number[] = [];
    for (let w = end - size + 1; w <= end; w++) if (prior.has(w) || daysInWeek.has(w)) weeks.push(w);
    if (weeks.length < size && i < monthWeeks.length - 1) return;
    const days = weeks.reduce((s, w) => s + (prior.has(w) ? 7 : (daysInWeek.get(w) ?? 0)), 0);
    const window = { weeks, days: Math.max(7, days) };
    for (const w of weeks) windowsOf.set(w, [...(windowsOf.get(w) ?? []), window]);
  });
  return windowsOf;
}

function initialState(instance: RosterInstance, r: RosterResident, daysInWeek: Map<number, number>): State {
  const p = instance.params;
  const away = new Set(r.unavailable);
  const hours = new Map<number, number>();
  const prior = new Set<number>();
  for (const w of r.priorWeekHours ?? []) {
    prior.add(weekOf(w.week));
    hours.set(weekOf(w.week), w.hours);
  }
  // Guardias outside this roster (the last one before the month, those in other published rosters)
  // bind as this roster's own do: free days around them, their week's count, the rest day after.
  const outside = [...new Set([...(r.lastGuardBefore ? [r.lastGuardBefore] : []), ...(r.elsewhere ?? []).map((g) => g.date)])];
  const rest = new Set<number>(p.restAfter24h ? outside.map((d) => dayIndex(d) + 1) : []);
  for (const d of instance.days) {
    const w = weekOf(d.date);
    if (d.type === 'weekday' && !away.has(d.date) && !rest.has(dayIndex(d.date))) hours.set(w, (hours.get(w) ?? 0) + p.jornadaHoursPerDay);
  }
  // Those inside the month add their hours to its weeks, as the checker counts them.
  for (const g of r.elsewhere ?? []) if (dayAt(instance.days, dayIndex(g.date))) hours.set(weekOf(g.date), (hours.get(weekOf(g.date)) ?? 0) + guardHours(g, p));
  const byWeek = new Map<number, number>();
  for (const d of outside) byWeek.set(weekOf(d), (byWeek.get(weekOf(d)) ?? 0) + 1);
  return {
    dates: outside.map(dayIndex), byWeek, hours, rest, windowsOf: hourWindows(instance, prior, daysInWeek), away,
    total: r.carry?.total ?? 0, weekend: r.carry?.weekend ?? 0, holiday: r.carry?.holiday ?? 0,
  };
}

/** Hours a guardia adds to each week: its own hours, less the jornada of the rest day after it. */
function hourDeltas(instance: RosterInstance, s: State, day: Day, idx: number): [number, number][] {
  const p = instance.params;
  const deltas: [number, number][] = [[weekOf(day.date), guardHours(day, p)]];
  const next = dayAt(instance.days, idx + 1);
  if (p.restAfter24h && next && next.type === 'weekday' && !s.away.has(next.date) && !s.rest.has(idx + 1)) deltas.push([weekOf(next.date), -p.jornadaHoursPerDay]);
  return deltas;
}

const dutyHours = (instance: RosterInstance, day: Day) => (day.type === 'weekday' ? instance.params.jornadaHoursPerDay : 0) + guardHours(day, instance.params);

/** Why a present resident cannot take a guardia on a day, or null when they can. */
export function blocker(instance: RosterInstance, s: State, day: Day, idx: number): Blocker | null {
  const p = instance.params;
  for (const d of s.dates) if (Math.abs(idx - d) - 1 < p.minDaysBetween) return 'spacing';
  if (p.restAfter24h) {
    const prev = dayAt(instance.days, idx - 1);
    if (s.dates.includes(idx - 1) && (!prev || dutyHours(instance, prev) >= 24)) return 'rest_after_24h';
    if (s.dates.includes(idx + 1) && dutyHours(instance, day) >= 24) return 'rest_after_24h';
  }
  if ((s.byWeek.get(weekOf(day.date)) ?? 0) >= p.maxGuardsPerWeek) return 'weekly_guards';
  if (p.maxContinuousHours !== null) {
    const next = dayAt(instance.days, idx + 1);
    const after = next?.type === 'weekday' && !s.away.has(next.date) && !p.restAfter24h ? p.jornadaHoursPerDay : 0;
    if (dutyHours(instance, day) + after > p.maxContinuousHours) return 'continuous_hours';
  }
  if (p.maxWeeklyHours !== null) {
    const deltas = hourDeltas(instance, s, day, idx);
    const change = new Map(deltas);
    const windows = new Set(deltas.flatMap(([w]) => s.windowsOf.get(w) ?? []));
    for (const window of windows) {
      const hours = window.weeks.reduce((sum, w) => sum + (s.hours.get(w) ?? 0) + (change.get(w) ?? 0), 0);
      if (hours * 7 > p.maxWeeklyHours * window.days) return 'weekly_hours';
    }
  }
  return null;
}

function take(instance: RosterInstance, s: State, day: Day, idx: number) {
  for (const [w, h] of hourDeltas(instance, s, day, idx)) s.hours.set(w, (s.hours.get(w) ?? 0) + h);
  if (instance.params.restAfter24h) s.rest.add(idx + 1);
  s.dates.push(idx);
  const week = weekOf(day.date);
  s.byWeek.set(week, (s.byWeek.get(week) ?? 0) + 1);
  s.total++;
  if (day.type === 'weekend') s.weekend++;
  if (day.type === 'holiday') s.holiday++;
}

/** Of the residents the free-days rule keeps off a day, those kept off by a guardia elsewhere (the nearest one), per roster. */
function spacedElsewhere(instance: RosterInstance, spaced: readonly RosterResident[], idx: number): Pick<Shortage, 'elsewhere'> {
  const min = instance.params.minDaysBetween;
  const byRoster = new Map<string, { label: string; dates: string[]; n: number }>();
  for (const r of spaced) {
    const near = (r.elsewhere ?? []).filter((g) => Math.abs(idx - dayIndex(g.date)) - 1 < min).sort((a, b) => Math.abs(idx - dayIndex(a.date)) - Math.abs(idx - dayIndex(b.date)))[0];
    if (!near) continue;
    const entry = byRoster.get(near.label) ?? { label: near.label, dates: [], n: 0 };
    entry.n++;
    if (!entry.dates.includes(near.date)) entry.dates = [...entry.dates, near.date].sort();
    byRoster.set(near.label, entry);
  }
  return byRoster.size ? { elsewhere: [...byRoster.values()] } : {};
}

/**
 * One greedy pass: days in order, each slot to the eligible resident of the grade with the fewest
 * guardias (weekend and holiday counts for those days), avoiding requested days off and residents
 * the next days will need. `noise` randomises the ties, more on later attempts.
 */
export function construct(instance: RosterInstance, random: () => number, noise: number) {
  const daysInWeek = new Map<number, number>();
  for (const d of instance.days) daysInWeek.set(weekOf(d.date), (daysInWeek.get(weekOf(d.date)) ?? 0) + 1);
  const states = new Map(instance.residents.map((r) => [r.id, initialState(instance, r, daysInWeek)]));
  const byGrade = new Map<number, RosterResident[]>();
  for (const r of instance.residents) byGrade.set(r.grade, [...(byGrade.get(r.grade) ?? []), r]);
  const assignments: Assignment[] = [];
  const shortages: Shortage[] = [];
  const days = [...instance.days].sort((a, b) => a.date.localeCompare(b.date));
  const stateOf = (r: RosterResident) => states.get(r.id) as State;
  // How much each grade will need a resident on each coming day: need / people present.
  const pressure = (grade: number, idx: number) => {
    const day = dayAt(instance.days, idx);
    if (!day) return 0;
    const need = instance.coverage[day.type]?.[grade] ?? 0;
    const present = (byGrade.get(grade) ?? []).filter((r) => !stateOf(r).away.has(day.date)).length;
    return need / Math.max(1, present);
  };
  for (const day of days) {
    const idx = dayIndex(day.date);
    for (const [gradeKey, need] of Object.entries(instance.coverage[day.type] ?? {})) {
      const grade = Number(gradeKey);
      if (!need) continue;
      const present = (byGrade.get(grade) ?? []).filter((r) => !stateOf(r).away.has(day.date));
      const blocked: Partial<Record<Blocker, number>> = {};
      const spaced: RosterResident[] = [];
      const pool = present.filter((r) => {
        const why = blocker(instance, stateOf(r), day, idx);
        if (why) blocked[why] = (blocked[why] ?? 0) + 1;
        if (why === 'spacing') spaced.push(r);
        return !why;
      });
      const score = (r: RosterResident) => {
        const s = stateOf(r);
        let v = s.total * 10;
        if (day.type === 'weekend') v += s.weekend * 6;
        if (day.type === 'holiday') v += s.holiday * 6;
        if (r.requestsOff?.includes(day.date)) v += 1000;
        for (let ahead = 1; ahead <= instance.params.minDaysBetween; ahead++) if (!s.away.has(dayAt(instance.days, idx + ahead)?.date ?? '')) v += 4 * pressure(grade, idx + ahead);
        const last = s.dates.length ? idx - Math.max(...s.dates) : 99;
        return v - Math.min(last, 14) * 0.3 + random() * (0.01 + noise * 8);
      };
      const chosen = pool.map((r) => [r, score(r)] as const).sort((a, b) => a[1] - b[1] || a[0].id - b[0].id).slice(0, need);
      for (const [r] of chosen) {
        take(instance, stateOf(r), day, idx);
        assignments.push({ date: day.date, residentId: r.id });
      }
      if (chosen.length < need) shortages.push({ date: day.date, grade, needed: need, assigned: chosen.length, present: present.length, message: '', blocked, ...spacedElsewhere(instance, spaced, idx) });
    }
  }
  return { assignments, shortages };
}
