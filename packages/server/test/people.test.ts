import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { auditCount } from './support/lookup.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let jalisco: { id: number; unitId: number; ooadId: number };
let nuevoLeon: { id: number; unitId: number; ooadId: number };
let cycle: { id: number; code: string };
let coordJal: Client;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.people', [national()]);
  jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
  nuevoLeon = await familyMedicineSede(t.database.db, 'Nuevo León');
  cycle = await cycleStartingIn(t.database.db, 2026);
  coordJal = await t.userWith('coord.jalisco', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco.ooadId }]);
});
afterAll(() => t.close());

const enrol = (client: Client, body: Record<string, unknown>) => client.post('/api/v1/people/residents', { cycleId: cycle.id, grade: 1, ...body });

describe('enrolling residents', () => {
  it('the Jalisco OOAD coordinator enrols an R1 in family medicine and sees the timeline', async () => {
    const person = mexican({ firstSurname: 'Peña', givenNames: 'Ana Lucía', sex: 'M' });
    const res = await enrol(coordJal, { person, sedeId: jalisco.id, examFolio: 'ENARM-2026-00012', examScore: 71.5 });
    expect(res.statusCode, res.body).toBe(201);
    const resident = res.json();
    expect(resident).toMatchObject({ curp: person.curp, grade: 1, status: 'activo', specialtyName: 'Medicina Familiar', cycleCode: cycle.code });
    expect(resident.timeline.map((e: { kind: string }) => e.kind)).toEqual(['alta', 'inicio']);
  });

  it('refuses a CURP with a wrong check digit, saying so on the field, and creates nothing', async () => {
    const before = await auditCount(t.database.db);
    const person = mexican();
    const bad = person.curp.slice(0, 17) + ((Number(person.curp[17]) + 3) % 10);
    const res = await enrol(coordJal, { person: { ...person, curp: bad }, sedeId: jalisco.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'person.curp', message: expect.stringContaining('dígito verificador') })]));
    expect(await auditCount(t.database.db)).toBe(before);
  });

  it('says which fact contradicts the CURP', async () => {
    const person = mexican({ sex: 'H' });
    const res = await enrol(coordJal, { person: { ...person, sex: 'M' }, sedeId: jalisco.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'person.sex' })]));
  });

  it('refuses R4 in a 3-year specialty', async () => {
    const res = await enrol(coordJal, { person: mexican(), sedeId: jalisco.id, grade: 4 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_error', errors: [{ field: 'grade' }] });
    expect(res.json().detail).toContain('excede la duración');
  });

  it('refuses enrolling the same person twice in one cycle', async () => {
    const person = mexican();
    expect((await enrol(coordJal, { person, sedeId: jalisco.id })).statusCode).toBe(201);
    const again = await enrol(admin, { person, sedeId: nuevoLeon.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_enrolled');
  });

  it('keeps a Jalisco coordinator out of Nuevo León sedes', async () => {
    const res = await enrol(coordJal, { person: mexican(), sedeId: nuevoLeon.id });
    expect(res.statusCode).toBe(403);
  });

  it('registers a foreign resident with a temporary key', async () => {
    const res = await enrol(admin, {
      person: { keyType: 'temporal', tempKey: 'TMP-2026-000143', givenNames: 'Camila', firstSurname: 'Restrepo', sex: 'M', birthDate: '1994-05-02', nationality: 'COL' },
      sedeId: nuevoLeon.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ nationality: 'COL', tempKey: 'TMP-2026-000143', curp: null });
  });
});

describe('lists and scope', () => {
  it('a coordinator lists only residents of their OOAD; search ignores accents', async () => {
    const list = await coordJal.get('/api/v1/people/residents?limit=200');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { ooadName: string; fullName: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => r.ooadName === 'Jalisco')).toBe(true);
    const found = await admin.get('/api/v1/people/residents?q=pena ana');
    expect(found.json().items.some((r: { fullName: string }) => r.fullName.includes('Peña'))).toBe(true);
  });

  it('a list total follows every change: kept until the data change, then counted again', async () => {
    const total = async () => (await coordJal.get(`/api/v1/people/residents?limit=1&sedeId=${jalisco.id}`)).json().total as number;
    const before = await total();
    expect(await total()).toBe(before);
    expect((await coordJal.post('/api/v1/people/residents', { person: mexican(), sedeId: jalisco.id, cycleId: cycle.id, grade: 1 })).statusCode).toBe(201);
    expect(await total()).toBe(before + 1);
    // Another page size or order of the same filters shares the total; another filter has its own.
    expect((await coordJal.get(`/api/v1/people/residents?limit=5&dir=desc&sedeId=${jalisco.id}`)).json().total).toBe(before + 1);
    expect((await coordJal.get(`/api/v1/people/residents?limit=5&sedeId=${jalisco.id}&grade=6`)).json().total).toBe(0);
  });

  it('filters by nationality and exports the filtered list to Excel', async () => {
    const foreign = await admin.get('/api/v1/people/residents?foreign=true');
    expect(foreign.json().total).toBe(1);
    const xlsx = await admin.get('/api/v1/people/residents/export.xlsx?foreign=true');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('a resident sees only themself', async () => {
    const person = mexican();
    const enrolled = (await enrol(admin, { person, sedeId: jalisco.id })).json();
    const created = await admin.post('/api/v1/access/users', { username: 'residente.self', displayName: 'Residente', password: 'clave-temporal-residente', grants: [{ role: 'residente', scopeKind: 'self' }], personKey: person.curp });
    expect(created.statusCode, created.body).toBe(201);
    const taken = await admin.post('/api/v1/access/users', { username: 'otra.cuenta', displayName: 'Otra', password: 'clave-temporal-residente', grants: [], personKey: person.curp });
    expect(taken.json().errors).toEqual([expect.objectContaining({ field: 'personKey' })]);
    const unknown = await admin.post('/api/v1/access/users', { username: 'sin.persona', displayName: 'Nadie', password: 'clave-temporal-residente', grants: [], personKey: 'XAXX010101HDFXXX00' });
    expect(unknown.statusCode).toBe(400);
    const first = await t.login('residente.self', 'clave-temporal-residente');
    await first.post('/api/v1/auth/password', { currentPassword: 'clave-temporal-residente', newPassword: 'clave-propia-residente' });
    const me = await t.login('residente.self', 'clave-propia-residente');
    const list = (await me.get('/api/v1/people/residents')).json();
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([enrolled.id]);
    const someoneElse = (await admin.get('/api/v1/people/residents')).json().items.find((r: { id: number }) => r.id !== enrolled.id);
    expect((await me.get(`/api/v1/people/residents/${someoneElse.id}`)).statusCode).toBe(404);
    expect((await me.post('/api/v1/people/residents', { person: mexican(), sedeId: jalisco.id, cycleId: cycle.id, grade: 1 })).statusCode).toBe(403);
  });
});

describe('lifecycle', () => {
  const move = (client: Client, id: number, body: Record<string, unknown>) => client.post(`/api/v1/people/residents/${id}/transitions`, body);

  it('licencia, reintegro, and a stale version gets 409', async () => {
    const r = (await enrol(coordJal, { person: mexican(), sedeId: jalisco.id })).json();
    const leave = await move(coordJal, r.id, { kind: 'licencia', occurredOn: '2026-06-01', version: r.version });
    expect(leave.statusCode, leave.body).toBe(200);
    expect(leave.json().status).toBe('licencia');
    expect((await move(coordJal, r.id, { kind: 'reintegro', occurredOn: '2026-07-01', version: r.version })).json().code).toBe('version_conflict');
    const back = await move(coordJal, r.id, { kind: 'reintegro', occurredOn: '2026-07-01', version: leave.json().version });
    expect(back.json()).toMatchObject({ status: 'activo' });
    expect(back.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(['alta', 'inicio', 'licencia', 'reintegro']);
  });

  it('baja needs a reason; promotion of the last grade is refused; egreso then contratación', async () => {
    const r = (await enrol(coordJal, { person: mexican(), sedeId: jalisco.id, grade: 3 })).json();
    const noReason = await move(coordJal, r.id, { kind: 'baja', occurredOn: '2026-08-01', version: r.version });
    expect(noReason.statusCode).toBe(400);
    const promote = await move(coordJal, r.id, { kind: 'promocion', occurredOn: '2027-03-01', version: r.version });
    expect(promote.statusCode).toBe(409);
    expect(promote.json().detail).toContain('egreso');
    // Egreso requires an approved thesis (evaluations area).
    await coordJal.post(`/api/v1/evaluations/theses/${r.id}`, { title: 'Prevalencia de hipertensión en la UMF', advisorName: 'Dra. Ruiz', status: 'aprobada' });
    const grad = await move(coordJal, r.id, { kind: 'egreso', occurredOn: '2027-02-28', diplomaNumber: 'D-2027-0001', version: r.version });
    expect(grad.json()).toMatchObject({ status: 'egresado', diplomaNumber: 'D-2027-0001', graduatedOn: '2027-02-28' });
    const hired = await move(coordJal, r.id, { kind: 'contratacion', occurredOn: '2027-04-16', hired: true, hiredUnitId: jalisco.unitId, version: grad.json().version });
    expect(hired.json()).toMatchObject({ hired: true, hiredUnitId: jalisco.unitId, hiredOn: '2027-04-16' });
  });

  it('inicio starts a resident registered ahead of time; promoción and repetición open the next cycle', async () => {
    const pending = (await enrol(coordJal, { person: mexican(), sedeId: jalisco.id, startNow: false })).json();
    expect(pending.status).toBe('alta');
    const started = (await move(coordJal, pending.id, { kind: 'inicio', occurredOn: '2026-03-01', version: pending.version })).json();
    expect(started).toMatchObject({ status: 'activo', grade: 1 });
    const promoted = (await move(coordJal, pending.id, { kind: 'promocion', occurredOn: '2027-03-01', version: started.version })).json();
    expect(promoted).toMatchObject({ grade: 2, cycleCode: '2027-2028' });
    expect(promoted.cycles.map((c: { cycleCode: string; grade: number; outcome: string | null }) => [c.cycleCode, c.grade, c.outcome])).toEqual([['2026-2027', 1, 'promueve'], ['2027-2028', 2, null]]);
    const other = (await enrol(coordJal, { person: mexican(), sedeId: jalisco.id, grade: 2 })).json();
    const repeated = (await move(coordJal, other.id, { kind: 'repeticion', occurredOn: '2027-03-01', version: other.version })).json();
    expect(repeated).toMatchObject({ grade: 2, cycleCode: '2027-2028' });
    expect(repeated.timeline.at(-1)).toMatchObject({ kind: 'repeticion' });
  });

  it('baja with a reason closes the residency', async () => {
    const r = (await enrol(coordJal, { person: mexican(), sedeId: jalisco.id })).json();
    const res = await move(coordJal, r.id, { kind: 'baja', occurredOn: '2026-09-15', reason: 'renuncia', version: r.version });
    expect(res.json()).toMatchObject({ status: 'baja' });
    expect(res.json().timeline.at(-1)).toMatchObject({ kind: 'baja', reason: 'renuncia' });
  });
});

describe('annual promotion', () => {
  it('previews who is promoted, repeats and graduates, then applies it all at once', async () => {
    const nl = await t.userWith('coord.nl', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: nuevoLeon.unitId }]);
    const r1 = (await enrol(nl, { person: mexican({ stateCode: 'NL' }), sedeId: nuevoLeon.id, grade: 1 })).json();
    const r2 = (await enrol(nl, { person: mexican({ stateCode: 'NL' }), sedeId: nuevoLeon.id, grade: 2 })).json();
    const r3 = (await enrol(nl, { person: mexican({ stateCode: 'NL' }), sedeId: nuevoLeon.id, grade: 3 })).json();
    // Egreso requires an approved thesis; without one the preview shows the resident as blocked.
    await nl.post(`/api/v1/evaluations/theses/${r3.id}`, { title: 'Apego a tratamiento en diabetes tipo 2', advisorName: 'Dra. Garza', status: 'aprobada' });
    const body = { cycleId: cycle.id, unitId: nuevoLeon.unitId, repeatResidentIds: [r2.id] };
    const preview = (await nl.post('/api/v1/people/promotions/preview', body)).json();
    const outcome = (id: number) => preview.items.find((i: { id: number }) => i.id === id)?.outcome;
    expect([outcome(r1.id), outcome(r2.id), outcome(r3.id)]).toEqual(['promueve', 'repite', 'egresa']);
    expect(preview.toCycle).toBe('2027-2028');
    const done = await nl.post('/api/v1/people/promotions', body);
    expect(done.statusCode, done.body).toBe(200);
    expect((await nl.get(`/api/v1/people/residents/${r1.id}`)).json()).toMatchObject({ grade: 2, cycleCode: '2027-2028', status: 'activo' });
    expect((await nl.get(`/api/v1/people/residents/${r2.id}`)).json()).toMatchObject({ grade: 2, cycleCode: '2027-2028' });
    expect((await nl.get(`/api/v1/people/residents/${r3.id}`)).json()).toMatchObject({ status: 'egresado' });
    const again = (await nl.post('/api/v1/people/promotions/preview', body)).json();
    expect(again.items).toEqual([]);
  });
});

describe('faculty', () => {
  it('appoints a titular and a tutor; the tutor sees their residents; a second titular is refused', async () => {
    const titular = await admin.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1975-04-04' }), sedeId: jalisco.id, role: 'titular', startsOn: '2026-03-01' });
    expect(titular.statusCode, titular.body).toBe(201);
    const sede = (await admin.get(`/api/v1/catalog/sedes/${jalisco.id}`)).json();
    expect(sede.titularName).toContain(titular.json().fullName.split(' ').at(-1));
    const second = await admin.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1970-01-09' }), sedeId: jalisco.id, role: 'titular', startsOn: '2026-03-01' });
    expect(second.statusCode).toBe(400);
    const tutor = (await admin.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1980-02-02' }), sedeId: jalisco.id, role: 'tutor', startsOn: '2026-03-01' })).json();
    const resident = (await enrol(admin, { person: mexican(), sedeId: jalisco.id })).json();
    const assigned = await admin.post(`/api/v1/people/residents/${resident.id}/tutor`, { tutorPersonId: tutor.personId, startsOn: '2026-03-15' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const mine = (await admin.get(`/api/v1/people/faculty/${tutor.personId}/residents`)).json();
    expect(mine.map((r: { id: number }) => r.id)).toEqual([resident.id]);
    const sedeFaculty = (await admin.get(`/api/v1/people/faculty?sedeId=${jalisco.id}`)).json();
    expect(sedeFaculty.items.map((f: { role: string }) => f.role).sort()).toEqual(['titular', 'tutor']);
  });
});

describe('national figures (Cifras)', () => {
  it('computes the bulletin figures from the records, in the bulletin wording, within the viewer scope', async () => {
    const all = (await admin.get('/api/v1/reports/figures')).json();
    const residentsFigure = all.figures.find((f: { key: string }) => f.key === 'residents');
    const list = (await admin.get('/api/v1/people/residents?status=activo')).json();
    expect(residentsFigure.value).toBe(list.total);
    expect(residentsFigure.text).toMatch(/^\d+ médicas y médicos residentes en \d+ especialidad(es)? médicas?/);
    expect(all.figures.find((f: { key: string }) => f.key === 'foreign').text).toBe('1 residente extranjero de 1 país');
    const mine = (await coordJal.get('/api/v1/reports/figures')).json();
    const jal = (await coordJal.get('/api/v1/people/residents?status=activo')).json();
    expect(mine.figures.find((f: { key: string }) => f.key === 'residents').value).toBe(jal.total);
    expect(mine.scope).toBe('parcial');
  });
});
