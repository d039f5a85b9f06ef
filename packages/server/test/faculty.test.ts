import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { specialties } from '../src/db/schema/catalog.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { createSede, createUnit, ok } from './support/catalog.ts';
import { auditCount, courseOf } from './support/lookup.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

type Sede = { id: number; unitId: number; ooadId: number };
type Appointment = { id: number; personId: number; role: string; startsOn: string; endsOn: string | null; version: number; ooadId: number; unitId: number; specialtyId: number; sedeId: number; nationality: string };
type Page = { items: Appointment[]; total: number };

let t: TestContext;
let admin: Client;
let coordJal: Client;
let coordNl: Client;
let jalisco: Sede;
let nuevoLeon: Sede;
let cardioJal: Sede;
let titularJal: Appointment;
let adjuntoNl: Appointment;
let tutorCol: Appointment;
let cardioAdjunto: Appointment;

const foreigner = (tempKey: string, nationality: string, givenNames: string) => ({ keyType: 'temporal', tempKey, givenNames, firstSurname: 'Rojas', sex: 'M', birthDate: '1984-04-12', nationality });
const appoint = async (client: Client, body: Record<string, unknown>) => ok<Appointment>(await client.post('/api/v1/people/faculty', { startsOn: '2026-03-01', ...body }), 201);
const list = async (client: Client, query: string) => ok<Page>(await client.get(`/api/v1/people/faculty?limit=200&${query}`));
const ids = (page: Page) => page.items.map((a) => a.id);
const titularNow = async () => (await list(admin, `sedeId=${jalisco.id}&role=titular`)).items.find((a) => a.id === titularJal.id);
const endAudits = (id: number) => t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'faculty_appointment'), eq(auditLog.entityId, String(id)), eq(auditLog.action, 'end_appointment')));

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.faculty', [national()]);
  jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
  nuevoLeon = await familyMedicineSede(t.database.db, 'Nuevo León');
  coordJal = await t.userWith('coord.faculty.jal', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco.ooadId }]);
  coordNl = await t.userWith('coord.faculty.nl', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: nuevoLeon.ooadId }]);
  const hospital = await createUnit(admin, jalisco.ooadId, { name: 'HGZ No. 14 (profesores)', clues: 'JCIMS009014' });
  const sede = await createSede(admin, await courseOf(t.database.db, 'CAR'), hospital.id, [2, 2, 2]);
  cardioJal = { id: sede.id, unitId: hospital.id, ooadId: jalisco.ooadId };
  titularJal = await appoint(admin, { person: mexican({ birthDate: '1975-04-04' }), sedeId: jalisco.id, role: 'titular' });
  adjuntoNl = await appoint(admin, { person: mexican({ birthDate: '1976-05-05' }), sedeId: nuevoLeon.id, role: 'adjunto' });
  tutorCol = await appoint(admin, { person: foreigner('TMP-2026-000201', 'COL', 'Valentina'), sedeId: jalisco.id, role: 'tutor' });
  cardioAdjunto = await appoint(admin, { person: mexican({ birthDate: '1977-06-06' }), sedeId: cardioJal.id, role: 'adjunto' });
  await appoint(admin, { person: foreigner('TMP-2026-000202', 'ARG', 'Martina'), sedeId: nuevoLeon.id, role: 'tutor' });
});
afterAll(() => t.close());

describe('ending an appointment', () => {
  it('refuses an end date before the start, on the field, and changes nothing', async () => {
    const before = await auditCount(t.database.db);
    const res = await coordJal.post(`/api/v1/people/faculty/${titularJal.id}/end`, { endsOn: '2026-02-28', version: titularJal.version });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_error', errors: [{ field: 'endsOn' }] });
    expect(res.json().detail).toContain('anterior al inicio');
    expect(await auditCount(t.database.db)).toBe(before);
    expect(await titularNow()).toMatchObject({ endsOn: null, version: titularJal.version });
  });

  it('keeps a coordinator of another OOAD out, and changes nothing', async () => {
    const before = await auditCount(t.database.db);
    const res = await coordNl.post(`/api/v1/people/faculty/${titularJal.id}/end`, { endsOn: '2026-06-30', version: titularJal.version });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('fuera de su ámbito');
    expect(await auditCount(t.database.db)).toBe(before);
    expect(await titularNow()).toMatchObject({ endsOn: null, version: titularJal.version });
    expect(ok<{ canManage: boolean }>(await coordNl.get(`/api/v1/people/faculty/access?sedeId=${jalisco.id}`))).toEqual({ canManage: false });
    expect(ok<{ canManage: boolean }>(await coordJal.get(`/api/v1/people/faculty/access?sedeId=${jalisco.id}`))).toEqual({ canManage: true });
  });

  it('the Jalisco coordinator ends the titular, audited; a stale version is refused; a successor may then start', async () => {
    const early = await admin.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1971-07-07' }), sedeId: jalisco.id, role: 'titular', startsOn: '2026-05-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().detail).toContain('ya tiene profesor titular vigente');

    const ended = ok<Appointment>(await coordJal.post(`/api/v1/people/faculty/${titularJal.id}/end`, { endsOn: '2026-06-30', version: titularJal.version }));
    expect(ended).toMatchObject({ id: titularJal.id, endsOn: '2026-06-30', version: titularJal.version + 1 });
    const audits = await endAudits(titularJal.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorName: 'coord.faculty.jal', before: expect.objectContaining({ endsOn: null }), after: expect.objectContaining({ endsOn: '2026-06-30' }) });

    const stale = await coordJal.post(`/api/v1/people/faculty/${titularJal.id}/end`, { endsOn: '2026-05-31', version: titularJal.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { endsOn: '2026-06-30' } });
    expect(await endAudits(titularJal.id)).toHaveLength(1);

    const overlapping = await coordJal.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1972-08-08' }), sedeId: jalisco.id, role: 'titular', startsOn: '2026-06-15' });
    expect(overlapping.statusCode).toBe(400);
    const successor = await coordJal.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1972-08-08' }), sedeId: jalisco.id, role: 'titular', startsOn: '2026-07-01' });
    expect(successor.statusCode, successor.body).toBe(201);
    const pushed = await coordJal.post(`/api/v1/people/faculty/${titularJal.id}/end`, { endsOn: '2026-08-31', version: ended.version });
    expect(pushed.statusCode).toBe(400);
    expect(pushed.json().errors).toEqual([expect.objectContaining({ field: 'endsOn' })]);
  });
});

describe('ending a tutor appointment', () => {
  const tutees = async (tutorPersonId: number) => ok<{ id: number }[]>(await coordJal.get(`/api/v1/people/faculty/${tutorPersonId}/residents`)).map((r) => r.id);
  const withTutor = async (tutor: Appointment) => {
    const cycle = await cycleStartingIn(t.database.db, 2026);
    const resident = ok<{ id: number }>(await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: jalisco.id, cycleId: cycle.id, grade: 1, startNow: true }), 201);
    ok(await coordJal.post(`/api/v1/people/residents/${resident.id}/tutor`, { tutorPersonId: tutor.personId, startsOn: '2026-03-01' }));
    return resident.id;
  };

  it('ends the tutor’s tutorships at the sede on the same date, each audited', async () => {
    const tutor = await appoint(admin, { person: mexican({ birthDate: '1979-09-09' }), sedeId: jalisco.id, role: 'tutor' });
    const residentId = await withTutor(tutor);
    expect(await tutees(tutor.personId)).toEqual([residentId]);
    ok(await coordJal.post(`/api/v1/people/faculty/${tutor.id}/end`, { endsOn: '2026-09-30', version: tutor.version }));
    expect(await tutees(tutor.personId)).toEqual([]);
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'tutorship'), eq(auditLog.action, 'end_tutorship')));
    expect(audits.map((a) => a.after)).toEqual([expect.objectContaining({ residentId, endsOn: '2026-09-30' })]);
  });

  it('an appointment ending on a future date keeps the tutor until then', async () => {
    const tutor = await appoint(admin, { person: mexican({ birthDate: '1980-10-10' }), sedeId: jalisco.id, role: 'tutor' });
    const residentId = await withTutor(tutor);
    ok(await coordJal.post(`/api/v1/people/faculty/${tutor.id}/end`, { endsOn: '2099-02-28', version: tutor.version }));
    expect(await tutees(tutor.personId)).toEqual([residentId]);
  });
});

describe('filtering the faculty list', () => {
  it('by OOAD, unit and specialty, returning only matching rows', async () => {
    const byOoad = await list(admin, `ooadId=${jalisco.ooadId}`);
    expect(byOoad.items.every((a) => a.ooadId === jalisco.ooadId)).toBe(true);
    expect(ids(byOoad)).toEqual(expect.arrayContaining([titularJal.id, tutorCol.id, cardioAdjunto.id]));
    expect(ids(byOoad)).not.toContain(adjuntoNl.id);

    const byUnit = await list(admin, `unitId=${cardioJal.unitId}`);
    expect(ids(byUnit)).toEqual([cardioAdjunto.id]);

    const [cardiology] = await t.database.db.select({ id: specialties.id }).from(specialties).where(eq(specialties.code, 'CAR'));
    const bySpecialty = await list(admin, `specialtyId=${cardiology.id}`);
    expect(bySpecialty.items.every((a) => a.specialtyId === cardiology.id)).toBe(true);
    expect(ids(bySpecialty)).toContain(cardioAdjunto.id);
    expect(ids(bySpecialty)).not.toContain(titularJal.id);
  });

  it('by nationality, within the viewer scope', async () => {
    const colombians = await list(admin, 'nationality=col');
    expect(colombians.items.every((a) => a.nationality === 'COL')).toBe(true);
    expect(ids(colombians)).toContain(tutorCol.id);
    expect((await list(coordJal, 'nationality=COL')).items.map((a) => a.id)).toContain(tutorCol.id);
    expect((await list(coordNl, 'nationality=COL')).total).toBe(0);
    expect((await list(coordJal, `ooadId=${nuevoLeon.ooadId}`)).total).toBe(0);
    const foreign = await list(admin, 'foreign=true');
    expect(foreign.items.every((a) => a.nationality !== 'MEX')).toBe(true);
    expect(ids(foreign)).toContain(tutorCol.id);
  });

  it('offers the nationalities present in the viewer scope, Mexico first', async () => {
    const everywhere = ok<{ items: string[] }>(await admin.get('/api/v1/people/nationalities?of=faculty'));
    expect(everywhere.items[0]).toBe('MEX');
    expect(everywhere.items).toEqual(expect.arrayContaining(['COL', 'ARG']));
    const jal = ok<{ items: string[] }>(await coordJal.get('/api/v1/people/nationalities?of=faculty'));
    expect(jal.items).toContain('COL');
    expect(jal.items).not.toContain('ARG');
  });

  it('exports exactly the filtered rows', async () => {
    const filtered = await list(coordJal, `specialtyId=${cardioAdjunto.specialtyId}&ooadId=${jalisco.ooadId}`);
    const res = await coordJal.get(`/api/v1/people/faculty/export.xlsx?specialtyId=${cardioAdjunto.specialtyId}&ooadId=${jalisco.ooadId}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Profesores');
    if (!sheet) throw new Error('no Profesores sheet');
    expect(sheet.actualRowCount - 1).toBe(filtered.total);
    expect(filtered.total).toBeGreaterThan(0);
  });
});

describe('residents nationalities', () => {
  it('lists the countries of the residents in scope', async () => {
    const cycle = await cycleStartingIn(t.database.db, 2026);
    ok(await admin.post('/api/v1/people/residents', { person: foreigner('TMP-2026-000203', 'PER', 'Lucía'), sedeId: jalisco.id, cycleId: cycle.id, grade: 1 }), 201);
    const jal = ok<{ items: string[] }>(await coordJal.get('/api/v1/people/nationalities'));
    expect(jal.items).toContain('PER');
    expect(ok<{ items: string[] }>(await coordNl.get('/api/v1/people/nationalities')).items).not.toContain('PER');
    const peruvians = ok<{ items: { nationality: string }[]; total: number }>(await coordJal.get('/api/v1/people/residents?nationality=PER'));
    expect(peruvians.total).toBe(1);
  });
});
