import { lastClosedQuarter, quarterBounds, quarterOf } from '@sirem/core';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/access.ts';
import { auditLog } from '../src/db/schema/audit.ts';
import { sedes, units } from '../src/db/schema/catalog.ts';
import { notifications } from '../src/db/schema/guards.ts';
import { wellbeingScreenings } from '../src/db/schema/wellbeing.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { facultyWithAccount, residentWithAccount } from './support/accounts.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

let t: TestContext;
let admin: Client;
let sede: { id: number; unitId: number; ooadId: number };
let resident: Awaited<ReturnType<typeof residentWithAccount>>;
let titular: Client;
let tutor: Awaited<ReturnType<typeof facultyWithAccount>>;
let liaison: Client;
let otherLiaison: Client;
let teachingLiaison: Client;
let coordinatingLiaison: Client;

const PHQ_CRISIS = [1, 1, 0, 1, 0, 0, 0, 0, 1];
const audits = (action: string, entityId: number) =>
  t.database.db.$count(auditLog, and(eq(auditLog.entity, 'wellbeing_person'), eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))));

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.bienestar', [national()]);
  sede = await familyMedicineSede(t.database.db, 'Jalisco');
  const other = await familyMedicineSede(t.database.db, 'Nuevo León');
  const cycle = await cycleStartingIn(t.database.db, 2026);
  resident = await residentWithAccount(t, admin, sede, cycle.id, 'lucia.residente');
  titular = (await facultyWithAccount(t, admin, sede, 'titular', 'director.sede')).client;
  tutor = await facultyWithAccount(t, admin, sede, 'tutor', 'tutor.sede');
  ok(await admin.post(`/api/v1/people/residents/${resident.residentId}/tutor`, { tutorPersonId: tutor.personId, startsOn: '2026-03-15' }));
  liaison = await t.userWith('enlace.jalisco', [{ role: 'enlace_salud_mental', scopeKind: 'ooad', ooadId: sede.ooadId }]);
  otherLiaison = await t.userWith('enlace.nl', [{ role: 'enlace_salud_mental', scopeKind: 'ooad', ooadId: other.ooadId }]);
  // Also liaisons of the OOAD, but one teaches at the resident's sede and the other coordinates the OOAD.
  const asLiaison = [{ role: 'enlace_salud_mental' as const, scopeKind: 'ooad' as const, ooadId: sede.ooadId }];
  teachingLiaison = (await facultyWithAccount(t, admin, sede, 'adjunto', 'profesor.enlace', asLiaison)).client;
  coordinatingLiaison = await t.userWith('coordinador.enlace', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: sede.ooadId }, ...asLiaison]);
});
afterAll(() => t.close());

describe('self-screening', () => {
  it('shows the instruments in Spanish with the crisis lines', async () => {
    const body = ok<{ instruments: { code: string; items: { es: string }[] }[]; crisisResources: { phone: string }[] }>(await resident.client.get('/api/v1/wellbeing/instruments'));
    expect(body.instruments.map((i) => [i.code, i.items.length])).toEqual([['phq9', 9], ['gad7', 7]]);
    expect(body.crisisResources.map((r) => r.phone)).toContain('800 911 2000');
  });

  it('scores a GAD-7, says when the next one is due, and raises no alert', async () => {
    const res = ok<{ score: number; band: string; crisis: boolean; resources: unknown[] }>(await resident.client.post('/api/v1/wellbeing/screenings', { instrument: 'gad7', answers: [2, 2, 1, 1, 1, 2, 2] }), 201);
    expect(res).toMatchObject({ score: 11, band: 'moderada', crisis: false, resources: [] });
    const me = ok<{ due: Record<string, { dueNow: boolean }> }>(await resident.client.get('/api/v1/wellbeing/me'));
    expect(me.due.gad7.dueNow).toBe(false);
    expect(me.due.phq9.dueNow).toBe(true);
  });

  it('refuses an incomplete questionnaire saying how many answers are missing', async () => {
    const res = await resident.client.post('/api/v1/wellbeing/screenings', { instrument: 'phq9', answers: [0, 0, 0] });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('9 preguntas');
  });

  it('PHQ-9 item 9 above 0 answers with the crisis lines and alerts the liaison in scope, nobody else', async () => {
    const res = ok<{ crisis: boolean; resources: { name: string }[] }>(await resident.client.post('/api/v1/wellbeing/screenings', { instrument: 'phq9', answers: PHQ_CRISIS }), 201);
    expect(res.crisis).toBe(true);
    expect(res.resources.map((r) => r.name)).toContain('Línea de la Vida');

    const alerts = ok<{ items: { id: number; personId: number; status: string; version: number }[] }>(await liaison.get('/api/v1/wellbeing/alerts'));
    expect(alerts.items).toEqual([expect.objectContaining({ personId: resident.personId, status: 'abierta' })]);
    expect(ok<{ items: unknown[] }>(await otherLiaison.get('/api/v1/wellbeing/alerts')).items).toEqual([]);
    for (const c of [titular, tutor.client, admin]) expect((await c.get('/api/v1/wellbeing/alerts')).statusCode).toBe(403);

    const notified = await t.database.db.select({ username: users.username, message: notifications.message }).from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(eq(notifications.kind, 'wellbeing_alert'));
    // Only the liaison outside the resident's chain: not the professor nor the OOAD coordinator who also hold the liaison role.
    expect(notified.map((n) => n.username)).toEqual(['enlace.jalisco']);
    for (const c of [teachingLiaison, coordinatingLiaison]) {
      expect(ok<{ items: unknown[] }>(await c.get('/api/v1/wellbeing/alerts')).items).toEqual([]);
      expect((await c.get(`/api/v1/wellbeing/persons/${resident.personId}`)).statusCode).toBe(403);
    }
    expect(notified.every((n) => !n.message.includes('Lucía') && !n.message.includes(String(resident.personId)))).toBe(true);

    const alert = alerts.items[0];
    const followed = ok<{ status: string; version: number }>(await liaison.post(`/api/v1/wellbeing/alerts/${alert.id}`, { status: 'en_seguimiento', note: 'Contacto telefónico el mismo día.', version: alert.version }));
    expect(followed.status).toBe('en_seguimiento');
    const stale = await liaison.post(`/api/v1/wellbeing/alerts/${alert.id}`, { status: 'cerrada', version: alert.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(followed.version);
    expect((await teachingLiaison.post(`/api/v1/wellbeing/alerts/${alert.id}`, { status: 'cerrada', version: followed.version })).statusCode).toBe(404);
  });

  it('never writes scores, answers or the alert into the audit log', async () => {
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'wellbeing_screening'));
    expect(rows.map((r) => r.action)).toEqual(['submit', 'submit']);
    expect(JSON.stringify(rows)).not.toMatch(/answers|score|band|crisis/);
    expect(await t.database.db.$count(auditLog, and(eq(auditLog.entity, 'wellbeing_alert'), eq(auditLog.action, 'raise')))).toBe(0);
  });
});

describe('who reads an individual result', () => {
  it('refuses the program director, and the refusal is audited', async () => {
    const before = await audits('read_denied', resident.personId);
    const res = await titular.get(`/api/v1/wellbeing/persons/${resident.personId}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('enlace de salud mental');
    expect(await audits('read_denied', resident.personId)).toBe(before + 1);
  });

  it('refuses the administrator and a liaison of another OOAD', async () => {
    expect((await admin.get(`/api/v1/wellbeing/persons/${resident.personId}`)).statusCode).toBe(403);
    expect((await otherLiaison.get(`/api/v1/wellbeing/persons/${resident.personId}`)).statusCode).toBe(403);
  });

  it('lets the liaison read the alerted person, audited', async () => {
    const before = await audits('read', resident.personId);
    const body = ok<{ view: string; screenings: { answers: number[] }[] }>(await liaison.get(`/api/v1/wellbeing/persons/${resident.personId}`));
    expect(body.view).toBe('liaison');
    expect(body.screenings.map((s) => s.answers)).toContainEqual(PHQ_CRISIS);
    expect(await audits('read', resident.personId)).toBe(before + 1);
  });

  it('shows the tutor only what the resident allows, and nothing until they allow it', async () => {
    expect((await tutor.client.get(`/api/v1/wellbeing/persons/${resident.personId}`)).statusCode).toBe(403);
    const first = ok<{ version: number }>(await resident.client.post('/api/v1/wellbeing/sharing', { tutorSees: 'realizado', version: 0 }));
    const done = ok<{ view: string; screenings: Record<string, unknown>[] }>(await tutor.client.get(`/api/v1/wellbeing/persons/${resident.personId}`));
    expect(done.view).toBe('tutor');
    expect(done.screenings.every((s) => s.band === null && !('score' in s) && !('answers' in s))).toBe(true);
    const second = ok<{ version: number }>(await resident.client.post('/api/v1/wellbeing/sharing', { tutorSees: 'nivel', version: first.version }));
    const band = ok<{ screenings: { band: string | null }[] }>(await tutor.client.get(`/api/v1/wellbeing/persons/${resident.personId}`));
    expect(band.screenings.map((s) => s.band)).toContain('moderada');
    ok(await resident.client.post('/api/v1/wellbeing/sharing', { tutorSees: 'nada', version: second.version }));
    expect((await tutor.client.get(`/api/v1/wellbeing/persons/${resident.personId}`)).statusCode).toBe(403);
  });
});

describe('the sharing setting changed from two open sessions', () => {
  type Sharing = { tutorSees: string; version: number };
  const mine = async (c: Client) => ok<{ sharing: Sharing }>(await c.get('/api/v1/wellbeing/me')).sharing;
  const share = (c: Client, body: object) => c.post('/api/v1/wellbeing/sharing', body);

  it('refuses a change that does not say which version it read', async () => {
    const refused = await share(resident.client, { tutorSees: 'nivel' });
    expect(refused.statusCode).toBe(400);
    expect(await mine(resident.client)).toMatchObject({ tutorSees: 'nada' });
  });

  it('keeps one of two simultaneous first choices and tells the other session what was chosen', async () => {
    const newcomer = await residentWithAccount(t, admin, sede, (await cycleStartingIn(t.database.db, 2026)).id, 'ana.residente');
    const laptop = newcomer.client;
    const phone = await t.login('ana.residente');
    expect(await mine(laptop)).toEqual({ tutorSees: 'nada', version: 0 });
    const results = await Promise.all([share(laptop, { tutorSees: 'realizado', version: 0 }), share(phone, { tutorSees: 'nivel', version: 0 })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json() as Sharing;
    expect(winner.version).toBe(1);
    expect(results.find((r) => r.statusCode === 409)?.json()).toMatchObject({ code: 'version_conflict', current: { tutorSees: winner.tutorSees, version: 1 } });
    expect(await mine(phone)).toEqual({ tutorSees: winner.tutorSees, version: 1 });
  });

  it('keeps exactly one of two simultaneous changes from the same version; the stored setting is the winner', async () => {
    const phone = await t.login('lucia.residente');
    for (const [a, b] of [['realizado', 'nivel'], ['nada', 'nivel'], ['realizado', 'nada']]) {
      const read = await mine(resident.client);
      const results = await Promise.all([share(resident.client, { tutorSees: a, version: read.version }), share(phone, { tutorSees: b, version: read.version })]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)?.json() as Sharing;
      expect(winner.version).toBe(read.version + 1);
      expect(results.find((r) => r.statusCode === 409)?.json().current).toEqual({ tutorSees: winner.tutorSees, version: winner.version });
      expect(await mine(phone)).toEqual({ tutorSees: winner.tutorSees, version: winner.version });
    }
    const shares = await t.database.db.$count(auditLog, and(eq(auditLog.entity, 'wellbeing_sharing'), eq(auditLog.entityId, String(resident.personId))));
    expect(shares).toBe(6);
  });
});

describe('aggregates', () => {
  type Aggregate = { quarter: string; suppressed: boolean; people: number | null; bands: { band: string; n: number | null; suppressed: boolean }[] };
  const finished = lastClosedQuarter(new Date().toISOString().slice(0, 10));
  // Screenings are taken today; the test dates them inside the last finished quarter, the only kind published.
  const intoFinishedQuarter = (personIds: number[]) =>
    t.database.db.update(wellbeingScreenings).set({ completedAt: new Date(`${quarterBounds(finished).from}T12:00:00Z`) }).where(inArray(wellbeingScreenings.personId, personIds));
  const screenGad7 = async (at: { id: number; unitId: number; ooadId: number }, prefix: string, count: number) => {
    const cycle = await cycleStartingIn(t.database.db, 2026);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const r = await residentWithAccount(t, admin, at, cycle.id, `${prefix}.${i}`);
      ok(await r.client.post('/api/v1/wellbeing/screenings', { instrument: 'gad7', answers: [0, 0, 0, 0, 0, 1, 0] }), 201);
      ids.push(r.personId);
    }
    await intoFinishedQuarter(ids);
  };
  let coord: Client;

  it('suppresses a sede with fewer than 5 people and publishes it from 5 on, hiding small bands', async () => {
    coord = await t.userWith('coord.bienestar', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: sede.ooadId }]);
    const url = `/api/v1/wellbeing/aggregates?instrument=gad7&sedeId=${sede.id}`;
    await intoFinishedQuarter([resident.personId]);
    expect(ok<Aggregate>(await coord.get(url))).toMatchObject({ quarter: finished, suppressed: true, people: null });
    await screenGad7(sede, 'agregado', 4);
    const shown = ok<Aggregate>(await coord.get(url));
    expect(shown).toMatchObject({ quarter: finished, suppressed: false, people: 5 });
    // 4 minimal and 1 moderate: the lone moderate is hidden, and with it the other band; empty bands are listed as hidden too.
    expect(shown.bands.map((b) => b.band)).toEqual(['minima', 'leve', 'moderada', 'grave']);
    expect(shown.bands.every((b) => b.suppressed && b.n === null)).toBe(true);
    expect((await titular.get(url)).statusCode).toBe(403);
  });

  it('a sede published next to its OOAD would give away the rest of the OOAD: the sede is then hidden', async () => {
    const [cardiology] = await t.database.db.select({ id: sedes.id, unitId: sedes.unitId, ooadId: units.ooadId }).from(sedes).innerJoin(units, eq(units.id, sedes.unitId)).where(and(eq(units.ooadId, sede.ooadId), ne(sedes.id, sede.id))).limit(1);
    await screenGad7(cardiology, 'agregado.car', 3);
    const base = '/api/v1/wellbeing/aggregates?instrument=gad7';
    const ooad = ok<Aggregate>(await coord.get(`${base}&ooadId=${sede.ooadId}`));
    expect(ooad).toMatchObject({ suppressed: false, people: 8 });
    // Minimal is 7 of 8: publishing it would say the one left over is the moderate case of the family-medicine sede.
    expect(ooad.bands.every((b) => b.suppressed)).toBe(true);
    for (const place of [`sedeId=${sede.id}`, `sedeId=${cardiology.id}`, `unitId=${cardiology.unitId}`]) expect(ok<Aggregate>(await coord.get(`${base}&${place}`))).toMatchObject({ suppressed: true, people: null });
    const nationalLiaison = await t.userWith('enlace.nacional.agregados', [national('enlace_salud_mental')]);
    expect(ok<Aggregate>(await nationalLiaison.get(base))).toMatchObject({ suppressed: false, people: 8 });
  });

  it('publishes whole finished quarters only: no free dates and no quarter still running', async () => {
    const base = '/api/v1/wellbeing/aggregates?instrument=gad7';
    expect(ok<Aggregate>(await coord.get(`${base}&from=2026-01-01&to=2026-01-02`)).quarter).toBe(finished);
    expect((await coord.get(`${base}&quarter=2026-08-01`)).statusCode).toBe(400);
    const running = await coord.get(`${base}&quarter=${quarterOf(new Date().toISOString().slice(0, 10))}`);
    expect(running.statusCode).toBe(409);
    expect(running.json()).toMatchObject({ code: 'quarter_open', detail: expect.stringContaining('al cierre de cada trimestre') });
  });
});
