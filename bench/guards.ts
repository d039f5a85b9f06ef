import { checkRoster, type Exact, fairness, type GradeFairness, objective, pooled, type RosterInstance, serviceInstance, solveExact, solveRoster, toLp } from './guards-support.ts';
import { writeResult } from './support.ts';

type Size = { name: string; services: number; residents: number; target?: { seconds: number; gap: number; violations?: number } };
const SIZES: Size[] = [
  { name: 'S', services: 1, residents: 30 },
  { name: 'M', services: 8, residents: 120, target: { seconds: 2, gap: 0.01 } },
  { name: 'XL', services: 25, residents: 600, target: { seconds: 10, gap: 0.03, violations: 0 } },
];
// GUARDS_BENCH_SIZES=S GUARDS_HIGHS_SECONDS=5 for a quick run; results then go to guards-quick.* so the full run's files stay.
const onlySizes = process.env.GUARDS_BENCH_SIZES?.split(',').map((s) => s.trim());
const highsSeconds = Number(process.env.GUARDS_HIGHS_SECONDS ?? 120);
const quick = Boolean(onlySizes || process.env.GUARDS_HIGHS_SECONDS);

type Spreads = { total: number; weekend: number; holiday: number };
type Row = {
  size: string; mode: 'per service' | 'one roster'; residents: number; services: number;
  oursMs: number; violations: number; infeasible: number; oursObjective: number; spreads: Spreads;
  highs: Exact; reference: 'optimum' | 'bound' | null; gap: number | null; timeRatio: number; targets: string[];
};

const spreadsOf = (list: GradeFairness[]): Spreads => ({
  total: Math.max(0, ...list.map((g) => g.total.spread)),
  weekend: Math.max(0, ...list.map((g) => g.weekend.spread)),
  holiday: Math.max(0, ...list.map((g) => g.holiday.spread)),
});

/** Our solver over a set of rosters (one per service, or the single pooled one), timed as a whole. */
function runOurs(rosters: RosterInstance[]) {
  let ms = 0;
  let violations = 0;
  let infeasible = 0;
  let total = 0;
  const grades: GradeFairness[] = [];
  for (const instance of rosters) {
    const t0 = performance.now();
    const result = solveRoster(instance, { seed: 1 });
    ms += performance.now() - t0;
    if (result.status !== 'ok') infeasible++;
    violations += checkRoster(instance, result.assignments).length;
    total += objective(instance, result.assignments);
    grades.push(...fairness(instance, result.assignments));
  }
  return { ms: Math.round(ms), violations, infeasible, objective: total, spreads: spreadsOf(grades) };
}

/** Gap to HiGHS: against its optimum when proved, else against its best bound; null when HiGHS has neither. */
function gapTo(ours: number, exact: Exact): { reference: Row['reference']; gap: number | null } {
  const reference = exact.status === 'optimal' ? exact.objective : exact.bound;
  if (reference === null) return { reference: null, gap: null };
  return { reference: exact.status === 'optimal' ? 'optimum' : 'bound', gap: (ours - reference) / Math.max(1, Math.abs(reference)) };
}

function targetsOf(size: Size, ours: ReturnType<typeof runOurs>, gap: number | null): string[] {
  const t = size.target;
  if (!t) return [];
  const mark = (ok: boolean | null) => (ok === null ? 'not measurable' : ok ? 'met' : 'missed');
  const out = [`≤ ${t.seconds} s: ${mark(ours.ms <= t.seconds * 1000)}`, `gap ≤ ${t.gap * 100} %: ${mark(gap === null ? null : gap <= t.gap)}`];
  if (t.violations !== undefined) out.push(`${t.violations} violations: ${mark(ours.violations <= t.violations && ours.infeasible === 0)}`);
  return out;
}

export async function guardsBenchmark() {
  const rows: Row[] = [];
  for (const size of SIZES.filter((s) => !onlySizes || onlySizes.includes(s.name))) {
    const services = Array.from({ length: size.services }, (_, s) => serviceInstance(size.residents / size.services, 100 + s));
    const modes: [Row['mode'], RosterInstance[]][] = size.services > 1 ? [['per service', services], ['one roster', [pooled(services)]]] : [['per service', services]];
    for (const [mode, rosters] of modes) {
      const ours = runOurs(rosters);
      // The whole instance is one MIP with the full time budget (services are independent blocks of it).
      const exact = await solveExact(toLp(rosters), highsSeconds);
      const { reference, gap } = gapTo(ours.objective, exact);
      rows.push({
        size: size.name, mode, residents: size.residents, services: size.services,
        oursMs: ours.ms, violations: ours.violations, infeasible: ours.infeasible, oursObjective: ours.objective, spreads: ours.spreads,
        highs: { ...exact, ms: Math.round(exact.ms) }, reference, gap, timeRatio: ours.ms / Math.max(1, exact.ms), targets: targetsOf(size, ours, gap),
      });
    }
  }
  const num = (v: number | null, digits = 0) => (v === null ? '—' : v.toFixed(digits));
  writeResult(quick ? 'guards-quick' : 'guards', { rows, highsSeconds, targets: Object.fromEntries(SIZES.filter((s) => s.target).map((s) => [s.name, s.target])) }, [
    `# Guardia roster solver vs HiGHS (exact MIP, ${highsSeconds} s per instance), IMSS-2026 rules, March 2026`,
    '',
    '| size | mode | residents | services | ours (ms) | violations | infeasible rosters | our objective | spread total / weekend / holiday | HiGHS (ms) | HiGHS status | HiGHS objective | HiGHS bound | gap | vs | time ratio ours/HiGHS | targets |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      `| ${r.size} | ${r.mode} | ${r.residents} | ${r.services} | ${r.oursMs} | ${r.violations} | ${r.infeasible} | ${r.oursObjective} | ${r.spreads.total} / ${r.spreads.weekend} / ${r.spreads.holiday} | ${r.highs.ms} | ${r.highs.status} | ${num(r.highs.objective, 1)} | ${num(r.highs.bound, 1)} | ${r.gap === null ? '—' : `${(100 * r.gap).toFixed(1)} %`} | ${r.reference ?? '—'} | ${r.timeRatio.toFixed(3)} | ${r.targets.join('; ') || '—'} |`),
    '',
    'Objective (lower is better): per grade (and per service in "per service" mode) 10 × spread of guardias + 5 × spread of weekend guardias + 3 × spread of holiday guardias, plus 20 per ignored day-off request; carried-over counts included.',
    'Gap = (ours − reference) / max(1, |reference|), the reference being the HiGHS optimum when proved, otherwise its best bound (mip_dual_bound) when the time limit stopped it; "—" when HiGHS had neither.',
    'Spreads are the largest within any grade (and service). "per service": one roster per service, times added up; "one roster": all services generated together as one roster with pooled residents.',
  ].join('\n'));
}
