// The benchmark uses the same core code the server runs.
import { type Coverage, monthDays, type RosterInstance, type RosterResident, weekOf } from '../packages/core/src/guards/index.ts';
import { IMSS_2026 } from '../packages/core/src/guards/test-instances.ts';

export { checkRoster, fairness, objective, solveRoster } from '../packages/core/src/guards/index.ts';
export type { GradeFairness, RosterInstance } from '../packages/core/src/guards/index.ts';

function rng(seed: number) {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const IMSS_SOURCE = { code: 'IMSS-2026-01-27', name: 'IMSS, oficio del 27 de enero de 2026' };

/** One service's month: residents split over R1–R3, some on vacation, some asking for days off; one of each grade per day. */
export function serviceInstance(residents: number, seed: number): RosterInstance {
  const random = rng(seed);
  const days = monthDays(2026, 3);
  const list: RosterResident[] = Array.from({ length: residents }, (_, i) => {
    const start = Math.floor(random() * 25);
    const away = random() < 0.15 ? days.slice(start, start + 7).map((d) => d.date) : [];
    const asks = random() < 0.15 ? [days[Math.floor(random() * 31)]?.date as string] : [];
    return { id: seed * 1000 + i, name: `R${(i % 3) + 1}-${i}`, grade: (i % 3) + 1, unavailable: away, requestsOff: asks, carry: { total: Math.floor(random() * 3), weekend: 0, holiday: 0 } };
  });
  const one = { 1: 1, 2: 1, 3: 1 };
  const coverage: Coverage = { weekday: one, weekend: one, holiday: one };
  return { days, residents: list, coverage, params: IMSS_2026, ruleSet: IMSS_SOURCE };
}

/** The services as one roster (the server accepts a group of services): residents pooled, coverage added up. */
export function pooled(services: RosterInstance[]): RosterInstance {
  const first = services[0] as RosterInstance;
  const coverage: Coverage = { weekday: {}, weekend: {}, holiday: {} };
  for (const s of services) for (const type of ['weekday', 'weekend', 'holiday'] as const) for (const [g, n] of Object.entries(s.coverage[type])) coverage[type][Number(g)] = (coverage[type][Number(g)] ?? 0) + n;
  return { ...first, residents: services.flatMap((s) => s.residents), coverage };
}

/**
 * The instances as one MIP in CPLEX LP format, each with its own spread variables (prefix): exact
 * coverage, spacing windows, weekly limits, spreads linearised. Rest after 24 h follows from the
 * spacing; the 80-h averaged weekly limit cannot bind under IMSS-2026 (at most ~72 h in any week).
 */
export function toLp(instances: RosterInstance[]): string {
  const rows: string[] = [];
  const obj: string[] = [];
  const binaries: string[] = [];
  instances.forEach((instance, k) => {
    const p = instance.params;
    const x = (r: RosterResident, date: string) => `x_${r.id}_${date.replaceAll('-', '')}`;
    const available = (r: RosterResident, date: string) => !r.unavailable.includes(date);
    for (const r of instance.residents) for (const d of instance.days) if (available(r, d.date)) binaries.push(x(r, d.date));
    const grades = [...new Set(instance.residents.map((r) => r.grade))];
    const v = (kind: string, bound: string, g: number) => `${kind}${bound}_${k}_${g}`;
    for (const g of grades) for (const [kind, w] of [['t', 10], ['w', 5], ['h', 3]] as const) obj.push(`+ ${w} ${v(kind, 'max', g)}`, `- ${w} ${v(kind, 'min', g)}`);
    for (const r of instance.residents) for (const d of r.requestsOff ?? []) if (available(r, d)) obj.push(`+ 20 ${x(r, d)}`);
    for (const d of instance.days) {
      for (const g of grades) {
        const need = instance.coverage[d.type]?.[g] ?? 0;
        const terms = instance.residents.filter((r) => r.grade === g && available(r, d.date)).map((r) => x(r, d.date));
        rows.push(`cov_${k}_${d.date.replaceAll('-', '')}_${g}: ${terms.length ? terms.join(' + ') : '0 dummy'} = ${need}`);
      }
    }
    for (const r of instance.residents) {
      const mine = instance.days.filter((d) => available(r, d.date));
      for (let i = 0; i < instance.days.length; i++) {
        const window = instance.days.slice(i, i + p.minDaysBetween + 1).filter((d) => available(r, d.date));
        if (window.length > 1) rows.push(`sp_${r.id}_${i}: ${window.map((d) => x(r, d.date)).join(' + ')} <= 1`);
      }
      for (const w of new Set(mine.map((d) => weekOf(d.date)))) {
        const terms = mine.filter((d) => weekOf(d.date) === w).map((d) => x(r, d.date));
        if (terms.length > p.maxGuardsPerWeek) rows.push(`wk_${r.id}_${w}: ${terms.join(' + ')} <= ${p.maxGuardsPerWeek}`);
      }
      if (!mine.length) continue;
      const sums = { t: mine, w: mine.filter((d) => d.type === 'weekend'), h: mine.filter((d) => d.type === 'holiday') };
      const carry = { t: r.carry?.total ?? 0, w: r.carry?.weekend ?? 0, h: r.carry?.holiday ?? 0 };
      for (const kind of ['t', 'w', 'h'] as const) {
        const terms = sums[kind].map((d) => x(r, d.date));
        const sum = terms.length ? ` - ${terms.join(' - ')}` : '';
        rows.push(`${kind}mx_${r.id}: ${v(kind, 'max', r.grade)}${sum} >= ${carry[kind]}`);
        rows.push(`${kind}mn_${r.id}: ${v(kind, 'min', r.grade)}${sum} <= ${carry[kind]}`);
      }
    }
  });
  return ['Minimize', ` obj: ${obj.join(' ').replace(/^\+ /, '')}`, 'Subject To', ...rows.map((r) => ` ${r}`), 'Bounds', ' dummy = 0', 'Binary', ` ${binaries.join(' ')}`, 'End'].join('\n');
}

// One Wasm runtime for every MIP of a run; each model is disposed by withModel.
let runtime: ReturnType<typeof import('highs').default> | undefined;

export type Exact = { status: string; ms: number; objective: number | null; bound: number | null };

/**
 * Solves the MIP with HiGHS under a wall-clock limit. The incumbent is read only when HiGHS has a
 * feasible primal solution; the best bound (`mip_dual_bound`) is what a gap is measured against
 * when the time limit stops it before optimality.
 */
export async function solveExact(lp: string, seconds: number): Promise<Exact> {
  const highs = await (runtime ??= import('highs').then((m) => m.default()));
  const names = Object.fromEntries(Object.entries(highs.constants.modelStatus).map(([name, code]) => [code, name]));
  const t0 = performance.now();
  return highs.withModel({ format: 'lp', data: lp }, (model) => {
    model.options.set({ time_limit: seconds, mip_rel_gap: 0, output_flag: false });
    const run = model.run();
    const ms = performance.now() - t0;
    const info = (name: string) => {
      const r = model.raw.getInfoValue(name);
      return r.status === -1 ? null : Number(r.value);
    };
    const feasible = info('primal_solution_status') === highs.constants.solutionStatus.feasible;
    const bound = info('mip_dual_bound');
    return { status: names[run.modelStatus] ?? String(run.modelStatus), ms, objective: feasible ? model.getObjectiveValue() : null, bound: bound !== null && Number.isFinite(bound) ? bound : null };
  });
}
