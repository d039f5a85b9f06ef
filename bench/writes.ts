import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { freePort } from '../packages/server/test/support/server-process.ts';
import { CONNECTIONS, type Load, load, nationalServer, SECONDS, sessionHeaders } from './http-support.ts';
import { writeResult } from './support.ts';
import { KINDS, type Pools, type Sql, type WriteKind } from './writes-kinds.ts';
import { directPhase, httpPhase, nextSerial, type Phase } from './writes-phases.ts';

/**
 * Authenticated writes on the national institution (native PostgreSQL, loopback), with autocannon
 * at 50 connections: four everyday writes, each alone and then mixed, through HTTP with the
 * session cookie and the CSRF token; in the same run a bare Fastify POST route (ceiling) and the
 * same row and audit writes as direct SQL in one transaction each (floor). After every phase the
 * database must hold exactly the answered writes, each with its audit row.
 */
export async function writesBenchmark() {
  const env = await nationalServer('sirem_bench_writes');
  const sql = postgres(env.db.url, { max: CONNECTIONS, onnotice: () => {} });
  try {
    const base = env.server.url;
    const sessions = { central: await sessionHeaders(base, 'central'), titular: await sessionHeaders(base, 'titular') };
    const pools = await preparePools(sql);
    await preflight(base, sessions, pools);
    const http: Phase[] = [];
    for (const kind of KINDS) http.push(await httpPhase(kind.name, base, sql, pools, [kind], sessions));
    http.push(await httpPhase('write mix', base, sql, pools, KINDS, sessions));
    const ceiling = await bareFastify(JSON.stringify(KINDS[0]?.http(pools, nextSerial()).body));
    const floor: Phase[] = [];
    for (const kind of KINDS) floor.push(await directPhase(kind.name, sql, pools, [kind]));
    floor.push(await directPhase('write mix', sql, pools, KINDS));
    const passed = [...http, ...floor].every((p) => p.checks.every((c) => c.passed));
    report(env.seedSeconds, pools, http, floor, ceiling, passed);
    if (!passed) process.exitCode = 1;
  } finally {
    await sql.end();
    await env.stop();
  }
}

/**
 * The rows the writes act on. The national data have no rotations, so each active resident gets
 * one (January 2027) in a service made for the benchmark at their sede's unit, roomy enough that
 * no capacity rule refuses an edit.
 */
async function preparePools(sql: Sql): Promise<Pools> {
  const residents = await sql<Pools['residents']>`select r.id, r.person_id as "personId", r.sede_id as "sedeId", s.unit_id as "unitId" from residents r join sedes s on s.id = r.sede_id where r.status = 'activo' order by r.id`;
  await sql`insert into clinical_services (unit_id, name, capacity_per_grade)
    select s.unit_id, 'Servicio de carga ' || s.id, '{999,999,999,999,999,999}' from sedes s where exists (select 1 from residents r where r.sede_id = s.id and r.status = 'activo')`;
  const rotations = await sql<Pools['rotations']>`insert into rotations (resident_id, service_id, starts_on, ends_on, kind)
    select r.id, cs.id, '2027-01-04', '2027-01-31', 'regular' from residents r join sedes s on s.id = r.sede_id
    join clinical_services cs on cs.unit_id = s.unit_id and cs.name = 'Servicio de carga ' || s.id where r.status = 'activo'
    returning id, resident_id as "residentId", service_id as "serviceId"`;
  const supervised = await sql<Pools['supervised']>`select r.id, r.sede_id as "sedeId", s.unit_id as "unitId" from residents r join sedes s on s.id = r.sede_id
    where r.status = 'activo' and r.sede_id = (select fa.sede_id from faculty_appointments fa join persons p on p.id = fa.person_id join users u on u.id = p.user_id where u.username = 'titular' limit 1)`;
  const users = Object.fromEntries((await sql<{ id: number; username: string }[]>`select id, username from users where username in ('central', 'titular')`).map((u) => [u.username, u.id]));
  if (!residents.length || !rotations.length || !supervised.length) throw new Error('Faltan residentes, rotaciones o residentes del titular en los datos nacionales.');
  return { residents: [...residents], rotations: [...rotations], supervised: [...supervised], versions: { person: new Map(), rotation: new Map() }, users: { central: users.central as number, titular: users.titular as number } };
}

/** One write of each kind before measuring, so a request the API refuses stops the run with the server's answer. */
async function preflight(base: string, sessions: Record<WriteKind['account'], Record<string, string>>, pools: Pools) {
  for (const kind of KINDS) {
    const write = kind.http(pools, nextSerial());
    const res = await fetch(`${base}${write.path}`, { method: write.method, headers: { ...sessions[kind.account], 'content-type': 'application/json' }, body: JSON.stringify(write.body) });
    if (!res.ok) throw new Error(`${kind.name}: ${res.status} ${await res.text()}`);
  }
}

/** Ceiling: a Fastify process with one POST route that parses the body and answers, nothing else. */
async function bareFastify(body: string): Promise<Load> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./writes-ceiling.ts', import.meta.url).pathname, String(port)], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  const up = () => fetch(`${url}/write`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.ok, () => false);
  for (let i = 0; i < 100 && !(await up()); i++) await new Promise((r) => setTimeout(r, 100));
  try {
    return await load('bare Fastify POST (parse the body, no work)', url, [{ method: 'POST', path: '/write', headers: { 'content-type': 'application/json' }, body }]);
  } finally {
    child.kill();
  }
}

function report(seedSeconds: number, pools: Pools, http: Phase[], floor: Phase[], ceiling: Load, passed: boolean) {
  const pctOf = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)} %` : '');
  const floorOf = (name: string) => floor.find((f) => f.name === name);
  const row = (r: Load, vsFloor?: Load) => `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${pctOf(r.rps, ceiling.rps)} | ${vsFloor ? pctOf(r.rps, vsFloor.rps) : ''} |`;
  const checkRow = (side: string, p: Phase) => p.checks.map((c) => `| ${side} | ${p.name} | ${c.kind} | ${c.ok} | ${c.refused} | ${c.unanswered} (${c.landed} stored) | ${c.lost} | ${c.refusedButStored} | ${c.rows} | ${c.audits} | ${c.passed ? '✓' : '✗'} |`);
  writeResult('writes', { connections: CONNECTIONS, seconds: SECONDS, seedSeconds, pools: { residents: pools.residents.length, rotations: pools.rotations.length, supervised: pools.supervised.length }, http, ceiling, floor, passed }, [
    `# Authenticated writes, national data (${pools.residents.length} active residents), native PostgreSQL, ${CONNECTIONS} connections × ${SECONDS} s each`,
    '',
    'Through HTTP (session cookie and CSRF token; validation, scope, version or overlap check, row and audit row):',
    '',
    '| load | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | share of bare Fastify | share of direct SQL |',
    '|---|---|---|---|---|---|---|---|---|',
    ...http.map((r) => row(r, floorOf(r.name))),
    row(ceiling),
    '',
    `Direct SQL (floor): the same UPDATE or INSERT and its audit INSERT in one transaction through postgres.js, ${CONNECTIONS} concurrent workers:`,
    '',
    '| load | tx/s | p50 ms | p95 ms | p99 ms | errors | share of bare Fastify |',
    '|---|---|---|---|---|---|---|',
    ...floor.map((r) => `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${pctOf(r.rps, ceiling.rps)} |`),
    '',
    'What the database holds after each phase (every 2xx write stored with one audit row, refused ones not at all; writes in flight when the run stopped may land):',
    '',
    '| side | phase | write | 2xx | refused | unanswered | lost | refused but stored | row changes | audit rows | passed |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...http.flatMap((p) => checkRow('HTTP', p)),
    ...floor.flatMap((p) => checkRow('SQL', p)),
    '',
    `Verification ${passed ? 'passed' : 'FAILED'}. National data loaded in ${seedSeconds.toFixed(0)} s.`,
  ].join('\n'));
}
