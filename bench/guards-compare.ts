import { checkRoster, type Exact, fairness, type GradeFairness, objective, type RosterInstance, solveExact, solveRoster, toLp } from './guards-support.ts';

export type Spreads = { total: number; weekend: number; holiday: number };
export type Reference = { kind: 'optimum' | 'bound'; value: number };

/** One roster (a service, or the services pooled) solved by our solver and, as its own MIP, by HiGHS. */
export type RosterRun = {
  label: string;
  residents: number;
  ours: { status: 'ok' | 'infeasible'; ms: number; objective: number | null; violations: number; explanation: string[]; grades: GradeFairness[] };
  highs: Exact;
  /** HiGHS proved the MIP infeasible. */
  highsInfeasible: boolean;
  reference: Reference | null;
  gap: number | null;
};

// HiGHS may not tell infeasible from unbounded after presolve; with bounded spreads and binaries the MIP cannot be unbounded.
const INFEASIBLE = new Set(['infeasible', 'unboundedOrInfeasible']);

/**
 * Solves one roster with both. The reference is the HiGHS optimum when proved, else its best bound
 * when the time limit stopped it: our roster, accepted by the independent checker, proves the MIP
 * feasible, so the bound applies even when HiGHS has no incumbent of its own yet.
 */
export async function runRoster(label: string, instance: RosterInstance, highsSeconds: number): Promise<RosterRun> {
  const t0 = performance.now();
  const result = solveRoster(instance, { seed: 1 });
  const ms = performance.now() - t0;
  const ok = result.status === 'ok';
  const ours = {
    status: result.status,
    ms: Math.round(ms),
    objective: ok ? objective(instance, result.assignments) : null,
    // Hard violations of the roster we would publish; an infeasible result publishes none (it explains instead).
    violations: ok ? checkRoster(instance, result.assignments).length : 0,
    explanation: result.explanation,
    grades: ok ? fairness(instance, result.assignments) : [],
  };
  const exact = await solveExact(toLp([instance]), highsSeconds);
  const highsInfeasible = INFEASIBLE.has(exact.status);
  const reference: Reference | null = highsInfeasible ? null : exact.status === 'optimal' && exact.objective !== null ? { kind: 'optimum', value: exact.objective } : exact.bound !== null ? { kind: 'bound', value: exact.bound } : null;
  const gap = ours.objective !== null && reference ? relativeGap(ours.objective, reference.value) : null;
  return { label, residents: instance.residents.length, ours, highs: { ...exact, ms: Math.round(exact.ms) }, highsInfeasible, reference, gap };
}

const relativeGap = (ours: number, reference: number) => (ours - reference) / Math.max(1, Math.abs(reference));

export type Summary = {
  rosters: number;
  oursMs: number;
  highsMs: number;
  timeRatio: number;
  violations: number;
  spreads: Spreads;
  /** Rosters compared: ours feasible and HiGHS with an optimum or a bound. */
  compared: string[];
  oursObjective: number | null;
  referenceSum: number | null;
  referenceKinds: { optimum: number; bound: number };
  gap: number | null;
  worst: { label: string; gap: number } | null;
  oursInfeasible: string[];
  highsInfeasible: string[];
  /** Ours infeasible while HiGHS did not prove it (found a roster, or stopped undecided). */
  unproven: string[];
  /** Ours feasible while HiGHS proved infeasible: the MIP and the checker disagree. */
  contradicted: string[];
  /** Rosters our solver declared infeasible without an explanation (should be none). */
  unexplained: string[];
};

/** Adds up a mode's rosters: times over all of them, the gap over those both can be compared on. */
export function summarise(runs: RosterRun[]): Summary {
  const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
  const compared = runs.filter((r) => r.gap !== null);
  const oursMs = sum(runs.map((r) => r.ours.ms));
  const highsMs = sum(runs.map((r) => r.highs.ms));
  const oursObjective = compared.length ? sum(compared.map((r) => r.ours.objective as number)) : null;
  const referenceSum = compared.length ? sum(compared.map((r) => (r.reference as Reference).value)) : null;
  const worst = compared.reduce<Summary['worst']>((w, r) => (w && w.gap >= (r.gap as number) ? w : { label: r.label, gap: r.gap as number }), null);
  const grades = runs.flatMap((r) => r.ours.grades);
  const infeasible = runs.filter((r) => r.ours.status !== 'ok');
  return {
    rosters: runs.length,
    oursMs,
    highsMs,
    timeRatio: oursMs / Math.max(1, highsMs),
    violations: sum(runs.map((r) => r.ours.violations)),
    spreads: {
      total: Math.max(0, ...grades.map((g) => g.total.spread)),
      weekend: Math.max(0, ...grades.map((g) => g.weekend.spread)),
      holiday: Math.max(0, ...grades.map((g) => g.holiday.spread)),
    },
    compared: compared.map((r) => r.label),
    oursObjective,
    referenceSum,
    referenceKinds: { optimum: compared.filter((r) => r.reference?.kind === 'optimum').length, bound: compared.filter((r) => r.reference?.kind === 'bound').length },
    gap: oursObjective !== null && referenceSum !== null ? relativeGap(oursObjective, referenceSum) : null,
    worst,
    oursInfeasible: infeasible.map((r) => r.label),
    highsInfeasible: runs.filter((r) => r.highsInfeasible).map((r) => r.label),
    unproven: infeasible.filter((r) => !r.highsInfeasible).map((r) => r.label),
    contradicted: runs.filter((r) => r.ours.status === 'ok' && r.highsInfeasible).map((r) => r.label),
    unexplained: infeasible.filter((r) => !r.ours.explanation.length).map((r) => r.label),
  };
}
