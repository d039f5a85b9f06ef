import { and, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { sedes, units } from '../src/db/schema/catalog.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { facultyWithAccount, residentWithAccount } from './support/accounts.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

type Sede = { id: number; unitId: number; ooadId: number };
type Resident = Awaited<ReturnType<typeof residentWithAccount>>;
let t: TestContext;
let admin: Client;
let central: Client;
let jalisco: Sede;
let nuevoLeon: Sede;
let cycleId: number;
let inJalisco: Resident[] = [];
let inNuevoLeon: Resident[] = [];
let survey: { id: number; questions: { id: number; kind: string }[] };
let campaignId: number;

const sheet = (satisfaction: number, recommend: number) => ({
  answers: [
    { questionId: survey.questions[0].id, value: satisfaction },
    { questionId: survey.questions[1].id, value: recommend },
    { questionId: survey.questions[2].id, choices: [0] },
    { questionId: survey.questions[3].id, text: 'Más sesiones académicas.' },
  ],
});

/** Results are published only once a campaign is closed; a freshly opened one is at version 0. */
const close = async (id: number) => ok(await central.post(`/api/v1/surveys/campaigns/${id}/close`, { version: 0 }));

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.encuestas', [national()]);
  central = await t.userWith('central.encuestas', [national('nivel_central')]);
  jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
  nuevoLeon = await familyMedicineSede(t.database.db, 'Nuevo León');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  for (let i = 0; i < 4; i++) inJalisco.push(await residentWithAccount(t, admin, jalisco, cycleId, `enc.jal.${i}`));
  for (let i = 0; i < 6; i++) inNuevoLeon.push(await residentWithAccount(t, admin, nuevoLeon, cycleId, `enc.nl.${i}`));
});
afterAll(() => t.close());

describe('building and answering a satisfaction survey', () => {
  it('the centre builds a survey with every kind of question and opens a campaign for all residents', async () => {
    survey = ok(await central.post('/api/v1/surveys', {
      title: 'Satisfacción con el curso y la sede 2026',
      questions: [
        { kind: 'likert', text: '¿Qué tan satisfecho está con el desarrollo del curso?', measures: 'satisfaction' },
        { kind: 'nps', text: '¿Recomendaría su sede académica?', measures: 'recommend' },
        { kind: 'single', text: 'Turno de su guardia más frecuente', options: ['Nocturna', 'Fin de semana'] },
        { kind: 'multiple', text: 'Recursos que usó', options: ['Biblioteca', 'Simulación', 'Aula'], required: false },
        { kind: 'text', text: '¿Qué mejoraría?', required: false },
      ],
    }), 201);
    campaignId = ok<{ id: number }>(await central.post('/api/v1/surveys/campaigns', { surveyId: survey.id, cycleId, audience: 'residentes', opensOn: '2026-03-01', closesOn: '2099-12-31' }), 201).id;
    expect((await inJalisco[0].client.post('/api/v1/surveys', { title: 'x', questions: [{ kind: 'text', text: 'y' }] })).statusCode).toBe(403);
  });

  it('a resident sees the open survey, answers once, and the second answer is refused', async () => {
    const mine = ok<{ id: number; answered: boolean }[]>(await inJalisco[0].client.get('/api/v1/surveys/campaigns/mine'));
    expect(mine).toEqual([expect.objectContaining({ id: campaignId, answered: false })]);
    const form = ok<{ questions: unknown[] }>(await inJalisco[0].client.get(`/api/v1/surveys/campaigns/${campaignId}/form`));
    expect(form.questions).toHaveLength(5);
    ok(await inJalisco[0].client.post(`/api/v1/surveys/campaigns/${campaignId}/responses`, sheet(5, 10)), 201);
    const again = await inJalisco[0].client.post(`/api/v1/surveys/campaigns/${campaignId}/responses`, sheet(1, 0));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_answered', detail: expect.stringContaining('una sola vez') });
    expect(ok<{ answered: boolean }[]>(await inJalisco[0].client.get('/api/v1/surveys/campaigns/mine'))[0].answered).toBe(true);
  });

  it('refuses an incomplete sheet by question', async () => {
    const res = await inJalisco[1].client.post(`/api/v1/surveys/campaigns/${campaignId}/responses`, { answers: [{ questionId: survey.questions[0].id, value: 7 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { message: string }) => e.message)).toEqual(['La pregunta 1 se responde de 1 a 5.', 'Responda la pregunta 2.', 'Responda la pregunta 3.']);
  });

  it('the audit says who took part, never which answer is theirs', async () => {
    const [row] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'participate'));
    expect(row).toMatchObject({ entity: 'survey_campaign', entityId: String(campaignId), before: null, after: null });
  });
});

describe('results with small-group suppression', () => {
  it('a sede with 4 respondents is suppressed, and so is the sede that would give it away by subtraction', async () => {
    for (const r of inJalisco.slice(1)) ok(await r.client.post(`/api/v1/surveys/campaigns/${campaignId}/responses`, sheet(4, 9)), 201);
    for (const [i, r] of inNuevoLeon.entries()) ok(await r.client.post(`/api/v1/surveys/campaigns/${campaignId}/responses`, sheet(i < 3 ? 5 : 2, i < 3 ? 10 : 5)), 201);
    expect(ok<{ published: boolean }>(await central.get(`/api/v1/surveys/campaigns/${campaignId}/results?groupBy=nation`)).published).toBe(false);
    await close(campaignId);

    const oneSede = ok<{ total: { suppressed: boolean; responses: number | null }; groups: { suppressed: boolean }[] }>(await central.get(`/api/v1/surveys/campaigns/${campaignId}/results?groupBy=sede&sedeId=${jalisco.id}`));
    expect(oneSede.total).toMatchObject({ suppressed: true, responses: null });
    expect(oneSede.groups.every((g) => g.suppressed)).toBe(true);

    const bySede = ok<{ total: { responses: number; satisfiedPct: number; recommendPct: number }; groups: { key: number; suppressed: boolean; responses: number | null }[] }>(await central.get(`/api/v1/surveys/campaigns/${campaignId}/results?groupBy=sede`));
    expect(bySede.total).toMatchObject({ responses: 10, satisfiedPct: 70, recommendPct: 70 });
    expect(bySede.groups.map((g) => [g.key, g.suppressed, g.responses]).sort()).toEqual([[jalisco.id, true, null], [nuevoLeon.id, true, null]].sort());

    const nation = ok<{ groups: { label: string; responses: number }[] }>(await central.get(`/api/v1/surveys/campaigns/${campaignId}/results?groupBy=nation`));
    expect(nation.groups).toEqual([expect.objectContaining({ label: 'Nacional', responses: 10 })]);
  });

  it('no filter, grouping or scope gives back the hidden sede by subtraction from the national 10', async () => {
    const coord = await t.userWith('coord.nl.encuestas', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: nuevoLeon.ooadId }]);
    type Table = { total: { suppressed: boolean; responses: number | null }; groups: { key: number; suppressed: boolean; responses: number | null }[] };
    const base = `/api/v1/surveys/campaigns/${campaignId}/results`;
    // Nuevo León's 6 published anywhere, next to the national 10, would give Jalisco's 4.
    for (const query of [`groupBy=nation&sedeId=${nuevoLeon.id}`, `groupBy=ooad&ooadId=${nuevoLeon.ooadId}`, `groupBy=specialty&unitId=${nuevoLeon.unitId}`, `groupBy=nation&ooadId=${jalisco.ooadId}`]) {
      const res = ok<Table>(await central.get(`${base}?${query}`));
      expect({ query, total: res.total }).toMatchObject({ query, total: { suppressed: true, responses: null } });
      expect(res.groups.every((g) => g.suppressed && g.responses === null)).toBe(true);
    }
    const byOoad = ok<Table>(await central.get(`${base}?groupBy=ooad`));
    expect(byOoad.total).toMatchObject({ suppressed: false, responses: 10 });
    expect(byOoad.groups.map((g) => [g.key, g.suppressed, g.responses]).sort()).toEqual([[jalisco.ooadId, true, null], [nuevoLeon.ooadId, true, null]].sort());
    // Both sedes are family medicine: the specialty row is the national total, which is safe.
    const bySpecialty = ok<Table>(await central.get(`${base}?groupBy=specialty`));
    expect(bySpecialty.groups).toEqual([expect.objectContaining({ suppressed: false, responses: 10 })]);
    // The OOAD coordinator's own scope is a published total too.
    const own = ok<Table>(await coord.get(`${base}?groupBy=ooad`));
    expect(own.total).toMatchObject({ suppressed: true, responses: null });
    expect(own.groups.every((g) => g.suppressed)).toBe(true);
    expect((await inNuevoLeon[0].client.get(base)).statusCode).toBe(403);
  });

  it('shows the trend across closed cycles, each suppressed on its own and a sede filter publishing nothing derivable', async () => {
    const previous = (await cycleStartingIn(t.database.db, 2025)).id;
    // The 2025 campaign closed on its closing day; the 2027 one is still open and is not a point yet.
    ok(await central.post('/api/v1/surveys/campaigns', { surveyId: survey.id, cycleId: previous, audience: 'residentes', opensOn: '2025-03-01', closesOn: '2025-12-31' }), 201);
    ok(await central.post('/api/v1/surveys/campaigns', { surveyId: survey.id, cycleId: (await cycleStartingIn(t.database.db, 2027)).id, audience: 'residentes', opensOn: '2026-03-01', closesOn: '2099-12-31' }), 201);
    type Trend = { points: { cycle: string; suppressed: boolean; responses: number | null }[] };
    const trend = ok<Trend>(await central.get(`/api/v1/surveys/${survey.id}/trends`));
    expect(trend.points.map((p) => [p.cycle, p.suppressed, p.responses])).toEqual([['2025-2026', true, null], ['2026-2027', false, 10]]);
    const oneSede = ok<Trend>(await central.get(`/api/v1/surveys/${survey.id}/trends?sedeId=${nuevoLeon.id}`));
    expect(oneSede.points.map((p) => [p.suppressed, p.responses])).toEqual([[true, null], [true, null]]);
  });

  it('a small sede is hidden together with a sibling of its own OOAD, so the OOAD and sede tables agree', async () => {
    const [cardiology] = await t.database.db.select({ id: sedes.id, unitId: sedes.unitId, ooadId: units.ooadId }).from(sedes).innerJoin(units, eq(units.id, sedes.unitId)).where(and(eq(units.ooadId, jalisco.ooadId), ne(sedes.id, jalisco.id))).limit(1);
    const other = ok<{ id: number }>(await central.post('/api/v1/surveys', { title: 'Clima de la sede 2026', questions: [{ kind: 'likert', text: '¿Se siente respetado en su sede?', measures: 'satisfaction' }] }), 201);
    const campaign = ok<{ id: number }>(await central.post('/api/v1/surveys/campaigns', { surveyId: other.id, cycleId, audience: 'residentes', opensOn: '2026-03-01', closesOn: '2099-12-31' }), 201);
    const answer = { answers: [{ questionId: ok<{ questions: { id: number }[] }>(await central.get(`/api/v1/surveys/${other.id}`)).questions[0].id, value: 5 }] };
    const inCardiology: Resident[] = [];
    for (let i = 0; i < 6; i++) inCardiology.push(await residentWithAccount(t, admin, cardiology, cycleId, `enc.car.${i}`));
    for (const r of [...inJalisco, ...inNuevoLeon, ...inCardiology]) ok(await r.client.post(`/api/v1/surveys/campaigns/${campaign.id}/responses`, answer), 201);
    await close(campaign.id);

    type Table = { total: { suppressed: boolean; responses: number | null }; groups: { key: number; suppressed: boolean; responses: number | null }[] };
    const base = `/api/v1/surveys/campaigns/${campaign.id}/results`;
    const bySede = ok<Table>(await central.get(`${base}?groupBy=sede`));
    expect(bySede.total).toMatchObject({ suppressed: false, responses: 16 });
    // Jalisco's family-medicine 4 goes with its OOAD sibling, never with Nuevo León's 6.
    expect(bySede.groups.map((g) => [g.key, g.suppressed, g.responses]).sort()).toEqual([[jalisco.id, true, null], [cardiology.id, true, null], [nuevoLeon.id, false, 6]].sort());
    const byOoad = ok<Table>(await central.get(`${base}?groupBy=ooad`));
    expect(byOoad.groups.map((g) => [g.key, g.suppressed, g.responses]).sort()).toEqual([[jalisco.ooadId, false, 10], [nuevoLeon.ooadId, false, 6]].sort());
    expect(ok<Table>(await central.get(`${base}?groupBy=nation&sedeId=${cardiology.id}`)).total).toMatchObject({ suppressed: true, responses: null });
    // The specialty table would split Jalisco's hidden pair (family medicine vs cardiology): both hidden.
    const bySpecialty = ok<Table>(await central.get(`${base}?groupBy=specialty`));
    expect(bySpecialty.groups.every((g) => g.suppressed)).toBe(true);
  });
});

describe('residents evaluate their teachers', () => {
  it('a teacher sees only the aggregate of their own evaluations, only once the campaign closes and only from 5 residents on', async () => {
    const teacher = await facultyWithAccount(t, admin, jalisco, 'adjunto', 'profesora.evaluada');
    const docente = ok<{ id: number; questions: { id: number }[] }>(await central.post('/api/v1/surveys', { title: 'Evaluación docente', purpose: 'docente', questions: [{ kind: 'likert', text: 'Claridad al enseñar', measures: 'satisfaction' }] }), 201);
    const openFor = async () => ok<{ id: number }>(await central.post('/api/v1/surveys/campaigns', { surveyId: docente.id, cycleId, audience: 'residentes_sede', sedeId: jalisco.id, opensOn: '2026-03-01', closesOn: '2099-12-31' }), 201).id;
    type Row = { campaignId: number; published: boolean; message?: string; suppressed?: boolean; responses?: number | null; satisfiedPct?: number | null };
    const mine = async () => ok<Row[]>(await teacher.client.get('/api/v1/surveys/teaching/mine'));
    const spring = await openFor();
    const form = ok<{ teachers: { appointmentId: number }[] }>(await inJalisco[0].client.get(`/api/v1/surveys/campaigns/${spring}/form`));
    expect(form.teachers.map((x) => x.appointmentId)).toContain(teacher.appointmentId);
    expect((await inNuevoLeon[0].client.get(`/api/v1/surveys/campaigns/${spring}/form`)).statusCode).toBe(403);
    const body = { subjectAppointmentId: teacher.appointmentId, answers: [{ questionId: docente.questions[0].id, value: 5 }] };
    // Open and not yet answered, or open and answered by four: the teacher's page reads the same.
    const unanswered = await mine();
    expect(unanswered).toEqual([{ campaignId: spring, title: 'Evaluación docente', published: false, closesOn: '2099-12-31', message: 'Los resultados se publican al cerrar la campaña el 31/12/2099.' }]);
    for (const r of inJalisco) ok(await r.client.post(`/api/v1/surveys/campaigns/${spring}/responses`, body), 201);
    expect((await inJalisco[0].client.post(`/api/v1/surveys/campaigns/${spring}/responses`, body)).statusCode).toBe(409);
    expect(await mine()).toEqual(unanswered);
    await close(spring);
    expect(await mine()).toEqual([expect.objectContaining({ campaignId: spring, published: true, suppressed: true, responses: null })]);

    const autumn = await openFor();
    const fifth = await residentWithAccount(t, admin, jalisco, cycleId, 'enc.jal.quinto');
    for (const r of [...inJalisco, fifth]) ok(await r.client.post(`/api/v1/surveys/campaigns/${autumn}/responses`, body), 201);
    expect((await mine()).find((r) => r.campaignId === autumn)).toMatchObject({ published: false });
    await close(autumn);
    expect((await mine()).find((r) => r.campaignId === autumn)).toMatchObject({ published: true, suppressed: false, responses: 5, satisfiedPct: 100 });
    expect((await inJalisco[0].client.get('/api/v1/surveys/teaching/mine')).statusCode).toBe(403);
  });
});

describe('anonymity by construction (database level)', () => {
  const RESPONSE_TABLES = ['survey_responses', 'survey_answers'];

  it('no survey-response table has a foreign key to a person, user, resident or enrolment', async () => {
    const rows = (await t.database.db.execute(sql`
      select cl.relname as tbl, ref.relname as referenced
      from pg_constraint c join pg_class cl on cl.oid = c.conrelid join pg_class ref on ref.oid = c.confrelid
      where c.contype = 'f' and cl.relname like 'survey_%'`)) as unknown;
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { tbl: string; referenced: string }[];
    expect(list.length).toBeGreaterThan(0);
    const offending = list.filter((r) => RESPONSE_TABLES.includes(r.tbl) && ['persons', 'users', 'residents', 'enrolments', 'tutorships', 'sessions'].includes(r.referenced));
    expect(offending).toEqual([]);
  });

  it('no survey-response column names a person or records a time, and participation shares no id with responses', async () => {
    const rows = (await t.database.db.execute(sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' and table_name like 'survey_%'`)) as unknown;
    const cols = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { table_name: string; column_name: string; data_type: string }[];
    const responseCols = cols.filter((c) => RESPONSE_TABLES.includes(c.table_name));
    expect(responseCols.length).toBeGreaterThan(5);
    expect(responseCols.filter((c) => /person|user|resident|curp|matricula|created|answered_at/.test(c.column_name) || c.data_type.startsWith('timestamp') || c.data_type === 'date')).toEqual([]);
    const participation = cols.filter((c) => c.table_name === 'survey_participations').map((c) => c.column_name).sort();
    expect(participation).toEqual(['campaign_id', 'subject_appointment_id', 'user_id']);
    expect(cols.find((c) => c.table_name === 'survey_responses' && c.column_name === 'id')?.data_type).toBe('uuid');
  });
});
