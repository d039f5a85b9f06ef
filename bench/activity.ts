import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { openSession } from '../packages/server/src/access/sessions.ts';
import { createUser } from '../packages/server/src/access/users-service.ts';
import { users } from '../packages/server/src/db/schema/access.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadCatalogue } from '../packages/server/src/db/seed/catalog.ts';
import { loadDemoCodes } from '../packages/server/src/db/seed/codes.ts';
import { loadDemoUnits } from '../packages/server/src/db/seed/demo.ts';
import { loadDemoJornadas } from '../packages/server/src/db/seed/jornadas.ts';
import { loadNationalData } from '../packages/server/src/db/seed/national/index.ts';
import { loadActivityRequirements } from '../packages/server/src/db/seed/requirements.ts';
import { jornadas } from '../packages/server/src/db/schema/jornadas.ts';
import { residents } from '../packages/server/src/db/schema/people.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { systemCtx } from '../packages/server/src/http/system-actor.ts';
import { fullScan, generateRecords, type OpenLoop, openLoop, percentile } from './activity-support.ts';
import { freshDatabase, writeResult } from './support.ts';

const ROWS = Number(process.env.BENCH_ACTIVITY_ROWS ?? 10_000_000);
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// Offered rates of the open-loop steps, entries per second.
const RATES = (process.env.BENCH_WRITE_RATES ?? '1000,1500,2000,2500,3000').split(',').map(Number);
// Offered rates of the open-loop steps sent over HTTP by a client process of its own.
const HTTP_RATES = (process.env.BENCH_HTTP_RATES ?? '1000,2000,3000').split(',').filter(Boolean).map(Number);
const HTTP_CONNECTIONS = 64;
const SESSIONS = 32;

/**
 * Activity log on native PostgreSQL: sustained API write rate (each entry with its audit row) and
 * the latency of the Jornada and requirements reports over `ROWS` entries, each report checked
 * against a direct full-scan query whose time is the baseline.
 */
export async function activityBenchmark() {
  const target = await freshDatabase('sirem_bench_activity');
  // The pool the server would open (DATABASE_POOL_SIZE, else its default), so the figure is the deployed API's.
  const database = await openDatabase({ url: target.url, ...(process.env.DATABASE_POOL_SIZE ? { maxConnections: Number(process.env.DATABASE_POOL_SIZE) } : {}) });
  const sql = postgres(target.url, { max: 2, onnotice: () => {} });
  try {
    await migrate(database);
    await loadCatalogue(database.db);
    await loadDemoUnits(database.db);
    await loadDemoCodes(database.db);
    await loadActivityRequirements(database.db);
    await loadNationalData(database.db, { seed: 2026, demoPassword: 'bench-demo-1' });
    await loadDemoJornadas(database.db);
    const [j2] = await database.db.select().from(jornadas).where(eq(jornadas.number, 2));
    const generatedAt = performance.now();
    const residentCount = await generateRecords(sql, ROWS, j2.id);
    const generateSeconds = (performance.now() - generatedAt) / 1000;
    // The writes are measured from a checkpoint, so they do not pay for flushing the 10-million-row load.
    await sql.unsafe('checkpoint');

    await createUser(systemCtx(database.db), { username: 'bench', displayName: 'Bench', password: 'contraseña-bench-1', grants: [{ role: 'administrador', scopeKind: 'national' }] }, { mustChangePassword: false });
    const app = await buildApp({ database, webRoot: null });
    // Entries come from many signed-in sessions, as they would from many phones (opened as a login
    // opens them; the login route itself is rate-limited per address).
    const [bench] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, 'bench'));
    const sessions: Record<string, string>[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const { token, csrfToken } = await openSession(database.db, bench?.id as number, { ip: '127.0.0.1', userAgent: 'bench' });
      sessions.push({ cookie: `sirem_session=${token}`, 'x-csrf-token': csrfToken });
    }
    const headers = sessions[0] as Record<string, string>;
    const ids = (await database.db.select({ id: residents.id }).from(residents).where(eq(residents.status, 'activo')).limit(2000)).map((r) => r.id);
    const unitOf = new Map((await sql<{ id: number; unit_id: number }[]>`select r.id, s.unit_id from residents r join sedes s on s.id = r.sede_id where r.id in ${sql(ids)}`).map((r) => [r.id, r.unit_id]));
    // One entry per resident, the same body in process and over HTTP.
    const entries = ids.map((residentId) => ({ residentId, performedOn: '2026-05-14', unitId: unitOf.get(residentId), service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', diagnosisCode: 'I10', ageBand: '45-59', sex: 'M' }));
    const post = async (n: number) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/activity/records', headers: sessions[n % SESSIONS], payload: entries[(n * 7919) % entries.length] });
      return res.statusCode === 201;
    };
    // A step holds when the server answers what was offered with p99 within the target and nothing failed.
    const judged = (step: OpenLoop) => ({ ...step, holds: step.failures === 0 && step.perSecond >= 0.98 * step.offered && step.p99 <= 50 });

    // Closed loop: CONCURRENCY clients, each sending its next entry when the last is answered.
    const latencies: number[] = [];
    let failures = 0;
    let serial = 0;
    const until = performance.now() + WRITE_SECONDS * 1000;
    const writer = async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const stored = await post(serial++);
        latencies.push(performance.now() - t);
        if (!stored) failures++;
      }
    };
    const writeStarted = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, () => writer()));
    const writeSeconds = (performance.now() - writeStarted) / 1000;

    // Open loop: entries offered at a fixed rate, step by step.
    const steps: (OpenLoop & { holds: boolean })[] = [];
    for (const rate of RATES) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      steps.push(judged(await openLoop(rate, WRITE_SECONDS, () => post(serial++))));
    }
    const sustained = Math.max(0, ...steps.filter((step) => step.holds).map((step) => step.offered));

    // The same open loop through real HTTP: the server listens on loopback and a client process of
    // its own sends the entries over keep-alive connections, as phones would.
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    const httpSteps = (await httpClient({ url: `http://127.0.0.1:${port}/api/v1/activity/records`, sessions, entries, rates: HTTP_RATES, seconds: WRITE_SECONDS, connections: HTTP_CONNECTIONS })).map(judged);
    const httpSustained = Math.max(0, ...httpSteps.filter((step) => step.holds).map((step) => step.offered));

    // Jornada report against a full scan.
    const reportTimes: number[] = [];
    let report: { byCategory: { key: string; achieved: number }[] } = { byCategory: [] };
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      report = (await app.inject({ method: 'GET', url: `/api/v1/jornadas/${j2.id}/report`, headers })).json();
      reportTimes.push(performance.now() - t);
    }
    const scan = await fullScan<{ category: string; n: number }>(sql, `select category, sum(n)::int as n from (
      select kind as category, count(*) as n from activity_records where jornada_id = ${j2.id} and status <> 'devuelta' group by 1
      union all select category, sum(count) from jornada_unit_counts where jornada_id = ${j2.id} group by 1) x group by 1`);
    const direct = Object.fromEntries(scan.rows.map((r) => [r.category, Number(r.n)]));
    const reportEqual = report.byCategory.every((c) => direct[c.key] === c.achieved);

    // Requirements progress against a full scan for one resident.
    const progressTimes: number[] = [];
    let progress: { rows: { group: string; done: number }[] } = { rows: [] };
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      progress = (await app.inject({ method: 'GET', url: `/api/v1/activity/progress?residentId=${ids[i]}`, headers })).json();
      progressTimes.push(performance.now() - t);
    }
    const last = ids[29] as number;
    const pscan = await fullScan<{ kind: string; n: number }>(sql, `select kind, count(*)::int as n from activity_records where resident_id = ${last} and status = 'verificada' group by 1`);
    const pdirect = Object.fromEntries(pscan.rows.map((r) => [r.kind, Number(r.n)]));
    const progressEqual = progress.rows.every((r) => (pdirect[r.group] ?? 0) === r.done);
    await app.close();

    const result = {
      rows: ROWS, residents: residentCount, generateSeconds, concurrency: CONCURRENCY, pool: process.env.DATABASE_POOL_SIZE ?? 'default (10)',
      write: { requests: latencies.length, failures, perSecond: latencies.length / writeSeconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      openLoop: { steps, sustained },
      httpOpenLoop: { connections: HTTP_CONNECTIONS, steps: httpSteps, sustained: httpSustained },
      jornadaReport: { p50: percentile(reportTimes, 50), p95: percentile(reportTimes, 95), fullScanMs: scan.ms, equal: reportEqual },
      progressReport: { p50: percentile(progressTimes, 50), p95: percentile(progressTimes, 95), fullScanMs: pscan.ms, equal: progressEqual },
      targets: { writesPerSecond: 2000, writeP99Ms: 50, reportP95Ms: 100 },
    };
    const f = (n: number) => n.toFixed(1);
    const stepRow = (st: OpenLoop & { holds: boolean }) => `| ${st.offered.toLocaleString('en')} | ${f(st.perSecond)} | ${f(st.p50)} | ${f(st.p99)} | ${st.failures} | ${st.maxInFlight} | ${st.holds ? 'yes' : 'no'} |`;
    writeResult('activity', result, [
      '# Activity benchmark: native PostgreSQL',
      '',
      `${ROWS.toLocaleString('en')} activity entries (${residentCount.toLocaleString('en')} residents), generated in ${f(generateSeconds)} s.`,
      '',
      '| measure | result | target |',
      '|---|---|---|',
      `| API writes with audit row, sustained (open loop, ${WRITE_SECONDS} s per step, ${SESSIONS} sessions, pool ${result.pool}) | **${sustained.toLocaleString('en')}/s** held with p99 ≤ 50 ms | ≥ 2,000/s, p99 ≤ 50 ms |`,
      `| API writes with audit row over HTTP, sustained (open loop from a client process, ${HTTP_CONNECTIONS} keep-alive connections) | **${httpSustained.toLocaleString('en')}/s** held with p99 ≤ 50 ms | ≥ 2,000/s, p99 ≤ 50 ms |`,
      `| API writes with audit row, closed loop (${CONCURRENCY} clients, ${WRITE_SECONDS} s) | ${f(result.write.perSecond)}/s, p50 ${f(result.write.p50)} ms, p99 ${f(result.write.p99)} ms, ${failures} failed | — |`,
      `| Jornada report | p50 ${f(result.jornadaReport.p50)} ms, p95 ${f(result.jornadaReport.p95)} ms; full scan ${f(scan.ms)} ms (ratio ${f(scan.ms / result.jornadaReport.p95)}×); equal: ${reportEqual} | p95 ≤ 100 ms |`,
      `| Requirements progress | p50 ${f(result.progressReport.p50)} ms, p95 ${f(result.progressReport.p95)} ms; full scan ${f(pscan.ms)} ms (ratio ${f(pscan.ms / result.progressReport.p95)}×); equal: ${progressEqual} | p95 ≤ 100 ms |`,
      '',
      'Open-loop steps (each request timed from the moment it was due):',
      '',
      '| offered /s | answered /s | p50 ms | p99 ms | failed | most in flight | holds |',
      '|---|---|---|---|---|---|---|',
      ...steps.map(stepRow),
      '',
      `The same over HTTP, from a client process (${HTTP_CONNECTIONS} keep-alive connections):`,
      '',
      '| offered /s | answered /s | p50 ms | p99 ms | failed | most in flight | holds |',
      '|---|---|---|---|---|---|---|',
      ...httpSteps.map(stepRow),
    ].join('\n'));
    return result;
  } finally {
    await sql.end();
    await database.close();
    await target.drop();
  }
}

/** Runs `activity-http-client.ts` in a process of its own (with this process's TypeScript loader) and returns its steps. */
function httpClient(input: { url: string; sessions: Record<string, string>[]; entries: Record<string, unknown>[]; rates: number[]; seconds: number; connections: number }) {
  return new Promise<OpenLoop[]>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, new URL('./activity-http-client.ts', import.meta.url).pathname], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdin.end(JSON.stringify(input));
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as OpenLoop[]) : reject(new Error(`El cliente HTTP terminó con código ${code}.`))));
  });
}
