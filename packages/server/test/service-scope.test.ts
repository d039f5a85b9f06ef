import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/access.ts';
import { guardSwaps } from '../src/db/schema/guards.ts';
import { persons, residents } from '../src/db/schema/people.ts';
import { type Client, national, PASSWORD, setupApp, type TestContext } from './support/app.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

/**
 * A jefe de servicio heads one clinical service: they run the guardias of rosters made only of
 * that service, and nothing of the other services of their unit, of rosters shared with them, or
 * of another unit. Rosters: Urgencias (A) and Medicina Interna (B) in April, A+B together in May,
 * and one of another unit (C) in April.
 */
type Roster = { id: number; revision: number; assignments: { date: string; residentId: number }[]; violations: unknown[] };
type Sede = { id: number; unitId: number; ooadId: number };

let t: TestContext;
let admin: Client;
let coord: Client;
let jefe: Client;
let unit: Sede;
let other: Sede;
let cycleId: number;
const svc = { a: 0, b: 0, c: 0 };
const people = { a: [] as number[], b: [] as number[], c: [] as number[] };
const roster = {} as Record<'a' | 'b' | 'ab' | 'c', Roster>;
const onlyR1 = { weekday: { 1: 1 }, weekend: { 1: 1 }, holiday: { 1: 1 } };

async function finished(client: Client, jobId: number) {
  for (let i = 0; i < 400; i++) {
    const job = ok<{ status: string; result?: { status: string; rosterId: number } }>(await client.get(`/api/v1/guards/jobs/${jobId}`));
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

async function generated(client: Client, unitId: number, serviceIds: number[], month: string) {
  const job = await finished(client, ok<{ jobId: number }>(await client.post('/api/v1/guards/rosters/generate', { unitId, serviceIds, month, coverage: onlyR1 }), 202).jobId);
  expect(job.result?.status, JSON.stringify(job)).toBe('ok');
  return ok<Roster>(await client.get(`/api/v1/guards/rosters/${job.result?.rosterId}`));
}

/** R1 residents of a sede rotating in a service through the second quarter. */
async function rotating(sede: Sede, serviceId: number, by: Client) {
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = ok<{ id: number }>(await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId, grade: 1 }), 201);
    ok(await by.post('/api/v1/rotations', { residentId: r.id, serviceId, startsOn: '2026-04-01', endsOn: '2026-06-30' }), 201);
    ids.push(r.id);
  }
  return ids;
}

const newService = async (by: Client, unitId: number, name: string) => ok<{ id: number }>(await by.post('/api/v1/rotations/services', { unitId, name, capacityPerGrade: [10, 10, 10] }), 201).id;
const unrelated = ['b', 'ab', 'c'] as const;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.jefatura', [national()]);
  unit = await familyMedicineSede(t.database.db, 'Jalisco');
  other = await familyMedicineSede(t.database.db, 'Nuevo León');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  coord = await t.userWith('cceis.jefatura', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: unit.unitId }]);
  svc.a = await newService(coord, unit.unitId, 'Urgencias (jefatura)');
  svc.b = await newService(coord, unit.unitId, 'Medicina Interna (jefatura)');
  svc.c = await newService(admin, other.unitId, 'Urgencias (otra unidad)');
  people.a = await rotating(unit, svc.a, coord);
  people.b = await rotating(unit, svc.b, coord);
  people.c = await rotating(other, svc.c, admin);
  roster.a = await generated(coord, unit.unitId, [svc.a], '2026-04');
  roster.b = await generated(coord, unit.unitId, [svc.b], '2026-04');
  roster.ab = await generated(coord, unit.unitId, [svc.a, svc.b], '2026-05');
  roster.c = await generated(admin, other.unitId, [svc.c], '2026-04');
  jefe = await t.userWith('jefe.urgencias', [{ role: 'jefe_servicio', scopeKind: 'unit', unitId: unit.unitId, serviceId: svc.a }]);
}, 120_000);
afterAll(() => t.close());

describe('a jefe de servicio and the rosters of the unit', () => {
  it('lists only the rosters made of their service; the coordinator lists them all; another unit is refused', async () => {
    const mine = ok<{ id: number }[]>(await jefe.get(`/api/v1/guards/rosters?unitId=${unit.unitId}`)).map((r) => r.id);
    expect(mine).toEqual([roster.a.id]);
    const all = ok<{ id: number }[]>(await coord.get(`/api/v1/guards/rosters?unitId=${unit.unitId}`)).map((r) => r.id);
    expect(all.sort()).toEqual([roster.a.id, roster.b.id, roster.ab.id].sort());
    expect((await jefe.get(`/api/v1/guards/rosters?unitId=${other.unitId}`)).statusCode).toBe(403);
  });

  it('opens, edits and exports a roster of their service, and none of the others', async () => {
    expect(ok<Roster>(await jefe.get(`/api/v1/guards/rosters/${roster.a.id}`)).id).toBe(roster.a.id);
    const edited = ok<Roster>(await jefe.patch(`/api/v1/guards/rosters/${roster.a.id}`, { assignments: roster.a.assignments, revision: roster.a.revision }));
    expect(edited.revision).toBe(roster.a.revision + 1);
    roster.a = edited;
    expect((await jefe.get(`/api/v1/guards/rosters/${roster.a.id}/export.pdf`)).statusCode).toBe(200);
    for (const key of unrelated) {
      const r = roster[key];
      const read = await jefe.get(`/api/v1/guards/rosters/${r.id}`);
      expect({ key, status: read.statusCode }).toEqual({ key, status: 403 });
      if (key !== 'c') expect(read.json().detail).toContain('servicios que usted no encabeza');
      expect((await jefe.patch(`/api/v1/guards/rosters/${r.id}`, { assignments: [], revision: r.revision })).statusCode).toBe(403);
      expect((await jefe.get(`/api/v1/guards/rosters/${r.id}/export.xlsx`)).statusCode).toBe(403);
      const owner = key === 'c' ? admin : coord;
      expect(ok<Roster>(await owner.get(`/api/v1/guards/rosters/${r.id}`)).assignments).toEqual(r.assignments);
    }
  });

  it('publishes a roster of their service, and no other', async () => {
    for (const key of unrelated) expect((await jefe.post(`/api/v1/guards/rosters/${roster[key].id}/publish`, { revision: roster[key].revision })).statusCode).toBe(403);
    expect(ok<{ status: string }>(await coord.get(`/api/v1/guards/rosters/${roster.b.id}`)).status).toBe('draft');
    expect(ok<{ status: string }>(await jefe.post(`/api/v1/guards/rosters/${roster.a.id}/publish`, { revision: roster.a.revision })).status).toBe('published');
    // Published by their coordinators, for the swaps and the compliance report below.
    ok(await coord.post(`/api/v1/guards/rosters/${roster.b.id}/publish`, { revision: roster.b.revision }));
    ok(await admin.post(`/api/v1/guards/rosters/${roster.c.id}/publish`, { revision: roster.c.revision }));
    expect((await jefe.post(`/api/v1/guards/rosters/${roster.b.id}/revise`)).statusCode).toBe(403);
  });

  it('generates for their service only, with the reason when a service is not theirs', async () => {
    const b = await jefe.post('/api/v1/guards/rosters/generate', { unitId: unit.unitId, serviceIds: [svc.b], month: '2026-06', coverage: onlyR1 });
    expect(b.statusCode).toBe(403);
    expect(b.json().detail).toContain('No encabeza Medicina Interna (jefatura)');
    expect((await jefe.post('/api/v1/guards/rosters/generate', { unitId: unit.unitId, serviceIds: [svc.a, svc.b], month: '2026-06', coverage: onlyR1 })).statusCode).toBe(403);
    expect((await jefe.post('/api/v1/guards/rosters/generate', { unitId: other.unitId, serviceIds: [svc.c], month: '2026-06', coverage: onlyR1 })).statusCode).toBe(403);
    const own = await generated(jefe, unit.unitId, [svc.a], '2026-06');
    expect(ok<{ id: number }[]>(await jefe.get(`/api/v1/guards/rosters?unitId=${unit.unitId}`)).map((r) => r.id)).toContain(own.id);
  });

  it('decides the swaps of a roster of their service only', async () => {
    const [jefeUser] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'jefe.urgencias'));
    // Requests as residents file them; their rule check is another story (guards tests).
    const ask = async (r: Roster) => {
      const [first, second] = [...new Set(r.assignments.map((x) => x.residentId))];
      const mine = r.assignments.find((x) => x.residentId === first) as { date: string };
      const theirs = r.assignments.find((x) => x.residentId === second) as { date: string };
      const [row] = await t.database.db.insert(guardSwaps).values({ rosterId: r.id, requesterResidentId: first as number, requesterDate: mine.date, partnerResidentId: second as number, partnerDate: theirs.date }).returning({ id: guardSwaps.id });
      return row?.id as number;
    };
    const swapB = await ask(roster.b);
    const swapC = await ask(roster.c);
    const swapA = await ask(roster.a);
    for (const id of [swapB, swapC]) expect((await jefe.post(`/api/v1/guards/swaps/${id}/decision`, { status: 'rechazado', reason: 'Sin cobertura' })).statusCode).toBe(403);
    expect((await jefe.get(`/api/v1/guards/swaps?rosterId=${roster.b.id}`)).statusCode).toBe(403);
    const still = await t.database.db.select({ status: guardSwaps.status }).from(guardSwaps).where(eq(guardSwaps.id, swapB));
    expect(still).toEqual([{ status: 'solicitado' }]);
    expect(ok(await jefe.post(`/api/v1/guards/swaps/${swapA}/decision`, { status: 'rechazado', reason: 'Sin cobertura' }))).toEqual({ status: 'rechazado' });
    const decided = await t.database.db.select({ status: guardSwaps.status, decidedBy: guardSwaps.decidedBy }).from(guardSwaps).where(eq(guardSwaps.id, swapA));
    expect(decided).toEqual([{ status: 'rechazado', decidedBy: jefeUser?.id }]);
  });

  it('sees the days off asked by residents of their service only', async () => {
    for (const [key, residentId] of [['a', people.a[0]], ['b', people.b[0]]] as const) {
      const client = await t.userWith(`residente.libre.${key}`, [{ role: 'residente', scopeKind: 'self' }]);
      const [row] = await t.database.db.select({ personId: residents.personId }).from(residents).where(eq(residents.id, residentId as number));
      const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, `residente.libre.${key}`));
      await t.database.db.update(persons).set({ userId: user?.id }).where(eq(persons.id, row?.personId as number));
      ok(await client.request('PUT', '/api/v1/guards/day-off-requests', { month: '2026-06', dates: ['2026-06-12'] }));
    }
    const june = `unitId=${unit.unitId}&month=2026-06`;
    const seen = (list: { residentId: number }[]) => list.map((d) => d.residentId).sort();
    expect(seen(ok(await coord.get(`/api/v1/guards/day-off-requests?${june}`)))).toEqual([people.a[0], people.b[0]].sort());
    expect(seen(ok(await jefe.get(`/api/v1/guards/day-off-requests?${june}`)))).toEqual([people.a[0]]);
    expect((await jefe.get(`/api/v1/guards/day-off-requests?unitId=${other.unitId}&month=2026-06`)).statusCode).toBe(403);
  });

  it('reads the compliance report of their service\'s rosters only', async () => {
    const ids = (body: { rosters: { rosterId: number }[] }) => body.rosters.map((r) => r.rosterId).sort();
    expect(ids(ok(await coord.get(`/api/v1/guards/compliance?unitId=${unit.unitId}&month=2026-04`)))).toEqual([roster.a.id, roster.b.id].sort());
    expect(ids(ok(await jefe.get(`/api/v1/guards/compliance?unitId=${unit.unitId}&month=2026-04`)))).toEqual([roster.a.id]);
    expect((await jefe.get(`/api/v1/guards/compliance?unitId=${other.unitId}&month=2026-04`)).statusCode).toBe(403);
  });

  it('leaves the unit\'s guardia rules to its coordination', async () => {
    const override = { unitId: unit.unitId, effectiveFrom: '2027-03-01', params: { maxGuardsPerWeek: 1 } };
    const refused = await jefe.post('/api/v1/guards/rule-overrides', override);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('coordinación de educación');
    ok(await coord.post('/api/v1/guards/rule-overrides', override), 201);
  });

  it('still reads the whole unit: its people and its services', async () => {
    const services = ok<{ items: { id: number }[] }>(await jefe.get(`/api/v1/rotations/services?unitId=${unit.unitId}&limit=50`)).items.map((s) => s.id);
    expect(services).toEqual(expect.arrayContaining([svc.a, svc.b]));
  });
});

describe('granting the role', () => {
  const jefeGrant = (over: Record<string, unknown>) => ({ role: 'jefe_servicio', scopeKind: 'unit', unitId: unit.unitId, ...over });
  const create = (username: string, grants: unknown[]) => admin.post('/api/v1/access/users', { username, displayName: 'Jefe de prueba', password: PASSWORD, grants });
  const errors = (res: { json: () => { errors?: { field: string; message: string }[] } }) => res.json().errors ?? [];

  it('asks for the service the jefe heads, of the chosen unit, and for no other role', async () => {
    const missing = await create('jefe.sin.servicio', [jefeGrant({})]);
    expect(missing.statusCode).toBe(400);
    expect(errors(missing)).toContainEqual({ field: 'grants.0.serviceId', message: 'Indique el servicio que encabeza.' });
    const elsewhere = await create('jefe.otra.unidad', [jefeGrant({ serviceId: svc.c })]);
    expect(elsewhere.statusCode).toBe(400);
    expect(errors(elsewhere)).toContainEqual({ field: 'grants.0.serviceId', message: 'El servicio Urgencias (otra unidad) no pertenece a la unidad elegida; elija un servicio de esa unidad.' });
    const coordinator = await create('cceis.con.servicio', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: unit.unitId, serviceId: svc.a }]);
    expect(errors(coordinator)).toContainEqual({ field: 'grants.0.serviceId', message: 'Solo el rol de jefe de servicio se asigna a un servicio.' });
    for (const username of ['jefe.sin.servicio', 'jefe.otra.unidad', 'cceis.con.servicio']) expect(await t.database.db.$count(users, eq(users.username, username))).toBe(0);
  });

  it('keeps the service with the grant, shows it in the list, and moves it on an update', async () => {
    const created = ok<{ id: number; version: number; grants: { serviceId: number | null }[] }>(await create('jefe.nuevo', [jefeGrant({ serviceId: svc.b })]), 201);
    expect(created.grants).toEqual([expect.objectContaining({ role: 'jefe_servicio', unitId: unit.unitId, serviceId: svc.b })]);
    const listed = ok<{ items: { username: string; services: string[] }[] }>(await admin.get('/api/v1/access/users?q=jefe.nuevo'));
    expect(listed.items).toEqual([expect.objectContaining({ username: 'jefe.nuevo', services: ['Medicina Interna (jefatura)'] })]);
    const wrong = await admin.patch(`/api/v1/access/users/${created.id}`, { grants: [jefeGrant({ serviceId: svc.c })], version: created.version });
    expect(wrong.statusCode).toBe(400);
    const moved = ok<{ grants: { serviceId: number | null }[] }>(await admin.patch(`/api/v1/access/users/${created.id}`, { grants: [jefeGrant({ serviceId: svc.a })], version: created.version }));
    expect(moved.grants.map((g) => g.serviceId)).toEqual([svc.a]);
    const session = await t.login('jefe.nuevo', PASSWORD);
    expect((await session.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'otra-contraseña-del-jefe' })).statusCode).toBe(204);
    expect(ok<{ user: { grants: { serviceId: number | null }[] } }>(await session.get('/api/v1/auth/me')).user.grants.map((g) => g.serviceId)).toEqual([svc.a]);
    expect(ok<{ id: number }[]>(await session.get(`/api/v1/guards/rosters?unitId=${unit.unitId}`)).map((r) => r.id)).toContain(roster.a.id);
  });
});
