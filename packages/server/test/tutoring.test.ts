import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { notifications } from '../src/db/schema/guards.ts';
import { sendPlanReminders } from '../src/evaluations/tutoring-service.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { facultyWithAccount, residentWithAccount } from './support/accounts.ts';
import { ok } from './support/catalog.ts';
import { useSecondInstance } from './support/instances.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

let t: TestContext;
let admin: Client;
let resident: Awaited<ReturnType<typeof residentWithAccount>>;
let tutor: Awaited<ReturnType<typeof facultyWithAccount>>;
let teacher: Awaited<ReturnType<typeof facultyWithAccount>>;
let outsider: Awaited<ReturnType<typeof facultyWithAccount>>;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.tutorias', [national()]);
  const sede = await familyMedicineSede(t.database.db, 'Jalisco');
  const other = await familyMedicineSede(t.database.db, 'Nuevo León');
  const cycle = await cycleStartingIn(t.database.db, 2026);
  resident = await residentWithAccount(t, admin, sede, cycle.id, 'tutorada');
  tutor = await facultyWithAccount(t, admin, sede, 'tutor', 'tutor.asignado');
  teacher = await facultyWithAccount(t, admin, sede, 'adjunto', 'adjunto.retro');
  outsider = await facultyWithAccount(t, admin, other, 'adjunto', 'adjunto.otra.sede');
  ok(await admin.post(`/api/v1/people/residents/${resident.residentId}/tutor`, { tutorPersonId: tutor.personId, startsOn: '2026-03-15' }));
});
afterAll(() => t.close());

const base = () => `/api/v1/evaluations/residents/${resident.residentId}`;

describe('tutoring and feedback', () => {
  it('the tutor records a session; a teacher who is not the tutor cannot', async () => {
    ok(await tutor.client.post(`${base()}/sessions`, { heldOn: '2026-10-05', topics: 'Avance de tesis y carga de guardias', agreements: 'Entregar marco teórico', followUp: 'Revisar en noviembre' }), 201);
    expect((await teacher.client.post(`${base()}/sessions`, { heldOn: '2026-10-05', topics: 'x' })).statusCode).toBe(403);
  });

  it('any professor of the sede leaves feedback, the resident is notified and sees it with the tutor; a teacher elsewhere cannot', async () => {
    ok(await teacher.client.post(`${base()}/feedback`, { kind: 'reconocimiento', body: 'Excelente nota de evolución en el paciente diabético.' }), 201);
    expect((await outsider.client.post(`${base()}/feedback`, { kind: 'mejora', body: 'x' })).statusCode).toBe(403);
    for (const c of [resident.client, tutor.client]) {
      const view = ok<{ feedback: { body: string; author: string }[]; sessions: unknown[] }>(await c.get(`${base()}/follow-up`));
      expect(view.feedback).toEqual([expect.objectContaining({ body: 'Excelente nota de evolución en el paciente diabético.', author: 'adjunto.retro' })]);
      expect(view.sessions).toHaveLength(1);
    }
    expect((await teacher.client.get(`${base()}/follow-up`)).statusCode).toBe(403);
    expect(ok<{ residentId: number }>(await resident.client.get('/api/v1/evaluations/follow-up/mine')).residentId).toBe(resident.residentId);
    const [notice] = await t.database.db.select().from(notifications).where(eq(notifications.kind, 'feedback'));
    expect(notice.message).toContain('retroalimentación');
  });

  it('an action plan reminds the resident and the tutor once, three days before it is due', async () => {
    const plan = ok<{ id: number; version: number }>(await tutor.client.post(`${base()}/plans`, { title: 'Presentar caso clínico en sesión general', dueOn: '2026-12-10' }), 201);
    expect(await sendPlanReminders(t.database.db, '2026-12-01')).toBe(0);
    expect(await sendPlanReminders(t.database.db, '2026-12-07')).toBe(1);
    expect(await sendPlanReminders(t.database.db, '2026-12-08')).toBe(0);
    const reminders = await t.database.db.select().from(notifications).where(eq(notifications.kind, 'action_plan'));
    expect(reminders).toHaveLength(2);
    expect(reminders[0].message).toContain('10/12/2026');
    expect((await resident.client.post(`/api/v1/evaluations/plans/${plan.id}`, { status: 'cumplido', version: plan.version })).statusCode).toBe(403);
    ok(await tutor.client.post(`/api/v1/evaluations/plans/${plan.id}`, { status: 'cumplido', version: plan.version }));
    expect((await tutor.client.post(`/api/v1/evaluations/plans/${plan.id}`, { status: 'abierto', version: plan.version })).statusCode).toBe(409);
  });
});

describe('reminders on two server instances sharing one database', () => {
  const second = useSecondInstance(() => t);

  it('sends each due plan one notification per person and one audit row, whichever instance claims it', async () => {
    const titles = [1, 2, 3, 4, 5].map((n) => `Plan simultáneo ${n}: revisión de expedientes`);
    const plans: { id: number }[] = [];
    for (const title of titles) plans.push(ok<{ id: number }>(await tutor.client.post(`${base()}/plans`, { title, dueOn: '2027-01-20' }), 201));
    const sent = await Promise.all([sendPlanReminders(t.app.db, '2027-01-18'), sendPlanReminders(second().db, '2027-01-18')]);
    expect(sent[0] + sent[1]).toBe(titles.length);

    const me = async (c: Client) => ok<{ user: { id: number } }>(await c.get('/api/v1/auth/me')).user.id;
    const people = [await me(resident.client), await me(tutor.client)].sort();
    const notes = await t.database.db.select({ userId: notifications.userId, message: notifications.message }).from(notifications).where(and(eq(notifications.kind, 'action_plan'), like(notifications.message, '%Plan simultáneo%')));
    for (const title of titles) expect(notes.filter((n) => n.message.includes(`"${title}"`)).map((n) => n.userId).sort()).toEqual(people);
    const audits = await t.database.db.select({ entityId: auditLog.entityId }).from(auditLog).where(and(eq(auditLog.entity, 'action_plan'), eq(auditLog.action, 'remind'), inArray(auditLog.entityId, plans.map((p) => String(p.id)))));
    expect(audits.map((a) => Number(a.entityId)).sort((x, y) => x - y)).toEqual(plans.map((p) => p.id).sort((x, y) => x - y));
    expect(await sendPlanReminders(second().db, '2027-01-19')).toBe(0);
  });
});
