import { cycleForDate, mexicoToday } from '@sirem/core';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRequirements } from '../src/db/schema/activity.ts';
import { auditLog } from '../src/db/schema/audit.ts';
import { specialties } from '../src/db/schema/catalog.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let central: Client;
let coordinator: Client;
let ooadCoordinator: Client;
let sede: Awaited<ReturnType<typeof familyMedicineSede>>;
let mfa: number;
// Minimums are set per cycle; the cycle now running is the earliest one that may still take one.
const thisCycle = cycleForDate(mexicoToday()).startsOn;
const year = Number(thisCycle.slice(0, 4));
const nextCycle = `${year + 1}-03-01`;

type Progress = { rows: { group: string; required: number }[] };
const required = async (client: Client, residentId: number, group = 'consulta_medicina_familiar') =>
  ok<Progress>(await client.get(`/api/v1/activity/progress?residentId=${residentId}`)).rows.find((r) => r.group === group)?.required;
const tableCount = async () => Number((await t.database.db.select({ n: count() }).from(activityRequirements))[0]?.n);
const auditCount = async () => Number((await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, 'activity_requirement')))[0]?.n);
const upload = (client: Client, text: string, query: string) =>
  client.request('POST', `/api/v1/activity/requirements/upload?${query}`, Buffer.from(text, 'utf8'), { 'content-type': 'text/csv', 'x-file-name': 'minimos.csv' });

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.req', [national()]);
  central = await t.userWith('central.req', [national('nivel_central')]);
  sede = await familyMedicineSede(t.database.db, 'Jalisco');
  coordinator = await t.userWith('coord.req', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }]);
  ooadCoordinator = await t.userWith('ooad.req', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: sede.ooadId }]);
  [{ id: mfa }] = (await t.database.db.select({ id: specialties.id }).from(specialties).where(eq(specialties.code, 'MFA'))) as [{ id: number }];
});
afterAll(() => t.close());

describe('national level sets a minimum from a cycle on', () => {
  it('changes progress for the cycles from that date and leaves earlier ones with the minimum in force then', async () => {
    const cycle = await cycleStartingIn(t.database.db, year);
    const first = ok<{ id: number }>(await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: cycle.id, grade: 1, startNow: true }), 201);
    const second = ok<{ id: number }>(await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: cycle.id, grade: 2, startNow: true }), 201);
    // The seed: R1 300 and R2 400 consultations since 2020.
    expect(await required(coordinator, first.id)).toBe(300);
    expect(await required(coordinator, second.id)).toBe(700);
    const audits = await auditCount();

    const set = await central.post('/api/v1/activity/requirements', { specialtyId: mfa, grade: 1, group: 'consulta_medicina_familiar', minimum: 350, validFrom: thisCycle });
    expect(set.statusCode).toBe(201);
    expect(set.json()).toMatchObject({ minimum: 350, validFrom: thisCycle });
    // The R1 of this cycle is measured against 350; the R2 did R1 last cycle, under 300.
    expect(await required(coordinator, first.id)).toBe(350);
    expect(await required(coordinator, second.id)).toBe(700);
    // A minimum from next cycle changes nobody's progress today.
    ok(await central.post('/api/v1/activity/requirements', { specialtyId: mfa, grade: 1, group: 'consulta_medicina_familiar', minimum: 380, validFrom: nextCycle }), 201);
    expect(await required(coordinator, first.id)).toBe(350);
    expect(await auditCount()).toBe(audits + 2);

    const inForce = (on: string) => coordinator.get(`/api/v1/activity/requirements?specialtyId=${mfa}&grade=1&on=${on}`);
    const pick = (res: Awaited<ReturnType<typeof inForce>>) => ok<{ items: { group: string; minimum: number }[] }>(res).items.find((i) => i.group === 'consulta_medicina_familiar')?.minimum;
    expect(pick(await inForce(`${year - 1}-06-01`))).toBe(300);
    expect(pick(await inForce(`${year}-06-01`))).toBe(350);
    expect(pick(await inForce(`${year + 1}-06-01`))).toBe(380);
    const history = ok<{ items: { minimum: number; validFrom: string; until: string | null }[]; canManage: boolean }>(await coordinator.get(`/api/v1/activity/requirements?specialtyId=${mfa}&grade=1`));
    expect(history.canManage).toBe(false);
    expect(history.items.filter((i) => i.minimum >= 300 && i.minimum <= 380).map((i) => [i.minimum, i.validFrom, i.until])).toEqual([
      [300, '2020-03-01', thisCycle],
      [350, thisCycle, nextCycle],
      [380, nextCycle, null],
    ]);
  });

  it('keeps a minimum in force as history, corrects one not yet in force, and explains bad fields', async () => {
    const again = await central.post('/api/v1/activity/requirements', { specialtyId: mfa, grade: 1, group: 'consulta_medicina_familiar', minimum: 360, validFrom: thisCycle });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'requirement_in_force', detail: expect.stringContaining('ciclo posterior'), current: { minimum: 350 } });
    const corrected = ok<{ minimum: number }>(await central.post('/api/v1/activity/requirements', { specialtyId: mfa, grade: 1, group: 'consulta_medicina_familiar', minimum: 390, validFrom: nextCycle }), 201);
    expect(corrected.minimum).toBe(390);

    const tooHigh = await central.post('/api/v1/activity/requirements', { specialtyId: mfa, grade: 4, group: 'cirugia', minimum: 5, validFrom: nextCycle });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().errors).toEqual([{ field: 'grade', message: expect.stringContaining('MFA dura 3 años') }]);
    const midCycle = await central.post('/api/v1/activity/requirements', { specialtyId: mfa, grade: 1, group: 'cirugia', minimum: 5, validFrom: `${year + 1}-06-01` });
    expect(midCycle.json().errors).toEqual([{ field: 'validFrom', message: expect.stringContaining('1 de marzo') }]);
    const closed = await central.post('/api/v1/activity/requirements', { specialtyId: mfa, grade: 1, group: 'cirugia', minimum: 5, validFrom: `${year - 1}-03-01` });
    expect(closed.json().errors).toEqual([{ field: 'validFrom', message: expect.stringContaining('ya cerró') }]);
    const zero = await central.post('/api/v1/activity/requirements', { specialtyId: mfa, grade: 1, group: 'cirugia', minimum: 0, validFrom: nextCycle });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors[0]).toMatchObject({ field: 'minimum' });
  });
});

describe('upload of a requirements file', () => {
  it('with errors saves nothing and names each row and column', async () => {
    const before = await tableCount();
    const audits = await auditCount();
    const file = [
      'specialty,grade,group,minimum',
      'MFA,1,cirugia,10',
      'ZZZ,1,cirugia,10',
      'MFA,5,cirugia,10',
      'MFA,2,magia,10',
      'MFA,2,cirugia,diez',
      'MFA,3,cirugia,-4',
      'MFA,1,cirugia,12',
    ].join('\n');
    for (const commit of ['false', 'true']) {
      const res = await upload(central, file, `validFrom=${nextCycle}&commit=${commit}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toContain('No se guardó nada');
      expect(res.json().errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
        [3, 'specialty'],
        [4, 'grade'],
        [5, 'group'],
        [6, 'minimum'],
        [7, 'minimum'],
        [8, 'group'],
      ]);
      expect(res.json().errors[0].message).toContain('ZZZ');
      expect(res.json().errors[1].message).toContain('dura 3 años');
      expect(res.json().errors[5].message).toContain('Repite la fila 2');
    }
    expect(await tableCount()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('validates first, then saves every row at once with its audit; an exported sheet loads back unchanged', async () => {
    const file = ['especialidad;grado;grupo;minimo', 'MFA;1;cirugia;10', 'MFA;2;deteccion_cacu;45', 'PED;1;procedimiento;25'].join('\r\n');
    const before = await tableCount();
    const preview = ok<{ committed: boolean; summary: { create: number } }>(await upload(central, file, `validFrom=${nextCycle}`));
    expect(preview).toMatchObject({ committed: false, summary: { total: 3, create: 3, update: 0, unchanged: 0 } });
    expect(await tableCount()).toBe(before);
    const audits = await auditCount();
    const saved = ok<{ committed: boolean }>(await upload(central, file, `validFrom=${nextCycle}&commit=true`));
    expect(saved.committed).toBe(true);
    expect(await tableCount()).toBe(before + 3);
    expect(await auditCount()).toBe(audits + 3);

    const xlsx = await central.get(`/api/v1/activity/requirements/export.xlsx?specialtyId=${mfa}&on=${year + 1}-06-01`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual(expect.arrayContaining(['especialidad', 'grado', 'grupo', 'minimo', 'vigente_desde']));
    const again = ok<{ summary: { unchanged: number; create: number } }>(
      await central.request('POST', `/api/v1/activity/requirements/upload?validFrom=${nextCycle}`, xlsx.rawPayload, { 'content-type': 'application/octet-stream', 'x-file-name': 'minimos.xlsx' }),
    );
    expect(again.summary).toMatchObject({ create: 0, unchanged: (sheet?.rowCount ?? 0) - 1 });

    const history = `specialty,grade,group,minimum,valid_from\nMFA,1,consulta_medicina_familiar,301,01/03/2020\nMFA,1,consulta_medicina_familiar,351,${thisCycle}\n`;
    const refused = await upload(central, history, `validFrom=${nextCycle}&commit=true`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { line: number; column: string; message: string }) => [e.line, e.column, e.message])).toEqual([
      [2, 'valid_from', expect.stringContaining('ya cerró')],
      [3, 'minimum', expect.stringContaining('Ya rige un mínimo de 350')],
    ]);
  });
});

describe('only national level changes minimums', () => {
  it('refuses coordinators with 403 and changes nothing, while they read the list', async () => {
    const before = await tableCount();
    const audits = await auditCount();
    const body = { specialtyId: mfa, grade: 1, group: 'cirugia', minimum: 99, validFrom: nextCycle };
    for (const client of [coordinator, ooadCoordinator]) {
      const res = await client.post('/api/v1/activity/requirements', body);
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toContain('nivel central');
      expect((await upload(client, 'specialty,grade,group,minimum\nMFA,1,cirugia,99\n', `validFrom=${nextCycle}&commit=true`)).statusCode).toBe(403);
      expect((await client.get(`/api/v1/activity/requirements?specialtyId=${mfa}`)).statusCode).toBe(200);
    }
    expect(await tableCount()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });
});
