import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluations } from '../src/db/schema/evaluations.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { facultyWithAccount, residentWithAccount } from './support/accounts.ts';
import { entry } from './support/activity.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

type Template = { id: number; levels: { level: number }[]; items: { id: number; competency: string }[] };
let t: TestContext;
let admin: Client;
let sede: { id: number; unitId: number; ooadId: number };
let cycleId: number;
let resident: Awaited<ReturnType<typeof residentWithAccount>>;
let titular: Awaited<ReturnType<typeof facultyWithAccount>>;
let adjunto: Awaited<ReturnType<typeof facultyWithAccount>>;
let template: Template;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.evaluaciones', [national()]);
  sede = await familyMedicineSede(t.database.db, 'Jalisco');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  resident = await residentWithAccount(t, admin, sede, cycleId, 'evaluada.residente');
  titular = await facultyWithAccount(t, admin, sede, 'titular', 'titular.evaluador');
  adjunto = await facultyWithAccount(t, admin, sede, 'adjunto', 'adjunto.evaluador');
  template = ok<Template[]>(await titular.client.get('/api/v1/evaluations/templates'))[0];
});
afterAll(() => t.close());

const me = async (c: Client) => ok<{ user: { id: number } }>(await c.get('/api/v1/auth/me')).user;
const fill = (level: number) => template.items.map((i) => ({ itemId: i.id, level }));

describe('competency catalogue', () => {
  it('ships the six transversal competencies of bulletin 001 in the default template', async () => {
    const names = ok<{ name: string; specialtyId: number | null }[]>(await resident.client.get('/api/v1/evaluations/competencies')).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Toma de decisiones', 'Inglés', 'Investigación', 'Gestión', 'Liderazgo', 'Desarrollo humano']));
    expect(template.items.map((i) => i.competency)).toHaveLength(6);
    expect(template.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
  });

  it('the centre adds a specialty competency and a template; a professor cannot', async () => {
    const central = await t.userWith('central.evaluaciones', [national('nivel_central')]);
    const comp = ok<{ id: number }>(await central.post('/api/v1/evaluations/competencies', { code: 'MFA-01', name: 'Atención integral de la familia' }), 201);
    const tpl = ok<{ items: unknown[] }>(await central.post('/api/v1/evaluations/templates', { name: 'Medicina Familiar R1', items: [{ competencyId: comp.id, text: 'Elabora el estudio de salud familiar.' }] }), 201);
    expect(tpl.items).toHaveLength(1);
    const wrong = await central.post('/api/v1/evaluations/templates', { name: 'Medicina Familiar R2', items: [{ text: 'Sin competencia' }], levels: [{ level: 1, label: 'Bajo', descriptor: 'a' }, { level: 1, label: 'Alto', descriptor: 'b' }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual(expect.arrayContaining([{ field: 'items.0.competencyId', message: 'Elija la competencia del reactivo.' }, { field: 'levels.1.level', message: 'El nivel 1 está repetido; cada nivel lleva un número distinto.' }]));
    expect((await titular.client.post('/api/v1/evaluations/competencies', { code: 'X-1', name: 'X' })).statusCode).toBe(403);
  });
});

describe('a quarterly evaluation', () => {
  let evaluationId: number;

  it('the titular assigns the adjunto to evaluate the resident in quarter 3; the resident sees nothing yet', async () => {
    const row = ok<{ id: number; periodStartsOn: string; periodEndsOn: string }>(await titular.client.post('/api/v1/evaluations', { residentId: resident.residentId, cycleId, period: 3, templateId: template.id, evaluatorKind: 'profesor', evaluatorUserId: (await me(adjunto.client)).id }), 201);
    expect(row).toMatchObject({ periodStartsOn: '2026-09-01', periodEndsOn: '2026-11-30' });
    evaluationId = row.id;
    expect(ok<unknown[]>(await resident.client.get('/api/v1/evaluations/mine'))).toEqual([]);
    expect((await resident.client.get(`/api/v1/evaluations/${evaluationId}`)).statusCode).toBe(403);
    expect((await adjunto.client.post('/api/v1/evaluations', { residentId: resident.residentId, cycleId, period: 3, templateId: template.id, evaluatorKind: 'par', evaluatorUserId: 1 })).statusCode).toBe(403);
  });

  it('the adjunto fills it, with the rubric checked, and may correct it before acknowledgement', async () => {
    const assigned = ok<{ items: { id: number; version: number }[] }>(await adjunto.client.get('/api/v1/evaluations/assigned'));
    expect(assigned.items.map((i) => i.id)).toContain(evaluationId);
    const missing = await adjunto.client.patch(`/api/v1/evaluations/${evaluationId}`, { scores: fill(3).slice(1), version: 0 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('Faltan 1 reactivo');
    const sent = ok<{ grade: string; version: number; status: string }>(await adjunto.client.patch(`/api/v1/evaluations/${evaluationId}`, { scores: fill(3), comment: 'Buen desempeño.', version: 0 }));
    expect(sent).toMatchObject({ status: 'enviada', grade: '66.7' });
    const fixed = ok<{ grade: string }>(await adjunto.client.patch(`/api/v1/evaluations/${evaluationId}`, { scores: fill(4), version: sent.version }));
    expect(fixed.grade).toBe('100.0');
    expect((await adjunto.client.patch(`/api/v1/evaluations/${evaluationId}`, { scores: fill(2), version: sent.version })).statusCode).toBe(409);
    expect((await titular.client.patch(`/api/v1/evaluations/${evaluationId}`, { scores: fill(1), version: 2 })).statusCode).toBe(403);
  });

  it('the resident acknowledges it, after which an edit is refused', async () => {
    const mine = ok<{ id: number; version: number }[]>(await resident.client.get('/api/v1/evaluations/mine'));
    const ev = mine.find((m) => m.id === evaluationId) as { version: number };
    ok(await resident.client.post(`/api/v1/evaluations/${evaluationId}/acknowledge`, { version: ev.version }));
    const edit = await adjunto.client.patch(`/api/v1/evaluations/${evaluationId}`, { scores: fill(1), version: ev.version + 1 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'acknowledged', detail: expect.stringContaining('firmó de enterado') });
    const after = ok<{ grade: string; status: string }>(await resident.client.get(`/api/v1/evaluations/${evaluationId}`));
    expect(after).toMatchObject({ grade: '100.0', status: 'reconocida' });
    // The database itself refuses, whatever path a change might take.
    await expect(t.database.db.update(evaluations).set({ grade: '10.0' }).where(eq(evaluations.id, evaluationId))).rejects.toThrow();
    await expect(t.database.db.delete(evaluations).where(eq(evaluations.id, evaluationId))).rejects.toThrow();
  });

  it('self-evaluation goes to the resident; the boleta is a PDF for the resident and the titular only', async () => {
    const self = ok<{ evaluatorUserId: number }>(await titular.client.post('/api/v1/evaluations', { residentId: resident.residentId, cycleId, period: 3, templateId: template.id, evaluatorKind: 'autoevaluacion' }), 201);
    expect(self.evaluatorUserId).toBe((await me(resident.client)).id);
    const pdf = await resident.client.get(`/api/v1/evaluations/boleta.pdf?residentId=${resident.residentId}&cycleId=${cycleId}&period=3`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await titular.client.get(`/api/v1/evaluations/boleta.pdf?residentId=${resident.residentId}&cycleId=${cycleId}`)).statusCode).toBe(200);
    const outsider = await t.userWith('coord.nl.eval', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: (await familyMedicineSede(t.database.db, 'Nuevo León')).ooadId }]);
    expect((await outsider.get(`/api/v1/evaluations/boleta.pdf?residentId=${resident.residentId}&cycleId=${cycleId}`)).statusCode).toBe(403);
  });
});

describe('promotion committee and thesis', () => {
  it('shows each resident with quarter means, thesis and decision; the decision is audited and versioned', async () => {
    const view = ok<{ residents: { residentId: number; quarters: { period: number; mean: number | null }[]; decision: unknown }[] }>(await titular.client.get(`/api/v1/evaluations/committee?sedeId=${sede.id}&cycleId=${cycleId}`));
    const row = view.residents.find((r) => r.residentId === resident.residentId);
    expect(row?.quarters.find((q) => q.period === 3)?.mean).toBe(100);
    expect(row?.decision).toBeNull();
    const first = ok<{ version: number; decision: string }>(await titular.client.post('/api/v1/evaluations/decisions', { residentId: resident.residentId, cycleId, decision: 'plan_remedial', rationale: 'Reforzar investigación antes del cierre del ciclo.' }));
    expect(first.decision).toBe('plan_remedial');
    expect((await titular.client.post('/api/v1/evaluations/decisions', { residentId: resident.residentId, cycleId, decision: 'promueve', rationale: 'Cumplió el plan.', version: 99 })).statusCode).toBe(409);
    ok(await titular.client.post('/api/v1/evaluations/decisions', { residentId: resident.residentId, cycleId, decision: 'promueve', rationale: 'Cumplió el plan.', version: first.version }));
    const audit = ok<{ items: { action: string }[] }>(await admin.get('/api/v1/audit?entity=promotion_decision'));
    expect(audit.items.map((a) => a.action).sort()).toEqual(['decide', 'revise']);
    expect((await resident.client.get(`/api/v1/evaluations/committee?sedeId=${sede.id}&cycleId=${cycleId}`)).statusCode).toBe(403);
  });

  it('shows each resident’s activity progress against the minimums of their grade next to evaluations and absences', async () => {
    const entries = Array.from({ length: 42 }, (_, n) => ({ ...entry(resident.residentId, sede.unitId, { kind: 'deteccion_diabetes', diagnosisCode: null, performedOn: '2026-06-01' }), clientKey: `committee-${n}-abcdef` }));
    const synced = ok<{ results: { status: string; id: number }[] }>(await titular.client.post('/api/v1/activity/sync', { entries }));
    for (const r of synced.results) ok(await titular.client.post(`/api/v1/activity/records/${r.id}/review`, { decision: 'verificada', version: 0 }));
    ok(await titular.client.post('/api/v1/activity/records', entry(resident.residentId, sede.unitId, { kind: 'deteccion_hipertension', diagnosisCode: null })), 201);
    type Row = { residentId: number; absenceDays: number; activity: { required: number; done: number; percent: number | null; groups: number; groupsBehind: number } | null };
    const view = ok<{ residents: Row[] }>(await titular.client.get(`/api/v1/evaluations/committee?sedeId=${sede.id}&cycleId=${cycleId}`));
    const row = view.residents.find((r) => r.residentId === resident.residentId);
    // R1 of family medicine: 300 consultations, 40 diabetes and 40 hypertension screenings. The two
    // extra diabetes screenings do not make up for missing consultations; the unverified one does not count.
    expect(row?.activity).toEqual({ required: 380, done: 40, percent: 10, groups: 3, groupsBehind: 2 });
    expect(row?.absenceDays).toBe(0);
  });

  it('egreso is refused until the thesis is approved, and only the direction approves it', async () => {
    const coord = await t.userWith('coord.egreso', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }]);
    const r3 = ok<{ id: number; version: number }>(await coord.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId, grade: 3 }), 201);
    const refused = await coord.post(`/api/v1/people/residents/${r3.id}/transitions`, { kind: 'egreso', occurredOn: '2027-02-28', diplomaNumber: 'D-1', version: r3.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'thesis_required' });
    const own = ok<{ version: number }>(await resident.client.post(`/api/v1/evaluations/theses/${resident.residentId}`, { title: 'Adherencia terapéutica en diabetes', advisorName: 'Dr. Pérez', status: 'en_desarrollo', milestones: [{ name: 'Protocolo aprobado', dueOn: '2026-12-15' }] }));
    expect((await resident.client.post(`/api/v1/evaluations/theses/${resident.residentId}`, { title: 'Adherencia terapéutica en diabetes', advisorName: 'Dr. Pérez', status: 'aprobada', version: own.version })).statusCode).toBe(403);
    ok(await coord.post(`/api/v1/evaluations/theses/${r3.id}`, { title: 'Tesis', advisorName: 'Dra. Ruiz', status: 'aprobada' }));
    ok(await coord.post(`/api/v1/people/residents/${r3.id}/transitions`, { kind: 'egreso', occurredOn: '2027-02-28', diplomaNumber: 'D-1', version: r3.version }));
  });
});

describe('360 evaluation by nursing staff and peers', () => {
  const assign = (c: Client, evaluatorKind: string, evaluatorUserId: number, period = 2) => c.post('/api/v1/evaluations', { residentId: resident.residentId, cycleId, period, templateId: template.id, evaluatorKind, evaluatorUserId });
  let coord: Client;
  let nurse: { id: number; userId: number; version: number };

  it('the unit coordination registers a nurse as evaluator; the titular of one sede and another OOAD cannot', async () => {
    coord = await t.userWith('coord.enfermeria', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }]);
    const input = { unitId: sede.unitId, username: 'enf.lucia', displayName: 'Lucía Enfermera', password: 'temporal-lucia-1' };
    nurse = ok(await coord.post('/api/v1/evaluations/unit-evaluators', input), 201);
    const again = await coord.post('/api/v1/evaluations/unit-evaluators', input);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ field: 'username', message: 'Usuario ya registrado.' }]);
    expect((await titular.client.post('/api/v1/evaluations/unit-evaluators', { ...input, username: 'enf.otra' })).statusCode).toBe(403);
    const outsider = await t.userWith('coord.nl.enfermeria', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: (await familyMedicineSede(t.database.db, 'Nuevo León')).ooadId }]);
    expect((await outsider.post('/api/v1/evaluations/unit-evaluators', { ...input, username: 'enf.otra' })).statusCode).toBe(403);
    expect(ok<{ username: string }[]>(await coord.get(`/api/v1/evaluations/unit-evaluators?unitId=${sede.unitId}`)).map((n) => n.username)).toEqual(['enf.lucia']);
    const view = ok<{ evaluators: { userId: number; kind: string }[] }>(await titular.client.get(`/api/v1/evaluations/committee?sedeId=${sede.id}&cycleId=${cycleId}`));
    expect(view.evaluators).toContainEqual(expect.objectContaining({ userId: nurse.userId, kind: 'enfermeria' }));
  });

  it('the titular assigns her; she fills it after changing her password and sees nothing else', async () => {
    const row = ok<{ id: number; version: number }>(await assign(titular.client, 'enfermeria', nurse.userId), 201);
    const lucia = await t.login('enf.lucia', 'temporal-lucia-1');
    ok(await lucia.post('/api/v1/auth/password', { currentPassword: 'temporal-lucia-1', newPassword: 'lucia-propia-clave-1' }), 204);
    const assigned = ok<{ items: { id: number }[] }>(await lucia.get('/api/v1/evaluations/assigned'));
    expect(assigned.items.map((i) => i.id)).toEqual([row.id]);
    expect(ok<{ status: string }>(await lucia.patch(`/api/v1/evaluations/${row.id}`, { scores: fill(4), version: row.version }))).toMatchObject({ status: 'enviada' });
    expect((await lucia.get('/api/v1/people/residents')).statusCode).toBe(403);
    expect((await lucia.get(`/api/v1/evaluations/committee?sedeId=${sede.id}&cycleId=${cycleId}`)).statusCode).toBe(403);
    expect((await lucia.get(`/api/v1/evaluations/theses/${resident.residentId}`)).statusCode).toBe(403);
  });

  it('refuses an evaluator who does not belong to the resident’s sede or unit, or of another kind', async () => {
    const adjuntoId = (await me(adjunto.client)).id;
    const wrong = await assign(titular.client, 'enfermeria', adjuntoId);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'evaluatorUserId', message: expect.stringContaining('enfermería') });
    expect((await assign(titular.client, 'profesor', nurse.userId)).json().detail).toContain('no es profesor vigente de la sede');
    expect((await assign(titular.client, 'par', adjuntoId)).json().detail).toContain('residente activo de la misma sede');
    const elsewhere = await familyMedicineSede(t.database.db, 'Nuevo León');
    const farPeer = await residentWithAccount(t, admin, elsewhere, cycleId, 'par.lejano');
    const farTeacher = await facultyWithAccount(t, admin, elsewhere, 'adjunto', 'profesor.lejano');
    expect((await assign(titular.client, 'par', (await me(farPeer.client)).id)).statusCode).toBe(400);
    expect((await assign(titular.client, 'profesor', (await me(farTeacher.client)).id)).statusCode).toBe(400);
    const peer = await residentWithAccount(t, admin, sede, cycleId, 'par.cercano');
    ok(await assign(titular.client, 'par', (await me(peer.client)).id), 201);
  });

  it('once her registration ends she can no longer be assigned', async () => {
    ok(await coord.post(`/api/v1/evaluations/unit-evaluators/${nurse.id}/end`, { version: nurse.version }));
    expect((await assign(titular.client, 'enfermeria', nurse.userId, 4)).statusCode).toBe(400);
    const view = ok<{ evaluators: { userId: number }[] }>(await titular.client.get(`/api/v1/evaluations/committee?sedeId=${sede.id}&cycleId=${cycleId}`));
    expect(view.evaluators.map((e) => e.userId)).not.toContain(nurse.userId);
    const audit = ok<{ items: { action: string }[] }>(await admin.get('/api/v1/audit?entity=unit_evaluator'));
    expect(audit.items.map((a) => a.action).sort()).toEqual(['create', 'end']);
  });
});
