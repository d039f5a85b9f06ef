import { balance } from './balance.ts';
import { auditRoster, type Violation } from './checker.ts';
import { construct, type Shortage } from './construct.ts';
import { checkWithElsewhere, collisionsWithElsewhere, elsewhereOf } from './elsewhere.ts';
import { explainShortages, explainViolations } from './explain.ts';
import { fairness, type GradeFairness, objective } from './fairness.ts';
import type { Assignment, RosterInstance } from './instance.ts';
import { ruleReport, type RuleReport } from './report.ts';

export type { Blocker, Shortage } from './construct.ts';
export type RosterResult = {
  status: 'ok' | 'infeasible';
  assignments: Assignment[];
  violations: Violation[];
  shortages: Shortage[];
  /** Why no compliant roster exists, and what to relax, in a coordinator's terms. */
  explanation: string[];
  /** Per hard rule: checks made and violations found, with its parameter and rule set. */
  report: RuleReport[];
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

/**
 * Builds a guard roster: greedy starts (see `construct`) with seeded restarts; several compliant
 * starts are each polished by local search (moves and swaps between residents of a grade) and the
 * fairest is kept. Deterministic for a seed. Every result is re-checked by the independent checker;
 * a start the checker rejects is repaired or, failing that, reported violation by violation.
 */
export function solveRoster(instance: RosterInstance, options: SolveOptions = {}): RosterResult {
  const attempts = options.attempts ?? 20;
  const polish = options.polish ?? 6;
  let best: { assignments: Assignment[]; shortages: Shortage[]; violations: number; score: number } | null = null;
  let used = 0;
  let feasible = 0;
  const worse = (a: { shortages: Shortage[]; violations: number; score: number }, b: typeof a) =>
    a.shortages.length !== b.shortages.length ? a.shortages.length > b.shortages.length : a.violations !== b.violations ? a.violations > b.violations : a.score >= b.score;
  for (let k = 0; k < attempts && feasible < polish; k++) {
    used = k + 1;
    const run = construct(instance, rng((options.seed ?? 1) * 7919 + k), k === 0 ? 0 : 0.5 + k / attempts);
    options.onProgress?.(Math.min(0.95, (k + 1) / (attempts + 1)));
    const candidate = run.shortages.length ? { ...run, violations: 0, score: Number.POSITIVE_INFINITY } : settle(instance, run.assignments);
    if (!candidate.shortages.length && !candidate.violations) feasible++;
    if (!best || worse(best, candidate)) best = candidate;
  }
  const built = best as NonNullable<typeof best>;
  options.onProgress?.(1);
  if (built.shortages.length) {
    return { status: 'infeasible', assignments: [], violations: [], shortages: built.shortages, explanation: explainShortages(instance, built.shortages), report: ruleReport(instance, built.assignments), fairness: fairness(instance, built.assignments), objective: objective(instance, built.assignments), attempts: used };
  }
  // The residents' guardias in other published rosters bind as the server will check before publishing.
  const own = auditRoster(instance, built.assignments);
  const audit = { ...own, violations: [...collisionsWithElsewhere(instance, built.assignments, elsewhereOf(instance)), ...own.violations] };
  const ok = audit.violations.length === 0;
  return {
    status: ok ? 'ok' : 'infeasible',
    assignments: built.assignments,
    violations: audit.violations,
    shortages: [],
    explanation: ok ? [] : explainViolations(audit.violations),
    report: ruleReport(instance, built.assignments, audit),
    fairness: fairness(instance, built.assignments),
    objective: objective(instance, built.assignments),
    attempts: used,
  };
}

/** A full start: polished when the checker accepts it, repaired (then polished) when it does not. */
function settle(instance: RosterInstance, start: Assignment[]) {
  let assignments = start;
  let violations = checkWithElsewhere(instance, assignments).length;
  if (violations) {
    assignments = repair(instance, assignments);
    violations = checkWithElsewhere(instance, assignments).length;
  }
  if (!violations) assignments = balance(instance, assignments);
  return { assignments, shortages: [] as Shortage[], violations, score: objective(instance, assignments) };
}

/**
 * The guardia a personal violation is best fixed by giving away: the later one of a pair or week
 * that is in this roster (one in another roster cannot move).
 */
const culprit = (v: Violation, held: ReadonlySet<string>) => [...v.dates].reverse().find((d) => held.has(`${v.residentId}|${d}`));

/**
 * Moves guardias out of personal violations to residents of the same grade who stay within every
 * rule, while that lowers the violation count. Coverage is untouched: a guardia changes hands only.
 */
export function repair(instance: RosterInstance, start: readonly Assignment[]): Assignment[] {
  const byId = new Map(instance.residents.map((r) => [r.id, r]));
  const noCoverage = { weekday: {}, weekend: {}, holiday: {} };
  const personal = (id: number, list: readonly Assignment[]) => {
    const r = byId.get(id);
    return r ? checkWithElsewhere({ ...instance, residents: [r], coverage: noCoverage }, list.filter((a) => a.residentId === id)).filter((v) => v.rule !== 'coverage' && v.rule !== 'unknown_resident').length : 0;
  };
  const moveAway = (v: Violation, current: Assignment[], held: ReadonlySet<string>): Assignment[] | null => {
    const from = v.residentId as number;
    const date = culprit(v, held) as string;
    const grade = byId.get(from)?.grade;
    const before = personal(from, current);
    const index = current.findIndex((a) => a.residentId === from && a.date === date);
    for (const to of instance.residents) {
      if (to.id === from || to.grade !== grade || to.unavailable.includes(date) || current.some((a) => a.residentId === to.id && a.date === date)) continue;
      const next = current.map((a, i) => (i === index ? { date, residentId: to.id } : a));
      if (personal(to.id, next) === 0 && personal(from, next) < before) return next;
    }
    return null;
  };
  let current = [...start];
  for (let round = 0; round < 4 * start.length; round++) {
    const held = new Set(current.map((a) => `${a.residentId}|${a.date}`));
    const open = checkWithElsewhere(instance, current).filter((x) => x.residentId !== null && x.rule !== 'coverage' && x.rule !== 'unknown_resident' && culprit(x, held));
    const fixed = open.map((v) => moveAway(v, current, held)).find((next) => next !== null);
    if (!fixed) break;
    current = fixed;
  }
  return current;
}
