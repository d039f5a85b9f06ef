import { quarterOf } from '@sirem/core';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/access.ts';
import { auditLog } from '../src/db/schema/audit.ts';
import { notifications } from '../src/db/schema/guards.ts';
import { persons } from '../src/db/schema/people.ts';
import { wellbeingReminders } from '../src/db/schema/wellbeing.ts';
import { sendScreeningReminders } from '../src/wellbeing/reminders-service.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { facultyWithAccount, residentWithAccount } from './support/accounts.ts';
import { ok } from './support/catalog.ts';
import { useSecondInstance } from './support/instances.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

type Resident = Awaited<ReturnType<typeof residentWithAccount>>;
let t: TestContext;
let admin: Client;
let sede: { id: number; unitId: number; ooadId: number };
let cycleId: number;
let owing: Resident;
let screened: Resident;
let halfway: Resident;
let tutor: Awaited<ReturnType<typeof facultyWithAccount>>;

// Screenings are stamped with the real clock, so the sweep runs on the real day too.
const today = new Date().toISOString().slice(0, 10);
const period = quarterOf(today);
const PHQ9 = { instrument: 'phq9', answers: [1, 1, 0, 0, 0, 0, 0, 0, 0] };
const GAD7 = { instrument: 'gad7', answers: [1, 0, 0, 0, 0, 0, 0] };

/** The reminders a person's account holds, and the audit rows written for them. */
async function remindersOf(r: { personId: number }) {
  const notes = await t.database.db
    .select({ message: notifications.message, link: notifications.link })
    .from(notifications)
    .innerJoin(persons, eq(persons.userId, notifications.userId))
    .where(and(eq(persons.id, r.personId), eq(notifications.kind, 'wellbeing_reminder')));
  const audits = await t.database.db.$count(auditLog, and(eq(auditLog.entity, 'wellbeing_reminder'), eq(auditLog.action, 'remind'), eq(auditLog.entityId, String(r.personId))));
  return { notes, audits };
}

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.recordatorios', [national()]);
  sede = await familyMedicineSede(t.database.db, 'Jalisco');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  owing = await residentWithAccount(t, admin, sede, cycleId, 'rec.pendiente');
  screened = await residentWithAccount(t, admin, sede, cycleId, 'rec.al.dia');
  halfway = await residentWithAccount(t, admin, sede, cycleId, 'rec.a.medias');
  tutor = await facultyWithAccount(t, admin, sede, 'tutor', 'rec.tutor');
  ok(await admin.post(`/api/v1/people/residents/${owing.residentId}/tutor`, { tutorPersonId: tutor.personId, startsOn: '2026-03-15' }));
  for (const body of [PHQ9, GAD7]) ok(await screened.client.post('/api/v1/wellbeing/screenings', body), 201);
  ok(await halfway.client.post('/api/v1/wellbeing/screenings', GAD7), 201);
});
afterAll(() => t.close());

describe('quarterly screening reminders', () => {
  it('reminds a resident who has not screened this quarter once, and not again on the next run', async () => {
    await sendScreeningReminders(t.database.db, today);
    const first = await remindersOf(owing);
    expect(first.notes).toEqual([{ message: expect.stringMatching(/^Tiene pendiente su tamizaje de bienestar del trimestre [a-z]+–[a-z]+ de \d{4}\. Puede responderlo en Mi bienestar\.$/), link: '/wellbeing' }]);
    expect(first.audits).toBe(1);
    expect(await t.database.db.$count(wellbeingReminders, and(eq(wellbeingReminders.personId, owing.personId), eq(wellbeingReminders.period, period)))).toBe(1);

    expect(await sendScreeningReminders(t.database.db, today)).toBe(0);
    expect(await remindersOf(owing)).toEqual(first);
  });

  it('leaves alone a resident who answered both questionnaires this quarter, and reminds one who answered only GAD-7', async () => {
    expect((await remindersOf(screened)).notes).toEqual([]);
    expect((await remindersOf(halfway)).notes).toHaveLength(1);
  });

  it('tells nobody but the resident, and the resident reads it among their notices', async () => {
    const told = await t.database.db.select({ username: users.username }).from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(eq(notifications.kind, 'wellbeing_reminder'));
    expect(told.map((u) => u.username).sort()).toEqual(['rec.a.medias', 'rec.pendiente']);
    const notices = ok<{ kind: string; message: string }[]>(await owing.client.get('/api/v1/me/notifications'));
    expect(notices.filter((n) => n.kind === 'wellbeing_reminder')).toHaveLength(1);
    expect(ok<{ kind: string }[]>(await tutor.client.get('/api/v1/me/notifications')).filter((n) => n.kind === 'wellbeing_reminder')).toEqual([]);
  });

  it('a resident reminded this quarter who then screens is not reminded again', async () => {
    for (const body of [PHQ9, GAD7]) ok(await owing.client.post('/api/v1/wellbeing/screenings', body), 201);
    expect(await sendScreeningReminders(t.database.db, today)).toBe(0);
    expect((await remindersOf(owing)).notes).toHaveLength(1);
  });
});

describe('reminders on two server instances sharing one database', () => {
  const second = useSecondInstance(() => t);

  it('sends each owing resident exactly one reminder and one audit row, whichever instance claims them', async () => {
    const newcomers: Resident[] = [];
    for (let i = 0; i < 5; i++) newcomers.push(await residentWithAccount(t, admin, sede, cycleId, `rec.simultaneo.${i}`));
    await Promise.all([sendScreeningReminders(t.app.db, today), sendScreeningReminders(second().db, today)]);
    for (const r of newcomers) expect(await remindersOf(r)).toMatchObject({ notes: [expect.anything()], audits: 1 });
    const rows = await t.database.db.select().from(wellbeingReminders).where(inArray(wellbeingReminders.personId, newcomers.map((r) => r.personId)));
    expect(rows.map((r) => r.period)).toEqual(newcomers.map(() => period));
    expect(await sendScreeningReminders(second().db, today)).toBe(0);
  });
});
