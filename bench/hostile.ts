import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, writeResult } from './support.ts';

type Report = { engine: string; sent: number; tally: Record<string, { endpoints: number; cases: number; statuses: Record<string, number> }>; problems: string[] };

/**
 * The hostile-input suite at benchmark size: 10,000 generated requests per endpoint class (read,
 * create, update, action, delete) on native PostgreSQL, through the same test that `npm test`
 * runs with a few cases per endpoint. Loopback database only.
 */
export async function hostileBenchmark() {
  const perClass = Number(process.env.BENCH_HOSTILE_PER_CLASS ?? 10_000);
  const report = join(tmpdir(), `sirem-hostile-${process.pid}.json`);
  const started = performance.now();
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'server-pg', 'test/hostile-input.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: BASE_URL, SIREM_HOSTILE_PER_CLASS: String(perClass), SIREM_HOSTILE_REPORT: report },
  });
  const seconds = (performance.now() - started) / 1000;
  const data = JSON.parse(readFileSync(report, 'utf8')) as Report;
  const rows = Object.entries(data.tally).map(([kind, t]) => {
    const by = (from: number, to: number) => Object.entries(t.statuses).filter(([s]) => Number(s) >= from && Number(s) < to).reduce((n, [, c]) => n + c, 0);
    return { kind, endpoints: t.endpoints, cases: t.cases, ok: by(200, 400), refused: by(400, 500), serverErrors: by(500, 600) };
  });
  writeResult('hostile', { perClass, seconds, passed: run.status === 0, ...data }, [
    `# Hostile input: ${perClass.toLocaleString('en')} generated requests per endpoint class (${data.engine})`,
    '',
    '| class | endpoints | cases | 2xx/3xx | 4xx | 5xx |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.kind} | ${r.endpoints} | ${r.cases} | ${r.ok} | ${r.refused} | ${r.serverErrors} |`),
    '',
    `${data.sent} requests in ${seconds.toFixed(0)} s; refused requests that changed a row count: ${data.problems.filter((p) => p.includes('rows changed')).length}; problems: ${data.problems.length}.`,
  ].join('\n'));
  if (run.status !== 0) process.exitCode = 1;
}
