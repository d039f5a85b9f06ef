import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.ts';
import { jobs, rosters } from '../src/db/schema/guards.ts';
import { buildApp } from '../src/http/app.ts';
import { type Client, national, setupApp, type TestApp, type TestContext } from './support/app.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

/**
 * Two server instances on one database (native PostgreSQL; PGlite serves a single process):
 * a session opened on one is valid on the other, and every background job runs exactly once
 * whichever instance queued it. Also, on either engine, a job left running by a dead instance
 * is picked up again once its lease runs out.
 */
let t: TestContext;
let coord: Client;
let unitId: number;
let serviceId: number;
const coverage = { weekday: { 1: 1 }, weekend: { 1: 1 }, holiday: { 1: 1 } };

beforeAll(async () => {
  t = await setupApp();
  const admin = await t.userWith('admin.instancias', [national()]);
  const sede = await familyMedicineSede(t.database.db, 'Sonora');
  unitId = sede.unitId;
  const cycle = await cycleStartingIn(t.database.db, 2026);
  coord = await t.userWith('cceis.instancias', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId }]);
  serviceId = (await coord.post('/api/v1/rotations/services', { unitId, name: 'Urgencias (instancias)', capacityPerGrade: [10, 10, 10] })).json().id;
  for (let i = 0; i < 5; i++) {
    const r = (await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: cycle.id, grade: 1 })).json();
    const rot = await coord.post('/api/v1/rotations', { residentId: r.id, serviceId, startsOn: '2026-04-01', endsOn: '2026-12-31' });
    if (rot.statusCode !== 201) throw new Error(rot.body);
  }
});
afterAll(() => t.close());

async function settled(db: Database['db'], ids: number[]) {
  for (let i = 0; i < 600; i++) {
    const rows = await db.select({ id: jobs.id, status: jobs.status, attempts: jobs.attempts, result: jobs.result }).from(jobs);
    const mine = rows.filter((r) => ids.includes(r.id));
    if (mine.length === ids.length && mine.every((r) => r.status === 'done' || r.status === 'failed')) return mine;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('jobs did not finish');
}

describe.runIf(inject('engine') === 'postgres')('two instances on one database', () => {
  let other: Database;
  let b: TestApp;

  beforeAll(async () => {
    other = await openDatabase({ url: t.database.url as string, maxConnections: 4 });
    b = await buildApp({ database: other, webRoot: null });
    await b.ready();
  });
  afterAll(async () => {
    await b.close();
    await other.close();
  });

  it('accepts on one instance the session and CSRF token issued by the other', async () => {
    const me = await b.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: coord.cookie } });
    expect(me.json().user.username).toBe('cceis.instancias');
    const write = await b.inject({ method: 'POST', url: '/api/v1/rotations/services', headers: { cookie: coord.cookie, 'x-csrf-token': coord.csrf }, payload: { unitId, name: 'Terapia intermedia (instancia B)', capacityPerGrade: [2, 2, 2] } });
    expect(write.statusCode).toBe(201);
  });

  it('runs each queued job exactly once, whichever instance queued it', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const payload = { unitId, serviceIds: [serviceId], month: `2026-${String(5 + i).padStart(2, '0')}`, coverage, seed: i + 1 };
      const res =
        i % 2
          ? await b.inject({ method: 'POST', url: '/api/v1/guards/rosters/generate', headers: { cookie: coord.cookie, 'x-csrf-token': coord.csrf }, payload })
          : await coord.post('/api/v1/guards/rosters/generate', payload);
      expect(res.statusCode).toBe(202);
      ids.push(res.json().jobId);
    }
    const done = await settled(t.database.db, ids);
    expect(done.map((j) => [j.status, j.attempts])).toEqual(ids.map(() => ['done', 1]));
    const rosterIds = done.map((j) => (j.result as { rosterId: number }).rosterId);
    expect(new Set(rosterIds).size).toBe(6);
    const made = await t.database.db.select({ id: rosters.id }).from(rosters).where(eq(rosters.unitId, unitId));
    expect(made.length).toBe(6);
  });
});

describe('a job whose runner died', () => {
  it('is claimed again after its lease and finishes', async () => {
    const input = { unitId, serviceIds: [serviceId], month: '2026-11', coverage, seed: 9 };
    const queued = await coord.post('/api/v1/guards/rosters/generate', input);
    const first = await settled(t.database.db, [queued.json().jobId]);
    expect(first[0]?.status).toBe('done');
    // The same work, as a dead instance would leave it: running, silent for three minutes.
    const [orphan] = await t.database.db
      .insert(jobs)
      .values({ kind: 'roster', input: (await t.database.db.select().from(jobs).where(eq(jobs.id, queued.json().jobId)))[0]?.input, status: 'running', attempts: 1, startedAt: sql`now() - interval '3 minutes'`, heartbeatAt: sql`now() - interval '3 minutes'` })
      .returning({ id: jobs.id });
    const [again] = await settled(t.database.db, [orphan?.id as number]);
    expect(again?.status).toBe('done');
    expect(again?.attempts).toBe(2);
  });
});
