import { spawn } from 'node:child_process';
import type autocannon from 'autocannon';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { systemCtx } from '../packages/server/src/http/system-actor.ts';
import { getResident, listResidents } from '../packages/server/src/people/residents-service.ts';
import { nationalFigures } from '../packages/server/src/reports/figures-service.ts';
import { freePort } from '../packages/server/test/support/server-process.ts';
import { CONNECTIONS, type Load, load, nationalServer, pct, SECONDS, sessionHeaders } from './http-support.ts';
import { writeResult } from './support.ts';

const READ_TARGET_P95 = 50;
const REPORT_TARGET_P95 = 100;
const CEILING_SHARE = 0.4;

/**
 * Authenticated reads on the national institution (native PostgreSQL, loopback), with autocannon
 * at 50 connections: each read endpoint alone, the mix, the national figures report; in the same
 * run a bare Fastify route serving the same residents page (ceiling) and the same service queries
 * called without HTTP (floor), so every figure is also a ratio.
 */
export async function readsBenchmark() {
  const env = await nationalServer('sirem_bench_reads');
  try {
    const base = env.server.url;
    const headers = await sessionHeaders(base, 'central');
    const get = async (path: string) => (await fetch(`${base}${path}`, { headers })).json();
    const page = await get('/api/v1/people/residents?limit=50');
    const ids: number[] = page.items.map((r: { id: number }) => r.id);
    const reads: Record<string, string[]> = {
      'residents page': ['/api/v1/people/residents?limit=50'],
      'residents filtered + search': ['/api/v1/people/residents?limit=50&grade=2&q=garcia', '/api/v1/people/residents?limit=50&status=activo&foreign=true'],
      'resident profile': ids.slice(0, 20).map((id) => `/api/v1/people/residents/${id}`),
      'catalogue units': ['/api/v1/catalog/units?limit=50', '/api/v1/catalog/units?limit=50&q=hospital general'],
      'catalogue sedes': ['/api/v1/catalog/sedes?limit=50&q=cirugia'],
      'faculty page': ['/api/v1/people/faculty?limit=50'],
    };
    // Paths go on the request line as they are: a space must be encoded or the server answers 400.
    const asRequests = (paths: string[]): autocannon.Request[] => paths.map((path) => ({ method: 'GET', path: encodeURI(path) }));
    const rows: (Load & { target?: number })[] = [];
    for (const [name, paths] of Object.entries(reads)) rows.push({ ...(await load(name, base, asRequests(paths), headers)), target: READ_TARGET_P95 });
    const mix = await load('read mix', base, asRequests(Object.values(reads).flat()), headers);
    rows.push({ ...mix, target: READ_TARGET_P95 });
    rows.push({ ...(await load('report: national figures', base, asRequests(['/api/v1/reports/figures']), headers)), target: REPORT_TARGET_P95 });

    const ceiling = await bareFastify(JSON.stringify(page));
    const floor = await directQueries(env.db.url, ids);
    const ratio = (r: Load) => r.rps / ceiling.rps;
    writeResult('reads', { connections: CONNECTIONS, seconds: SECONDS, seedSeconds: env.seedSeconds, rows, ceiling, floor }, [
      `# Authenticated reads, national data (26,350 residents), native PostgreSQL, ${CONNECTIONS} connections × ${SECONDS} s each`,
      '',
      '| load | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | p95 target | share of bare Fastify |',
      '|---|---|---|---|---|---|---|---|---|',
      ...[...rows, { ...ceiling, target: undefined }].map((r) => `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.target ? `≤ ${r.target} ${r.p95 <= r.target ? '✓' : '✗'}` : ''} | ${(100 * ratio(r)).toFixed(0)} %${!r.target ? '' : ratio(r) >= CEILING_SHARE ? ' ✓' : ' ✗'} |`),
      '',
      `Floor, the same service queries called directly (no HTTP, no session), ${CONNECTIONS} concurrent: ${floor.map((f) => `${f.name} ${Math.round(f.rps)}/s, p95 ${f.p95} ms`).join('; ')}.`,
      `Targets: read endpoints p95 ≤ ${READ_TARGET_P95} ms and ≥ ${CEILING_SHARE * 100} % of bare-Fastify throughput; reports p95 ≤ ${REPORT_TARGET_P95} ms. National data loaded in ${env.seedSeconds.toFixed(0)} s.`,
    ].join('\n'));
  } finally {
    await env.stop();
  }
}

/** Ceiling: a Fastify process with one route that returns the same residents page, nothing else. */
async function bareFastify(body: string): Promise<Load> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./bare-server.ts', import.meta.url).pathname, String(port)], { stdio: ['pipe', 'inherit', 'inherit'] });
  child.stdin.end(body);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await fetch(`${url}/page`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
  try {
    return await load('bare Fastify (same page, no work)', url, [{ method: 'GET', path: '/page' }]);
  } finally {
    child.kill();
  }
}

/** Floor: the endpoints' own service queries, called in-process with the same concurrency. */
async function directQueries(url: string, ids: number[]) {
  const database = await openDatabase({ url, maxConnections: CONNECTIONS });
  const ctx = systemCtx(database.db);
  const calls: Record<string, (i: number) => Promise<unknown>> = {
    'residents page': () => listResidents(ctx, { limit: 50 }),
    'resident profile': (i) => getResident(ctx, ids[i % ids.length] as number),
    'national figures': () => nationalFigures(ctx),
  };
  const out: { name: string; rps: number; p95: number }[] = [];
  for (const [name, call] of Object.entries(calls)) {
    const times: number[] = [];
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, worker) => {
        for (let i = worker; performance.now() < end; i += CONNECTIONS) {
          const t0 = performance.now();
          await call(i);
          times.push(performance.now() - t0);
        }
      }),
    );
    out.push({ name, rps: times.length / SECONDS, p95: pct(times, 95) });
  }
  await database.close();
  return out;
}
