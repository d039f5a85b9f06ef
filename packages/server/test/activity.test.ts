import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRecords } from '../src/db/schema/activity.ts';
import { auditLog } from '../src/db/schema/audit.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { entry, residentWithProfessor } from './support/activity.ts';
import { ok } from './support/catalog.ts';
import { mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let j: Awaited<ReturnType<typeof residentWithProfessor>>;
let other: Awaited<ReturnType<typeof residentWithProfessor>>;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.act', [national()]);
  j = await residentWithProfessor(t, admin, 'Jalisco', 'jal');
  other = await residentWithProfessor(t, admin, 'Sonora', 'son');
});
afterAll(() => t.close());

describe('activity record → review → lock', () => {
  it('the resident logs an entry, the professor returns it, the resident fixes it, the professor verifies it and it locks', async () => {
    const created = ok<{ id: number; status: string; diagnosisVersionId: number; version: number }>(
      await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { supervision: 'realiza_supervisado', supervisorPersonId: j.titular.personId })),
      201,
    );
    expect(created.status).toBe('registrada');
    expect(created.diagnosisVersionId).toBeGreaterThan(0);
    const noComment = await j.prof.post(`/api/v1/activity/records/${created.id}/review`, { decision: 'devuelta', version: created.version });
    expect(noComment.statusCode).toBe(400);
    const returned = ok<{ status: string; version: number }>(await j.prof.post(`/api/v1/activity/records/${created.id}/review`, { decision: 'devuelta', comment: 'El diagnóstico es hipertensión', version: created.version }));
    expect(returned.status).toBe('devuelta');
    const fixed = ok<{ status: string; version: number; diagnosisCode: string }>(
      await j.me.patch(`/api/v1/activity/records/${created.id}`, { ...entry(j.resident.id, j.sede.unitId, { supervision: 'realiza_supervisado', supervisorPersonId: j.titular.personId, diagnosisCode: 'i10' }), version: returned.version }),
    );
    expect(fixed).toMatchObject({ status: 'registrada', diagnosisCode: 'I10' });
    const verified = ok<{ status: string; version: number }>(await j.prof.post(`/api/v1/activity/records/${created.id}/review`, { decision: 'verificada', version: fixed.version }));
    expect(verified.status).toBe('verificada');

    const edit = await j.me.patch(`/api/v1/activity/records/${created.id}`, { ...entry(j.resident.id, j.sede.unitId), version: verified.version });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'activity_locked', detail: expect.stringContaining('verificada') });
    const [audit] = await t.database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entity, 'activity_record'), eq(auditLog.entityId, String(created.id))));
    expect(Number(audit?.n)).toBe(4);
  });

  it('a stale version gets 409 with the current row', async () => {
    const row = ok<{ id: number }>(await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId)), 201);
    ok(await j.me.patch(`/api/v1/activity/records/${row.id}`, { ...entry(j.resident.id, j.sede.unitId, { service: 'Urgencias' }), version: 0 }));
    const stale = await j.me.patch(`/api/v1/activity/records/${row.id}`, { ...entry(j.resident.id, j.sede.unitId), version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { service: 'Urgencias' } });
  });
});

describe('bad input', () => {
  it('refuses a date after today', async () => {
    const res = await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { performedOn: '2099-01-01' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('posterior a hoy');
  });

  it('refuses a supervisor who is not a professor of the resident’s sede', async () => {
    const res = await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { supervision: 'ayuda', supervisorPersonId: other.titular.personId }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'supervisorPersonId' }], detail: expect.stringContaining('no es profesor') });
  });

  it('refuses a CIE code that is not in the catalogue version in force', async () => {
    const res = await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { diagnosisCode: 'X99.9' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('X99.9');
    const proc = await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { kind: 'cirugia', procedureCode: '99.99' }));
    expect(proc.json().detail).toContain('CIE-9-MC');
  });

  it('stores no patient identity even when sent', async () => {
    const row = ok<Record<string, unknown>>(await j.me.post('/api/v1/activity/records', { ...entry(j.resident.id, j.sede.unitId), patientName: 'Juan Pérez', nss: '12345678901' }), 201);
    expect(JSON.stringify(row)).not.toContain('Juan');
    expect(Object.keys(row)).not.toContain('nss');
  });

  it('a resident cannot log for another resident, nor a professor of another sede', async () => {
    expect((await j.me.post('/api/v1/activity/records', entry(other.resident.id, other.sede.unitId))).statusCode).toBe(403);
    expect((await other.prof.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId))).statusCode).toBe(403);
  });
});

describe('offline sync', () => {
  it('a replayed batch creates nothing new and answers with the same ids', async () => {
    const entries = [1, 2, 3].map((n) => ({ ...entry(j.resident.id, j.sede.unitId, { performedOn: `2026-06-0${n}` }), clientKey: `phone-${n}-abcdef` }));
    const bad = { ...entry(j.resident.id, j.sede.unitId, { performedOn: '2099-01-01' }), clientKey: 'phone-bad-abcdef' };
    const first = ok<{ results: { status: string; id?: number }[] }>(await j.me.post('/api/v1/activity/sync', { entries: [...entries, bad] }));
    expect(first.results.map((r) => r.status)).toEqual(['created', 'created', 'created', 'rejected']);
    const before = await t.database.db.$count(activityRecords, eq(activityRecords.residentId, j.resident.id));
    const again = ok<{ results: { status: string; id?: number }[] }>(await j.me.post('/api/v1/activity/sync', { entries }));
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.results.map((r) => r.id)).toEqual(first.results.slice(0, 3).map((r) => r.id));
    expect(await t.database.db.$count(activityRecords, eq(activityRecords.residentId, j.resident.id))).toBe(before);
  });
});

describe('who sees what', () => {
  it('the resident sees only their own entries; the professor their sede; the other sede’s professor none of them', async () => {
    const mine = ok<{ items: { residentId: number }[]; total: number }>(await j.me.get('/api/v1/activity/records?limit=5'));
    expect(mine.total).toBeGreaterThan(0);
    expect(new Set(mine.items.map((i) => i.residentId))).toEqual(new Set([j.resident.id]));
    const sede = ok<{ total: number }>(await j.prof.get('/api/v1/activity/records'));
    expect(sede.total).toBe(mine.total);
    const foreign = ok<{ total: number }>(await other.prof.get(`/api/v1/activity/records?residentId=${j.resident.id}`));
    expect(foreign.total).toBe(0);
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = ok(await j.prof.get(`/api/v1/activity/records?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      pages.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(pages).size).toBe(mine.total);
  });
});

describe('code catalogues', () => {
  it('searches by code prefix or accent-insensitive words', async () => {
    const byText = ok<{ items: { code: string }[] }>(await j.me.get('/api/v1/activity/codes?system=cie10&q=hipertension'));
    expect(byText.items.map((i) => i.code)).toContain('I10');
    const byCode = ok<{ items: { code: string }[] }>(await j.me.get('/api/v1/activity/codes?system=cie9mc&q=47'));
    expect(byCode.items.map((i) => i.code)).toEqual(['47.01', '47.09']);
  });

  it('an uploaded version becomes the one in force; records keep the version they used; bad files save nothing', async () => {
    const old = ok<{ id: number; diagnosisVersionId: number }>(await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { diagnosisCode: 'J45.9' })), 201);
    const upload = (csv: string) => admin.request('POST', '/api/v1/activity/code-versions?system=cie10&label=CIE-10%202026', Buffer.from(csv, 'latin1'), { 'content-type': 'application/octet-stream', 'x-file-name': 'cie10.csv' });
    const bad = await upload('codigo;descripcion\nI10;Hipertensión esencial\nZZZ;Sin formato\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('fila 3, codigo');
    const good = ok<{ id: number; rowCount: number }>(await upload('codigo;descripcion\nI10;Hipertensión esencial (primaria)\nE11.9;Diabetes mellitus tipo 2\n'), 201);
    expect(good.rowCount).toBe(2);
    expect(ok<{ items: { description: string }[] }>(await j.me.get('/api/v1/activity/codes?system=cie10&q=esencial')).items[0]?.description).toBe('Hipertensión esencial (primaria)');
    const gone = await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { diagnosisCode: 'J45.9' }));
    expect(gone.json().detail).toContain('CIE-10 2026');
    expect(ok<{ diagnosisVersionId: number }>(await j.me.get(`/api/v1/activity/records/${old.id}`)).diagnosisVersionId).toBe(old.diagnosisVersionId);
    expect((await j.me.request('POST', '/api/v1/activity/code-versions?system=cie10&label=x', Buffer.from('codigo,descripcion\nI10,x\n'), { 'content-type': 'application/octet-stream' })).statusCode).toBe(403);
  });
});

describe('requirements and progress', () => {
  it('counts verified entries against the minimums of the specialty and grade; the sede view lists who is behind', async () => {
    const fresh = ok<{ id: number; personId: number }>(await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: j.sede.id, cycleId: j.cycle.id, grade: 1, startNow: true }), 201);
    const ids: number[] = [];
    for (let n = 0; n < 3; n++) ids.push(ok<{ id: number }>(await j.prof.post('/api/v1/activity/records', entry(fresh.id, j.sede.unitId, { kind: 'deteccion_diabetes', diagnosisCode: null })), 201).id);
    await j.prof.post(`/api/v1/activity/records/${ids[0]}/review`, { decision: 'verificada', version: 0 });
    await j.prof.post(`/api/v1/activity/records/${ids[1]}/review`, { decision: 'verificada', version: 0 });
    const progress = ok<{ rows: { group: string; required: number; done: number; missing: number }[] }>(await j.prof.get(`/api/v1/activity/progress?residentId=${fresh.id}`));
    const [{ n }] = await t.database.db.select({ n: count() }).from(activityRecords).where(eq(activityRecords.residentId, fresh.id));
    expect(Number(n)).toBe(3);
    expect(progress.rows.find((r) => r.group === 'deteccion_diabetes')).toEqual({ group: 'deteccion_diabetes', required: 40, done: 2, missing: 38, percent: 5, expectedNow: expect.any(Number) });
    expect(progress.rows.find((r) => r.group === 'consulta_medicina_familiar')?.required).toBe(300);
    const behind = ok<{ residents: { residentId: number }[] }>(await j.prof.get(`/api/v1/activity/behind?sedeId=${j.sede.id}`));
    expect(behind.residents.map((r) => r.residentId)).toContain(fresh.id);
    expect((await j.me.get(`/api/v1/activity/behind?sedeId=${j.sede.id}`)).statusCode).toBe(403);
    expect((await other.prof.get(`/api/v1/activity/progress?residentId=${fresh.id}`)).statusCode).toBe(404);
  });
});
