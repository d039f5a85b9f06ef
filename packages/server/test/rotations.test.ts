import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from '../src/db/schema/people.ts';
import { users } from '../src/db/schema/access.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let coord: Client;
let sede: { id: number; unitId: number; ooadId: number };
let cycle: { id: number; code: string };
let urgencias: { id: number };
let consulta: { id: number };

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.rot', [national()]);
  sede = await familyMedicineSede(t.database.db, 'Jalisco');
  cycle = await cycleStartingIn(t.database.db, 2026);
  coord = await t.userWith('cceis.rot', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }]);
  // The demo UMF has no beds; a field rotation needs a hospital of 30 beds or more.
  const hospital = (await admin.get('/api/v1/catalog/units?q=Hospital General de Zona No. 14&limit=1')).json().items[0];
  urgencias = (await admin.post('/api/v1/rotations/services', { unitId: hospital.id, name: 'Urgencias', capacityPerGrade: [1, 1, 1] })).json();
  consulta = (await coord.post('/api/v1/rotations/services', { unitId: sede.unitId, name: 'Consulta externa', capacityPerGrade: [4, 4, 4] })).json();
});
afterAll(() => t.close());

const enrol = async (grade: number) => (await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: cycle.id, grade })).json();

describe('rotations', () => {
  it('the unit coordinator schedules blocks; overlaps and a full service are refused with the reason', async () => {
    const r = await enrol(1);
    const first = await coord.post('/api/v1/rotations', { residentId: r.id, serviceId: consulta.id, startsOn: '2026-03-01', endsOn: '2026-05-31' });
    expect(first.statusCode, first.body).toBe(201);
    const overlap = await coord.post('/api/v1/rotations', { residentId: r.id, serviceId: urgencias.id, startsOn: '2026-05-15', endsOn: '2026-06-30' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: 'rotation_overlap', detail: expect.stringContaining('se traslapan') });
    expect((await coord.post('/api/v1/rotations', { residentId: r.id, serviceId: urgencias.id, startsOn: '2026-06-01', endsOn: '2026-06-30' })).statusCode).toBe(201);
    const other = await enrol(1);
    const full = await coord.post('/api/v1/rotations', { residentId: other.id, serviceId: urgencias.id, startsOn: '2026-06-10', endsOn: '2026-07-10' });
    expect(full.statusCode).toBe(409);
    expect(full.json().detail).toContain('capacidad es 1');
  });

  it('requires the last-year rotación de campo at a unit with 30 beds or more, and shows missing ones in the plan', async () => {
    const r3 = await enrol(3);
    const atUmf = await coord.post('/api/v1/rotations', { residentId: r3.id, serviceId: consulta.id, startsOn: '2026-09-01', endsOn: '2026-11-30', kind: 'campo' });
    expect(atUmf.statusCode).toBe(400);
    expect(atUmf.json().detail).toContain('30 camas');
    const plan = (await coord.get(`/api/v1/rotations/plan?unitId=${sede.unitId}&cycleId=${cycle.id}`)).json();
    expect(plan.issues.some((i: { rule: string; residentId: number }) => i.rule === 'field_rotation' && i.residentId === r3.id)).toBe(true);
    expect((await coord.post('/api/v1/rotations', { residentId: r3.id, serviceId: urgencias.id, startsOn: '2026-09-01', endsOn: '2026-11-30', kind: 'campo' })).statusCode).toBe(201);
    const after = (await coord.get(`/api/v1/rotations/plan?unitId=${sede.unitId}&cycleId=${cycle.id}`)).json();
    expect(after.issues.some((i: { residentId: number }) => i.residentId === r3.id)).toBe(false);
    expect(after.residents.find((p: { id: number }) => p.id === r3.id).blocks).toHaveLength(1);
  });

  it('a resident asks for vacations; the coordinator approves; a stale decision gets 409', async () => {
    const r = await enrol(2);
    const me = await t.userWith('residente.vac', [{ role: 'residente', scopeKind: 'self' }]);
    const [user] = await t.database.db.select().from(users).where(eq(users.username, 'residente.vac'));
    await t.database.db.update(persons).set({ userId: user?.id }).where(eq(persons.id, r.personId));
    const asked = await me.post('/api/v1/rotations/absences', { residentId: r.id, kind: 'vacaciones', startsOn: '2026-07-06', endsOn: '2026-07-17' });
    expect(asked.statusCode, asked.body).toBe(201);
    const other = await enrol(2);
    expect((await me.post('/api/v1/rotations/absences', { residentId: other.id, kind: 'vacaciones', startsOn: '2026-07-06', endsOn: '2026-07-17' })).statusCode).toBe(403);
    const approved = await coord.post(`/api/v1/rotations/absences/${asked.json().id}/decision`, { status: 'aprobada', version: 0 });
    expect(approved.json().status).toBe('aprobada');
    expect((await coord.post(`/api/v1/rotations/absences/${asked.json().id}/decision`, { status: 'rechazada', version: 0 })).statusCode).toBe(409);
    const plan = (await coord.get(`/api/v1/rotations/plan?unitId=${sede.unitId}&cycleId=${cycle.id}`)).json();
    expect(plan.residents.find((p: { id: number }) => p.id === r.id).absences).toEqual([expect.objectContaining({ kind: 'vacaciones', startsOn: '2026-07-06' })]);
    const mine = (await me.get('/api/v1/rotations/absences')).json();
    expect(mine.map((a: { id: number }) => a.id)).toEqual([asked.json().id]);
  });

  it('keeps vacations to two periods of ten working days a cycle', async () => {
    const r = await enrol(2);
    const long = await coord.post('/api/v1/rotations/absences', { residentId: r.id, kind: 'vacaciones', startsOn: '2026-08-03', endsOn: '2026-08-18' });
    expect(long.statusCode).toBe(400);
    expect(long.json().detail).toContain('12 días hábiles');
    expect((await coord.post('/api/v1/rotations/absences', { residentId: r.id, kind: 'vacaciones', startsOn: '2026-08-03', endsOn: '2026-08-14' })).statusCode).toBe(201);
    expect((await coord.post('/api/v1/rotations/absences', { residentId: r.id, kind: 'vacaciones', startsOn: '2026-12-14', endsOn: '2026-12-25' })).statusCode).toBe(201);
    const third = await coord.post('/api/v1/rotations/absences', { residentId: r.id, kind: 'vacaciones', startsOn: '2027-01-11', endsOn: '2027-01-15' });
    expect(third.json().detail).toContain('2 periodos');
    expect((await coord.post('/api/v1/rotations/absences', { residentId: r.id, kind: 'incapacidad', startsOn: '2027-01-11', endsOn: '2027-01-29' })).statusCode).toBe(201);
  });

  it('publishes the official rest days of a year', async () => {
    const res = (await coord.get('/api/v1/guards/calendar?year=2030')).json();
    expect(res.days.map((d: { date: string }) => d.date)).toContain('2030-10-01');
  });
});

describe('annual plan', () => {
  it('copies last cycle forward by grade, one year later, and exports the plan', async () => {
    const next = await cycleStartingIn(t.database.db, 2027);
    const source = (await coord.get(`/api/v1/rotations/plan?unitId=${sede.unitId}&cycleId=${cycle.id}`)).json();
    const template = source.residents.find((r: { grade: number; blocks: unknown[] }) => r.grade === 1 && r.blocks.length > 0);
    const fresh = (await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: next.id, grade: 1 })).json();
    const copied = await coord.post('/api/v1/rotations/plan/copy', { unitId: sede.unitId, fromCycleId: cycle.id, toCycleId: next.id });
    expect(copied.statusCode, copied.body).toBe(200);
    expect(copied.json().copied).toBe(template.blocks.length);
    const plan = (await coord.get(`/api/v1/rotations/plan?unitId=${sede.unitId}&cycleId=${next.id}`)).json();
    const mine = plan.residents.find((r: { id: number }) => r.id === fresh.id);
    expect(mine.blocks.map((b: { startsOn: string }) => b.startsOn)).toEqual(template.blocks.map((b: { startsOn: string }) => `2027${b.startsOn.slice(4)}`));
    const xlsx = await coord.get(`/api/v1/rotations/plan/export.xlsx?unitId=${sede.unitId}&cycleId=${next.id}`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('skips copied blocks that would take a service over its capacity, and counts them apart', async () => {
    const next = await cycleStartingIn(t.database.db, 2027);
    const source = (await coord.get(`/api/v1/rotations/plan?unitId=${sede.unitId}&cycleId=${cycle.id}`)).json();
    const templates = source.residents.filter((r: { grade: number; blocks: unknown[] }) => r.grade === 1 && r.blocks.length > 0);
    expect(templates).toHaveLength(1);
    const blocks = templates[0].blocks as { serviceId: number }[];
    const atUrgencias = blocks.filter((b) => b.serviceId === urgencias.id).length;
    expect(atUrgencias).toBeGreaterThan(0);
    // Two newcomers follow the same template; Urgencias takes one R1 at a time and the resident copied before already holds the place.
    for (let i = 0; i < 2; i++) await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: next.id, grade: 1 });
    const copied = (await coord.post('/api/v1/rotations/plan/copy', { unitId: sede.unitId, fromCycleId: cycle.id, toCycleId: next.id })).json();
    expect(copied).toMatchObject({ copied: 2 * (blocks.length - atUrgencias), skipped: 0, overCapacity: 2 * atUrgencias });
    const plan = (await coord.get(`/api/v1/rotations/plan?unitId=${sede.unitId}&cycleId=${next.id}`)).json();
    expect(plan.issues.filter((i: { rule: string }) => i.rule === 'capacity')).toEqual([]);
  });
});
