import type { Assignment, RosterInstance } from './instance.ts';

export type Spread = { min: number; max: number; spread: number };
export type GradeFairness = { grade: number; residents: number; total: Spread; weekend: Spread; holiday: Spread };

const spread = (values: number[]): Spread => {
  if (!values.length) return { min: 0, max: 0, spread: 0 };
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { min, max, spread: max - min };
};

/** Guardias per resident (carried-over counts included), summarised per grade. */
export function fairness(instance: RosterInstance, assignments: readonly Assignment[]): GradeFairness[] {
  const type = new Map(instance.days.map((d) => [d.date, d.type]));
  const counts = new Map(instance.residents.map((r) => [r.id, { total: r.carry?.total ?? 0, weekend: r.carry?.weekend ?? 0, holiday: r.carry?.holiday ?? 0 }]));
  for (const a of assignments) {
    const c = counts.get(a.residentId);
    if (!c) continue;
    c.total++;
    if (type.get(a.date) === 'weekend') c.weekend++;
    if (type.get(a.date) === 'holiday') c.holiday++;
  }
  const grades = [...new Set(instance.residents.map((r) => r.grade))].sort();
  return grades.map((grade) => {
    const list = instance.residents.filter((r) => r.grade === grade && guardsPossible(instance, r.id)).map((r) => counts.get(r.id) ?? { total: 0, weekend: 0, holiday: 0 });
    return { grade, residents: list.length, total: spread(list.map((c) => c.total)), weekend: spread(list.map((c) => c.weekend)), holiday: spread(list.map((c) => c.holiday)) };
  });
}

/** Residents absent the whole month are left out of the balance. */
const guardsPossible = (instance: RosterInstance, id: number) => {
  const r = instance.residents.find((x) => x.id === id);
  return Boolean(r) && instance.days.some((d) => !r?.unavailable.includes(d.date));
};

/** Weights of the soft objective; the solver's local search scores with the same ones. */
export const OBJECTIVE_WEIGHTS = { total: 10, weekend: 5, holiday: 3, ignoredRequest: 20 } as const;

/**
 * The soft objective the solver minimises (lower is better): spreads within each grade, weighted
 * total > weekend > holiday, plus every granted-day-off request that was not honoured.
 */
export function objective(instance: RosterInstance, assignments: readonly Assignment[]): number {
  const requests = new Map(instance.residents.map((r) => [r.id, new Set(r.requestsOff ?? [])]));
  const ignored = assignments.filter((a) => requests.get(a.residentId)?.has(a.date)).length;
  const w = OBJECTIVE_WEIGHTS;
  return fairness(instance, assignments).reduce((s, g) => s + w.total * g.total.spread + w.weekend * g.weekend.spread + w.holiday * g.holiday.spread, 0) + w.ignoredRequest * ignored;
}
