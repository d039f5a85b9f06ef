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

describe('official DGIS catalogue files', () => {
  const upload = (system: string, label: string, text: string) =>
    admin.request('POST', `/api/v1/activity/code-versions?system=${system}&label=${encodeURIComponent(label)}`, Buffer.from(text, 'latin1'), { 'content-type': 'application/octet-stream', 'x-file-name': `${system}.csv` });

  it('reads CATALOG_KEY / NOMBRE with undotted keys in Latin-1, and finds and records them in one canonical form', async () => {
    const cie10 = [
      'LETRA,CATALOG_KEY,ASTERISCO,NOMBRE,LSEX,LINF,LSUP',
      'A,A000,,"Cólera debido a Vibrio cholerae 01, biotipo cholerae",NO,000D,120A',
      'A,A09X,,Diarrea y gastroenteritis de presunto origen infeccioso,NO,000D,120A',
      'I,I10X,,Hipertensión esencial (primaria),NO,010A,120A',
      'E,E119,,Diabetes mellitus no insulinodependiente sin mención de complicación,NO,010A,120A',
    ].join('\r\n');
    expect(ok<{ rowCount: number }>(await upload('cie10', 'CIE-10 DGIS', cie10), 201).rowCount).toBe(4);
    const byKey = ok<{ items: { code: string; description: string }[] }>(await j.me.get('/api/v1/activity/codes?system=cie10&q=a000'));
    expect(byKey.items).toEqual([{ code: 'A00.0', description: 'Cólera debido a Vibrio cholerae 01, biotipo cholerae' }]);
    expect(ok<{ items: { code: string }[] }>(await j.me.get('/api/v1/activity/codes?system=cie10&q=A00.0')).items.map((i) => i.code)).toEqual(['A00.0']);
    expect(ok<{ items: { code: string }[] }>(await j.me.get('/api/v1/activity/codes?system=cie10&q=colera')).items.map((i) => i.code)).toEqual(['A00.0']);
    const typedUndotted = ok<{ diagnosisCode: string }>(await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { diagnosisCode: 'a09x' })), 201);
    expect(typedUndotted.diagnosisCode).toBe('A09');
    const typedDotted = ok<{ diagnosisCode: string }>(await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { diagnosisCode: 'E119' })), 201);
    expect(typedDotted.diagnosisCode).toBe('E11.9');

    const cie9 = ['Catalog_Key;PRO_NOMBRE;PRO_SEXO', '4701;Apendicectomía laparoscópica;0', '4709;Otra apendicectomía;0', '6629;Otra oclusión endoscópica bilateral de las trompas;2'].join('\n');
    expect(ok<{ rowCount: number }>(await upload('cie9mc', 'CIE-9-MC DGIS', cie9), 201).rowCount).toBe(3);
    expect(ok<{ items: { code: string }[] }>(await j.me.get('/api/v1/activity/codes?system=cie9mc&q=4701')).items.map((i) => i.code)).toEqual(['47.01']);
    expect(ok<{ items: { code: string }[] }>(await j.me.get('/api/v1/activity/codes?system=cie9mc&q=47')).items.map((i) => i.code)).toEqual(['47.01', '47.09']);
    const surgery = ok<{ procedureCode: string }>(await j.me.post('/api/v1/activity/records', entry(j.resident.id, j.sede.unitId, { kind: 'cirugia', service: 'Cirugía general', procedureCode: '4701' })), 201);
    expect(surgery.procedureCode).toBe('47.01');
  });

  it('names the rows whose keys are not codes, duplicates after normalising included, and saves nothing', async () => {
    const before = ok<{ id: number }[]>(await admin.get('/api/v1/activity/code-versions')).length;
    const res = await upload('cie9mc', 'CIE-9-MC mala', 'CATALOG_KEY,PRO_NOMBRE\n4701,Apendicectomía\n47.01,Repetida\nA000,No es procedimiento\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['fila 3, codigo', 'fila 4, codigo']);
    expect(ok<{ id: number }[]>(await admin.get('/api/v1/activity/code-versions')).length).toBe(before);
    const noHeaders = await upload('cie10', 'CIE-10 sin encabezado', 'LETRA,CLAVE_X,TEXTO\nA,A000,Cólera\n');
    expect(noHeaders.json().detail).toContain('CATALOG_KEY');
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
