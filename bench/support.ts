import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import postgres from 'postgres';

export const BASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the native server for one benchmark run; only loopback addresses are accepted. */
export async function freshDatabase(prefix: string) {
  const url = new URL(BASE_URL);
  if (!['127.0.0.1', 'localhost', '::1'].includes(url.hostname)) throw new Error('Los benchmarks solo usan bases de datos locales (loopback).');
  const name = `${prefix}_${Date.now()}`;
  const admin = postgres({ host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username) || 'postgres', password: decodeURIComponent(url.password) || undefined, database: 'postgres', max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(BASE_URL);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

let gauge: number | undefined;
/**
 * Milliseconds a fixed single-thread workload takes here (100,000 JSON round trips of an
 * entry-sized object), measured once per run: this machine's speed changes from hour to hour, and
 * the gauge lets figures of different runs be compared (lower is faster).
 */
export function cpuGaugeMs() {
  if (gauge === undefined) {
    const entry = { residentId: 1, performedOn: '2026-05-14', unitId: 2, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', diagnosisCode: 'I10', ageBand: '45-59', sex: 'M' };
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += (JSON.parse(JSON.stringify({ ...entry, residentId: i })) as typeof entry).residentId;
    gauge = sum > 0 ? Math.round(performance.now() - started) : 0;
  }
  return gauge;
}

export const machine = () => ({ cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, cpuGaugeMs: cpuGaugeMs() });

/** Writes bench/results/<name>.json and <name>.md. */
export function writeResult(name: string, data: Record<string, unknown>, markdown: string) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${name}.json`, dir), JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), ...data }, null, 2));
  writeFileSync(new URL(`${name}.md`, dir), `${markdown}\n\nMachine: ${JSON.stringify(machine())}\n`);
  console.log(markdown);
}

/** Refuses any database server that is not on a loopback address. */
export function assertLoopback(url: string) {
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname)) throw new Error('Los benchmarks solo usan bases de datos locales (loopback).');
}

/**
 * A persistent database on the native loopback server, kept between runs (unlike freshDatabase):
 * whether it exists, its comment (where a build leaves its description), and create/drop.
 */
export async function persistentDatabase(name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Nombre de base de datos no válido: ${name} (use minúsculas, dígitos y _).`);
  assertLoopback(BASE_URL);
  const url = new URL(BASE_URL);
  const admin = postgres({ host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username) || 'postgres', password: decodeURIComponent(url.password) || undefined, database: 'postgres', max: 1, onnotice: () => {} });
  const target = new URL(BASE_URL);
  target.pathname = `/${name}`;
  return {
    name,
    url: target.toString(),
    exists: async () => (await admin`select 1 from pg_database where datname = ${name}`).length > 0,
    comment: async () => (await admin<{ c: string | null }[]>`select shobj_description(oid, 'pg_database') as c from pg_database where datname = ${name}`)[0]?.c ?? null,
    setComment: (text: string) => admin.unsafe(`comment on database ${name} is '${text.replaceAll("'", "''")}'`),
    create: () => admin.unsafe(`create database ${name}`),
    alter: (clause: string) => admin.unsafe(`alter database ${name} ${clause}`),
    drop: () => admin.unsafe(`drop database if exists ${name} with (force)`),
    end: () => admin.end(),
  };
}
