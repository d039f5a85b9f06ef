import { runRoster, type RosterRun, type Summary, summarise } from './guards-compare.ts';
import { guardsMarkdown, type Mode, type Row } from './guards-report.ts';
import { pooled, type RosterInstance, serviceInstance } from './guards-support.ts';
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

function targetsOf(size: Size, s: Summary): string[] {
  const t = size.target;
  if (!t) return [];
  const mark = (ok: boolean | null) => (ok === null ? 'not measurable' : ok ? 'met' : 'missed');
  const out = [`≤ ${t.seconds} s: ${mark(s.oursMs <= t.seconds * 1000)}`, `gap ≤ ${t.gap * 100} %: ${mark(s.gap === null ? null : s.gap <= t.gap)}`];
  // A roster declared infeasible counts against the target unless HiGHS proves no roster exists.
  if (t.violations !== undefined) out.push(`${t.violations} violations: ${mark(s.violations <= t.violations && !s.unproven.length && !s.contradicted.length)}`);
  return out;
}

export async function guardsBenchmark() {
  const rows: Row[] = [];
  for (const size of SIZES.filter((s) => !onlySizes || onlySizes.includes(s.name))) {
    const services = Array.from({ length: size.services }, (_, s) => serviceInstance(size.residents / size.services, 100 + s));
    const modes: [Mode, [string, RosterInstance][]][] = [['per service', services.map((s, i) => [`s${i + 1}`, s])]];
    if (size.services > 1) modes.push(['one roster', [['pooled', pooled(services)]]]);
    for (const [mode, rosters] of modes) {
      const runs: RosterRun[] = [];
      for (const [label, instance] of rosters) {
        runs.push(await runRoster(label, instance, highsSeconds));
        console.error(`guards ${size.name} ${mode} ${label}: ours ${runs.at(-1)?.ours.status}, HiGHS ${runs.at(-1)?.highs.status} in ${runs.at(-1)?.highs.ms} ms`);
      }
      const summary = summarise(runs);
      rows.push({ size: size.name, mode, residents: size.residents, services: size.services, summary, runs, targets: targetsOf(size, summary) });
    }
  }
  const targets = Object.fromEntries(SIZES.filter((s) => s.target).map((s) => [s.name, s.target]));
  writeResult(quick ? 'guards-quick' : 'guards', { rows, highsSeconds, highsLimit: 'per MIP', targets }, guardsMarkdown(rows, highsSeconds));
}
