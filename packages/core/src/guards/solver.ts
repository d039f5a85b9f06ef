import { balance } from './balance.ts';
import { type Violation, checkRoster } from './checker.ts';
import { fairness, type GradeFairness, objective } from './fairness.ts';
import { type Assignment, type Day, dayIndex, describeDay, guardHours, type RosterInstance, type RosterResident, weekOf } from './instance.ts';

export type Shortage = { date: string; grade: number; needed: number; assigned: number; present: number; message: string };
export type RosterResult = {
  status: 'ok' | 'infeasible';
  assignments: Assignment[];
  violations: Violation[];
  shortages: Shortage[];
  /** Why no compliant roster exists, and what to relax, in a coordinator's terms. */
  explanation: string[];
  fairness: GradeFairness[];
  objective: number;
  attempts: number;
};
export type SolveOptions = { seed?: number; attempts?: number; /** Compliant starts to polish before keeping the best. */ polish?: number; onProgress?: (fraction: number) => void };

function rng(seed: number) {
  let a = seed >>> 0 || 1;
  return () => {
    a ^= a << 13;
    a ^= a >>> 17;
    a ^= a << 5;
    return (a >>> 0) / 4294967296;
  };
}

type State = { dates: number[]; byWeek: Map<number, number>; hoursByWeek: Map<number, number>; total: number; weekend: number; holiday: number };

/** Everything the solver tracks per resident while it builds the month, for O(1) feasibility checks. */
function emptyState(r: RosterResident): State {
  return { dates: r.lastGuardBefore ? [dayIndex(r.lastGuardBefore)] : [], byWeek: new Map(), hoursByWeek: new Map(), total: r.carry?.total ?? 0, weekend: r.carry?.weekend ?? 0, holiday: r.carry?.holiday ?? 0 };
}

/**
 * Builds a guard roster: days in order, each slot to the eligible resident of the grade with the
 * fewest guardias (weekend and holiday counts for those days), avoiding requested days off and
 * residents the next days will need; several compliant starts are each polished by local search
 * (moves and swaps between residents of a grade) and the fairest is kept. Deterministic for a seed.
 * Every result is re-checked by the independent checker.
 */
export function solveRoster(instance: RosterInstance, options: SolveOptions = {}): RosterResult {
  const attempts = options.attempts ?? 20;
  const polish = options.polish ?? 6;
  let best: { assignments: Assignment[]; shortages: Shortage[]; score: number } | null = null;
  let used = 0;
  let feasible = 0;
  for (let k = 0; k < attempts && feasible < polish; k++) {
    used = k + 1;
    const run = construct(instance, rng((options.seed ?? 1) * 7919 + k), k === 0 ? 0 : 0.5 + k / attempts);
    options.onProgress?.(Math.min(0.95, (k + 1) / (attempts + 1)));
    if (run.shortages.length) {
      if (!best || (best.shortages.length && run.shortages.length < best.shortages.length)) best = { ...run, score: Number.POSITIVE_INFINITY };
      continue;
    }
    // Several compliant starts, each polished, keep the fairest: local search alone stops in local optima.
    feasible++;
    const polished = balance(instance, run.assignments);
    const score = objective(instance, polished);
    if (!best || best.shortages.length || score < best.score) best = { assignments: polished, shortages: [], score };
  }
  const built = best as { assignments: Assignment[]; shortages: Shortage[] };
  const assignments = built.assignments;
  options.onProgress?.(1);
  const violations = checkRoster(instance, assignments).filter((v) => !(v.rule === 'coverage' && built.shortages.length));
  return {
    status: built.shortages.length || violations.length ? 'infeasible' : 'ok',
    assignments: built.shortages.length ? [] : assignments,
    violations: built.shortages.length ? [] : violations,
    shortages: built.shortages,
    explanation: built.shortages.length ? explain(instance, built.shortages) : [],
    fairness: fairness(instance, assignments),
    objective: objective(instance, assignments),
    attempts: used,
  };
}

const dayIndexCache = new WeakMap<readonly Day[], Map<number, Day>>();
/** The month's day with a given day number, looked up once per instance (the solver asks often). */
function dayAt(days: readonly Day[], idx: number): Day | undefined {
  let byIndex = dayIndexCache.get(days);
  if (!byIndex) dayIndexCache.set(days, (byIndex = new Map(days.map((d) => [dayIndex(d.date), d]))));
  return byIndex.get(idx);
}
const restSavedAfter = (instance: RosterInstance, idx: number, week: number) => {
  const next = dayAt(instance.days, idx + 1);
  return instance.params.restAfter24h && next?.type === 'weekday' && weekOf(next.date) === week ? instance.params.jornadaHoursPerDay : 0;
};

function canTake(instance: RosterInstance, r: RosterResident, s: State, day: Day, idx: number): boolean {
  const p = instance.params;
  if (r.unavailable.includes(day.date)) return false;
  for (const d of s.dates) if (Math.abs(idx - d) - 1 < p.minDaysBetween) return false;
  const week = weekOf(day.date);
  if ((s.byWeek.get(week) ?? 0) >= p.maxGuardsPerWeek) return false;
  if (p.maxWeeklyHours !== null && p.averagingWeeks <= 1) {
    const base = instance.days.filter((d) => weekOf(d.date) === week && d.type === 'weekday' && !r.unavailable.includes(d.date)).length * p.jornadaHoursPerDay;
    const restSaved = restSavedAfter(instance, idx, week);
    if (base + (s.hoursByWeek.get(week) ?? 0) + guardHours(day, p) - restSaved > p.maxWeeklyHours) return false;
  }
  if (p.maxContinuousHours !== null) {
    const next = dayAt(instance.days, idx + 1);
    const continuous = (day.type === 'weekday' ? p.jornadaHoursPerDay : 0) + guardHours(day, p) + (next?.type === 'weekday' && !p.restAfter24h ? p.jornadaHoursPerDay : 0);
    if (continuous > p.maxContinuousHours) return false;
  }
  return true;
}

function take(instance: RosterInstance, s: State, day: Day, idx: number) {
  const p = instance.params;
  const week = weekOf(day.date);
  s.dates.push(idx);
  s.byWeek.set(week, (s.byWeek.get(week) ?? 0) + 1);
  const restSaved = restSavedAfter(instance, idx, week);
  s.hoursByWeek.set(week, (s.hoursByWeek.get(week) ?? 0) + guardHours(day, p) - restSaved);
  s.total++;
  if (day.type === 'weekend') s.weekend++;
  if (day.type === 'holiday') s.holiday++;
}

function construct(instance: RosterInstance, random: () => number, noise: number) {
  const states = new Map(instance.residents.map((r) => [r.id, emptyState(r)]));
  const byGrade = new Map<number, RosterResident[]>();
  for (const r of instance.residents) byGrade.set(r.grade, [...(byGrade.get(r.grade) ?? []), r]);
  const assignments: Assignment[] = [];
  const shortages: Shortage[] = [];
  const days = [...instance.days].sort((a, b) => a.date.localeCompare(b.date));
  // How much each grade will need a resident on each coming day: need / people present.
  const pressure = (grade: number, idx: number) => {
    const day = dayAt(instance.days, idx);
    if (!day) return 0;
    const need = instance.coverage[day.type]?.[grade] ?? 0;
    const present = (byGrade.get(grade) ?? []).filter((r) => !r.unavailable.includes(day.date)).length;
    return need / Math.max(1, present);
  };
  for (const day of days) {
    const idx = dayIndex(day.date);
    for (const [gradeKey, need] of Object.entries(instance.coverage[day.type] ?? {})) {
      const grade = Number(gradeKey);
      if (!need) continue;
      const pool = (byGrade.get(grade) ?? []).filter((r) => canTake(instance, r, states.get(r.id) as State, day, idx));
      const score = (r: RosterResident) => {
        const s = states.get(r.id) as State;
        let v = s.total * 10;
        if (day.type === 'weekend') v += s.weekend * 6;
        if (day.type === 'holiday') v += s.holiday * 6;
        if (r.requestsOff?.includes(day.date)) v += 1000;
        for (let ahead = 1; ahead <= instance.params.minDaysBetween; ahead++) if (!r.unavailable.includes(dayAt(instance.days, idx + ahead)?.date ?? '')) v += 4 * pressure(grade, idx + ahead);
        const last = s.dates.length ? idx - Math.max(...s.dates) : 99;
        return v - Math.min(last, 14) * 0.3 + random() * (0.01 + noise * 8);
      };
      const chosen = pool.map((r) => [r, score(r)] as const).sort((a, b) => a[1] - b[1] || a[0].id - b[0].id).slice(0, need);
      for (const [r] of chosen) {
        take(instance, states.get(r.id) as State, day, idx);
        assignments.push({ date: day.date, residentId: r.id });
      }
      if (chosen.length < need) {
        const present = (byGrade.get(grade) ?? []).filter((r) => !r.unavailable.includes(day.date)).length;
        shortages.push({ date: day.date, grade, needed: need, assigned: chosen.length, present, message: '' });
      }
    }
  }
  return { assignments, shortages };
}

function explain(instance: RosterInstance, shortages: Shortage[]): string[] {
  const lines: string[] = [];
  const dayOf = new Map(instance.days.map((d) => [d.date, d]));
  for (const s of shortages) {
    const day = dayOf.get(s.date) as Day;
    const missing = s.needed - s.assigned;
    s.message =
      s.present < s.needed
        ? `${describeDay(day)}: se requieren ${s.needed} R${s.grade} y solo ${s.present} están presentes (los demás, de vacaciones o con licencia); faltan ${s.needed - s.present}.`
        : `${describeDay(day)}: se requieren ${s.needed} R${s.grade}; ${s.present} están presentes pero ${s.present - s.assigned} deben descansar por sus guardias previas (mínimo ${instance.params.minDaysBetween} días libres, máximo ${instance.params.maxGuardsPerWeek} por semana); faltan ${missing}.`;
    lines.push(s.message);
  }
  const grades = [...new Set(shortages.map((s) => s.grade))];
  for (const g of grades) {
    const slots = instance.days.reduce((sum, d) => sum + (instance.coverage[d.type]?.[g] ?? 0), 0);
    const people = instance.residents.filter((r) => r.grade === g).length;
    const perPerson = Math.floor((instance.days.length - 1) / (instance.params.minDaysBetween + 1)) + 1;
    lines.push(`En el mes se necesitan ${slots} guardias de R${g}; con ${people} residentes y al menos ${instance.params.minDaysBetween} días libres entre guardias, cada uno puede cubrir a lo más ${perPerson}. Opciones: reducir la cobertura de R${g} en los días señalados, sumar residentes de R${g} de otro servicio, o mover vacaciones fuera de esas fechas.`);
  }
  return lines;
}
