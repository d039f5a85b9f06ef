import type { RosterRun, Summary } from './guards-compare.ts';

export type Mode = 'per service' | 'one roster';
export type Row = { size: string; mode: Mode; residents: number; services: number; summary: Summary; runs: RosterRun[]; targets: string[] };

const num = (v: number | null, digits = 0) => (v === null ? '—' : v.toFixed(digits));
// + 0 turns the -0 of a bound a hair below our objective into 0.
const pct = (v: number | null) => (v === null ? '—' : `${(Math.round(1000 * v) / 10 + 0).toFixed(1)} %`);

function reference(s: Summary): string {
  if (s.referenceSum === null) return '—';
  const { optimum, bound } = s.referenceKinds;
  const kind = !bound ? 'optimum' : !optimum ? 'bound' : `${optimum} optimum + ${bound} bound`;
  return `${num(s.referenceSum, 1)} (${kind})`;
}

/** Which rosters were infeasible, and whether both solvers agree on it. */
function infeasibility(s: Summary): string {
  if (!s.oursInfeasible.length && !s.highsInfeasible.length) return 'none';
  const parts = s.oursInfeasible.map((l) => `${l}: ours infeasible${s.unexplained.includes(l) ? ' (NO explanation)' : ' (explained)'}, HiGHS ${s.highsInfeasible.includes(l) ? 'infeasible' : 'NOT proved infeasible'}`);
  for (const l of s.contradicted) parts.push(`${l}: HiGHS infeasible but ours feasible (model and checker disagree)`);
  return parts.join('; ');
}

const summaryLine = (r: Row) => {
  const s = r.summary;
  const compared = `${s.compared.length}/${s.rosters}`;
  const worst = s.worst ? `${pct(s.worst.gap)} (${s.worst.label})` : '—';
  return `| ${r.size} | ${r.mode} | ${r.residents} | ${r.services} | ${s.oursMs} | ${s.violations} | ${num(s.oursObjective)} | ${s.spreads.total} / ${s.spreads.weekend} / ${s.spreads.holiday} | ${s.highsMs} | ${reference(s)} | ${compared} | ${pct(s.gap)} | ${worst} | ${s.timeRatio.toFixed(3)} | ${infeasibility(s)} | ${r.targets.join('; ') || '—'} |`;
};

const runLine = (r: Row, x: RosterRun) =>
  `| ${r.size} | ${r.mode} | ${x.label} | ${x.residents} | ${x.ours.status} | ${x.ours.ms} | ${x.ours.status === 'ok' ? x.ours.violations : '—'} | ${num(x.ours.objective)} | ${x.highs.status} | ${x.highs.ms} | ${num(x.highs.objective, 1)} | ${num(x.highs.bound, 1)} | ${pct(x.gap)} |`;

/** The last explanation line is the per-grade verdict (what is missing and what to relax); the first names a day. */
const explanationLines = (rows: Row[]) =>
  rows.flatMap((r) =>
    r.runs
      .filter((x) => x.ours.status !== 'ok')
      .map((x) => `- ${r.size} ${r.mode} ${x.label} (HiGHS: ${x.highs.status}), ${x.ours.explanation.length} explanation lines; first: “${x.ours.explanation[0] ?? '—'}” … last: “${x.ours.explanation.at(-1) ?? '—'}”`),
  );

export function guardsMarkdown(rows: Row[], highsSeconds: number): string {
  const explained = explanationLines(rows);
  return [
    `# Guardia roster solver vs HiGHS (exact MIP, ${highsSeconds} s per MIP), IMSS-2026 rules, March 2026`,
    '',
    '| size | mode | residents | services | ours (ms) | violations | our objective | spread total / weekend / holiday | HiGHS (ms) | HiGHS optimum / bound | rosters compared | gap | worst roster gap | time ratio ours/HiGHS | infeasible services | targets |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(summaryLine),
    '',
    '"per service": each service is its own roster, solved by our solver and by HiGHS as its own MIP (the services share no resident, so the whole instance is these independent blocks); times are added up. "one roster": all services generated together as one roster with pooled residents and coverage added up, one MIP.',
    `HiGHS gets ${highsSeconds} s per MIP (per service in "per service" mode, for the pooled roster in "one roster" mode), not a budget split over the services.`,
    'Objective (lower is better): per grade (and per service in "per service" mode) 10 × spread of guardias + 5 × spread of weekend guardias + 3 × spread of holiday guardias, plus 20 per ignored day-off request; carried-over counts included.',
    '"our objective" and "HiGHS optimum / bound" are sums over the rosters compared: those our solver found feasible and HiGHS did not prove infeasible. Each roster is compared with the HiGHS optimum when proved, else with its best bound (mip_dual_bound) when the time limit stopped it.',
    'Gap = (Σ ours − Σ reference) / max(1, |Σ reference|); the worst roster gap is the same ratio for the single worst roster. Time ratio = Σ our ms / Σ HiGHS ms over all rosters, infeasible ones included.',
    'Violations: hard-rule violations the independent checker finds in the rosters our solver returns as compliant. An infeasible roster publishes no guardias and is listed under "infeasible services" instead, with whether HiGHS proved it infeasible too; the "0 violations" target also requires that.',
    'Spreads are the largest within any grade (and service) of the feasible rosters. Timings are wall-clock on a shared machine.',
    '',
    '## Per roster',
    '',
    '| size | mode | roster | residents | ours | ours (ms) | violations | our objective | HiGHS status | HiGHS (ms) | HiGHS objective | HiGHS bound | gap |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.flatMap((r) => r.runs.map((x) => runLine(r, x))),
    '',
    '## Infeasible rosters: our explanation',
    '',
    ...(explained.length ? explained : ['None.']),
  ].join('\n');
}
