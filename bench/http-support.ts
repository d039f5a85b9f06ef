import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort, HttpClient, ServerProcess } from '../packages/server/test/support/server-process.ts';
import { freshDatabase } from './support.ts';

export const DEMO_PASSWORD = 'demo-bench-contraseña-1';
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

export type Load = { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; requests: number };

/** A fresh native database with the national institution, and a SIREM server process on it (loopback). */
export async function nationalServer(prefix: string) {
  const db = await freshDatabase(prefix);
  const env = { DATABASE_URL: db.url, SIREM_DEMO_PASSWORD: DEMO_PASSWORD, SIREM_SEED_SCALE: 'national' };
  const started = performance.now();
  const seeded = spawnSync(process.execPath, [new URL('../packages/server/bin/sirem.js', import.meta.url).pathname, 'seed', '--scale', 'national'], { env: { ...process.env, ...env }, stdio: 'inherit' });
  if (seeded.status !== 0) throw new Error('No se pudo cargar la institución nacional.');
  const seedSeconds = (performance.now() - started) / 1000;
  const server = new ServerProcess(env, await freePort());
  await server.start();
  return { db, server, seedSeconds, stop: async () => (await server.kill('SIGTERM'), await db.drop()) };
}

/** Signs a demo account in and returns the headers a browser would send. */
export async function sessionHeaders(base: string, username: string): Promise<Record<string, string>> {
  const client = new HttpClient(() => base);
  await client.login(username, DEMO_PASSWORD);
  return client.headers();
}

/** autocannon against loopback only, with the figures the summary reports. */
export async function load(name: string, url: string, requests: autocannon.Request[], headers: Record<string, string> = {}, seconds = SECONDS): Promise<Load> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error('Las pruebas de carga solo se dirigen a loopback.');
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, requests }, (err, res) => (err ? reject(err) : resolve(res)));
    // autocannon's summary has p97.5 but no p95: keep every response time and take it exactly.
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  });
  return { name, rps: result.requests.average, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), errors: result.errors + result.timeouts, non2xx: result.non2xx, requests: result.requests.total };
}

export function pct(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(100 * (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number)) / 100;
}
