import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { conductReports } from '../src/db/schema/conduct.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { facultyWithAccount, residentWithAccount } from './support/accounts.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

let t: TestContext;
let admin: Client;
let sede: { id: number; unitId: number; ooadId: number };
let resident: Awaited<ReturnType<typeof residentWithAccount>>;
let accused: Awaited<ReturnType<typeof facultyWithAccount>>;
let committee: Client;
let chainMember: Client;

const report = (over: Record<string, unknown> = {}) => ({
  category: 'guardia_castigo',
  description: 'Me asignaron tres guardias seguidas como castigo por llegar tarde a la sesión académica.',
  occurredOn: '2026-10-12',
  unitId: sede.unitId,
  sedeId: sede.id,
  accusedPersonId: accused.personId,
  anonymous: false,
  ...over,
});

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.conducta', [national()]);
  sede = await familyMedicineSede(t.database.db, 'Jalisco');
  const cycle = await cycleStartingIn(t.database.db, 2026);
  resident = await residentWithAccount(t, admin, sede, cycle.id, 'reporta.residente');
  accused = await facultyWithAccount(t, admin, sede, 'adjunto', 'profesor.reportado');
  committee = await t.userWith('comite.jalisco', [{ role: 'comite_etica', scopeKind: 'ooad', ooadId: sede.ooadId }]);
  // A committee member who also teaches at the sede: in the reported person's chain.
  chainMember = (await facultyWithAccount(t, admin, sede, 'tutor', 'comite.docente', [{ role: 'comite_etica', scopeKind: 'ooad', ooadId: sede.ooadId }])).client;
});
afterAll(() => t.close());

describe('identified reports', () => {
  it('the committee names the reporter; a member who teaches at the sede does not see who reported', async () => {
    const filed = ok<{ folio: string; token: string | null }>(await resident.client.post('/api/v1/wellbeing/conduct/reports', report()), 201);
    expect(filed.token).toBeNull();
    const cases = ok<{ items: { id: number; folio: string }[] }>(await committee.get('/api/v1/wellbeing/conduct/cases'));
    const id = (cases.items.find((c) => c.folio === filed.folio) as { id: number }).id;
    expect(JSON.stringify(cases)).not.toContain('reporta.residente');
    const full = ok<{ reporter: { username: string } | null; reporterWithheld: boolean }>(await committee.get(`/api/v1/wellbeing/conduct/cases/${id}`));
    expect(full.reporter?.username).toBe('reporta.residente');
    const chain = ok<{ reporter: unknown; reporterWithheld: boolean }>(await chainMember.get(`/api/v1/wellbeing/conduct/cases/${id}`));
    expect(chain).toMatchObject({ reporter: null, reporterWithheld: true });
    expect(JSON.stringify(chain)).not.toContain('reporta.residente');
  });

  it('members who coordinate the OOAD, or who work where the reported person also teaches, do not see who reported', async () => {
    // The reported professor also teaches at a family-medicine sede of another OOAD.
    const elsewhere = await familyMedicineSede(t.database.db, 'Nuevo León');
    ok(await admin.post('/api/v1/people/faculty', { personId: accused.personId, sedeId: elsewhere.id, role: 'adjunto', startsOn: '2026-03-01' }), 201);
    const member = [{ role: 'comite_etica' as const, scopeKind: 'national' as const }];
    const service = ok<{ id: number }>(await admin.post('/api/v1/rotations/services', { unitId: elsewhere.unitId, name: 'Urgencias (comité)', capacityPerGrade: [2, 2, 2] }), 201);
    const members = {
      ooadCoordinator: await t.userWith('comite.coordinador', [{ role: 'comite_etica', scopeKind: 'ooad', ooadId: sede.ooadId }, { role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: sede.ooadId }]),
      coordinatorWhereAccusedTeaches: await t.userWith('comite.coordinador.nl', [...member, { role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: elsewhere.ooadId }]),
      headOfServiceWhereAccusedTeaches: await t.userWith('comite.jefe.nl', [...member, { role: 'jefe_servicio', scopeKind: 'unit', unitId: elsewhere.unitId, serviceId: service.id }]),
      teacherWhereAccusedTeaches: (await facultyWithAccount(t, admin, elsewhere, 'tutor', 'comite.tutor.nl', member)).client,
    };
    const outsider = await t.userWith('comite.nacional', member);
    const filed = ok<{ folio: string }>(await resident.client.post('/api/v1/wellbeing/conduct/reports', report({ category: 'acoso' })), 201);
    const [row] = await t.database.db.select().from(conductReports).where(eq(conductReports.folio, filed.folio));
    expect(ok<{ reporter: { username: string } | null }>(await outsider.get(`/api/v1/wellbeing/conduct/cases/${row.id}`)).reporter?.username).toBe('reporta.residente');
    for (const [who, client] of Object.entries(members)) {
      const seen = ok<{ reporter: unknown; reporterWithheld: boolean }>(await client.get(`/api/v1/wellbeing/conduct/cases/${row.id}`));
      expect({ who, ...seen }).toMatchObject({ who, reporter: null, reporterWithheld: true });
      expect(JSON.stringify(seen)).not.toContain('reporta.residente');
    }
  });

  it('nobody outside the committee reads cases: not the director, the accused, nor the administrator', async () => {
    for (const c of [accused.client, admin, resident.client]) expect((await c.get('/api/v1/wellbeing/conduct/cases')).statusCode).toBe(403);
  });

  it('moves received → under review → resolved, refuses skipping back, and shares a note with the reporter', async () => {
    const filed = ok<{ folio: string }>(await resident.client.post('/api/v1/wellbeing/conduct/reports', report({ category: 'maltrato' })), 201);
    const [row] = await t.database.db.select().from(conductReports).where(eq(conductReports.folio, filed.folio));
    const review = ok<{ version: number }>(await committee.post(`/api/v1/wellbeing/conduct/cases/${row.id}`, { status: 'en_revision', note: 'Recibimos su reporte y lo revisamos.', shareWithReporter: true, version: 0 }));
    const back = await committee.post(`/api/v1/wellbeing/conduct/cases/${row.id}`, { status: 'recibido', version: review.version });
    expect(back.statusCode).toBe(400);
    expect(back.json().detail).toContain('recibido → en revisión → resuelto');
    expect((await committee.post(`/api/v1/wellbeing/conduct/cases/${row.id}`, { status: 'resuelto', version: 0 })).statusCode).toBe(409);
    ok(await committee.post(`/api/v1/wellbeing/conduct/cases/${row.id}`, { status: 'resuelto', note: 'Nota interna.', version: review.version }));
    const mine = ok<{ folio: string; status: string; messages: { body: string }[] }[]>(await resident.client.get('/api/v1/wellbeing/conduct/reports/mine'));
    const mineCase = mine.find((m) => m.folio === filed.folio);
    expect(mineCase).toMatchObject({ status: 'resuelto', messages: [{ body: 'Recibimos su reporte y lo revisamos.' }] });
  });
});

describe('anonymous reports', () => {
  it('stores no reporter, only the token hash, and an audit row that names nobody', async () => {
    const auditsBefore = await t.database.db.$count(auditLog, eq(auditLog.actorName, 'reporta.residente'));
    const filed = ok<{ folio: string; token: string }>(await resident.client.post('/api/v1/wellbeing/conduct/reports', report({ anonymous: true, category: 'acoso' })), 201);
    expect(filed.token.length).toBeGreaterThan(20);
    const [row] = await t.database.db.select().from(conductReports).where(eq(conductReports.folio, filed.folio));
    expect(row.reporterUserId).toBeNull();
    expect(row.tokenHash).not.toContain(filed.token);
    expect(await t.database.db.$count(auditLog, eq(auditLog.actorName, 'reporta.residente'))).toBe(auditsBefore);
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'file_anonymous'));
    expect(audit).toMatchObject({ actorId: null, actorName: null, entityId: null, requestId: null });

    const full = ok<{ anonymous: boolean; reporter: unknown }>(await committee.get(`/api/v1/wellbeing/conduct/cases/${row.id}`));
    expect(full).toMatchObject({ anonymous: true, reporter: null });
    ok(await committee.post(`/api/v1/wellbeing/conduct/cases/${row.id}`, { status: 'en_revision', note: '¿Puede indicar la fecha aproximada?', shareWithReporter: true, version: 0 }));

    // The reporter follows without a session, from any device.
    const follow = await t.app.inject({ method: 'POST', url: '/api/v1/wellbeing/conduct/follow', payload: { token: filed.token } });
    expect(follow.json()).toMatchObject({ folio: filed.folio, status: 'en_revision', messages: [{ author: 'comite', body: '¿Puede indicar la fecha aproximada?' }] });
    const reply = await t.app.inject({ method: 'POST', url: '/api/v1/wellbeing/conduct/follow/messages', payload: { token: filed.token, body: 'Fue la semana del 12 de octubre.' } });
    expect(reply.json().messages).toHaveLength(2);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/wellbeing/conduct/follow', payload: { token: 'x'.repeat(32) } });
    expect(wrong.statusCode).toBe(404);
  });
});

describe('codes of conduct and ethics', () => {
  it('the centre publishes a code, each user acknowledges it once, and a professor cannot publish', async () => {
    const central = await t.userWith('central.codigos', [national('nivel_central')]);
    const body = { code: 'conducta', edition: '2026', title: 'Código de Conducta', body: 'Trato digno y respetuoso a residentes, pacientes y colegas.', publishedOn: '2026-01-15' };
    const code = ok<{ id: number }>(await central.post('/api/v1/wellbeing/conduct/codes', body), 201);
    expect((await accused.client.post('/api/v1/wellbeing/conduct/codes', { ...body, edition: '2027' })).statusCode).toBe(403);
    const before = ok<{ id: number; acknowledgedAt: string | null }[]>(await resident.client.get('/api/v1/wellbeing/conduct/codes'));
    expect(before.find((c) => c.id === code.id)?.acknowledgedAt).toBeNull();
    ok(await resident.client.post(`/api/v1/wellbeing/conduct/codes/${code.id}/acknowledge`), 201);
    expect((await resident.client.post(`/api/v1/wellbeing/conduct/codes/${code.id}/acknowledge`)).statusCode).toBe(409);
    const after = ok<{ id: number; acknowledgedAt: string | null }[]>(await resident.client.get('/api/v1/wellbeing/conduct/codes'));
    expect(after.find((c) => c.id === code.id)?.acknowledgedAt).not.toBeNull();
  });
});
