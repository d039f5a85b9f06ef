import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/access.ts';
import { activityRecords } from '../src/db/schema/activity.ts';
import { auditLog } from '../src/db/schema/audit.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { entry, residentWithProfessor } from './support/activity.ts';

// Entries and sessions asked for at the same moment share their statements; these tests send them together.
let t: TestContext;
let admin: Client;
let jal: Awaited<ReturnType<typeof residentWithProfessor>>;
let son: Awaited<ReturnType<typeof residentWithProfessor>>;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.together', [national()]);
  jal = await residentWithProfessor(t, admin, 'Jalisco', 'tjal');
  son = await residentWithProfessor(t, admin, 'Sonora', 'tson');
});
afterAll(() => t.close());

const userId = async (username: string) => (await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id;

describe('entries logged at the same moment', () => {
  it('are each stored once with their own audit row, actor and request id; a bad or foreign one fails alone', async () => {
    const sends = [
      ...[1, 2, 3, 4].map((n) => ({ who: 'res.tjal', client: jal.me, residentId: jal.resident.id, note: `propia ${n}`, body: entry(jal.resident.id, jal.sede.unitId, { note: `propia ${n}` }) })),
      ...[1, 2, 3].map((n) => ({
        who: 'prof.tjal',
        client: jal.prof,
        residentId: jal.resident.id,
        note: `del profesor ${n}`,
        body: entry(jal.resident.id, jal.sede.unitId, { note: `del profesor ${n}`, supervision: 'ayuda', supervisorPersonId: jal.titular.personId }),
      })),
      ...[1, 2, 3].map((n) => ({ who: 'res.tson', client: son.me, residentId: son.resident.id, note: `Sonora ${n}`, body: entry(son.resident.id, son.sede.unitId, { note: `Sonora ${n}`, kind: 'cirugia', service: 'Cirugía general' }) })),
    ];
    const future = jal.me.post('/api/v1/activity/records', entry(jal.resident.id, jal.sede.unitId, { performedOn: '2099-01-01', note: 'futura' }));
    const foreign = jal.me.post('/api/v1/activity/records', entry(son.resident.id, son.sede.unitId, { note: 'ajena' }));
    const unknownCode = son.me.post('/api/v1/activity/records', entry(son.resident.id, son.sede.unitId, { diagnosisCode: 'X99.9', note: 'código' }));
    const answers = await Promise.all([...sends.map((s) => s.client.post('/api/v1/activity/records', s.body)), future, foreign, unknownCode]);

    const created = answers.slice(0, sends.length);
    expect(created.map((r) => r.statusCode)).toEqual(sends.map(() => 201));
    expect(answers.slice(sends.length).map((r) => r.statusCode)).toEqual([400, 403, 400]);
    expect(answers[sends.length + 2]?.json().detail).toContain('X99.9');
    const ids = created.map((r) => r.json().id as number);
    expect(new Set(ids).size).toBe(sends.length);

    const rows = await t.database.db.select().from(activityRecords).where(inArray(activityRecords.id, ids));
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'activity_record'), inArray(auditLog.entityId, ids.map(String))));
    expect(audits).toHaveLength(sends.length);
    for (const [i, send] of sends.entries()) {
      const id = ids[i];
      const row = rows.find((r) => r.id === id);
      expect(row).toMatchObject({ residentId: send.residentId, note: send.note, recordedBy: await userId(send.who) });
      expect(created[i]?.json()).toMatchObject({ id, note: send.note, status: 'registrada' });
      const audit = audits.filter((a) => a.entityId === String(id));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'create', actorName: send.who, requestId: created[i]?.headers['x-request-id'], after: expect.objectContaining({ id, note: send.note }) });
    }
    const refused = await t.database.db.select({ id: activityRecords.id }).from(activityRecords).where(inArray(activityRecords.note, ['futura', 'ajena', 'código']));
    expect(refused).toEqual([]);
  });

  it('two syncs of the same offline entry arriving together store it once and answer both with its id', async () => {
    const shared = { ...entry(jal.resident.id, jal.sede.unitId, { performedOn: '2026-07-01', note: 'compartida' }), clientKey: 'phone-shared-0001' };
    const own = (n: number) => ({ ...entry(jal.resident.id, jal.sede.unitId, { performedOn: '2026-07-02', note: `propia ${n}` }), clientKey: `phone-own-000${n}` });
    const [a, b] = await Promise.all([jal.me.post('/api/v1/activity/sync', { entries: [shared, own(1)] }), jal.me.post('/api/v1/activity/sync', { entries: [shared, own(2)] })]);
    const results = [a, b].map((r) => r.json().results as { status: string; id?: number }[]);
    expect(results.map((r) => r[0]?.status).sort()).toEqual(['created', 'duplicate']);
    expect(results[0]?.[0]?.id).toBe(results[1]?.[0]?.id);
    expect(results.map((r) => r[1]?.status)).toEqual(['created', 'created']);
    const stored = await t.database.db.select().from(activityRecords).where(and(eq(activityRecords.residentId, jal.resident.id), eq(activityRecords.clientKey, shared.clientKey)));
    expect(stored.map((r) => r.id)).toEqual([results[0]?.[0]?.id]);
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'activity_record'), eq(auditLog.entityId, String(stored[0]?.id))));
    expect(audits).toHaveLength(1);
  });
});

describe('sessions asked for at the same moment', () => {
  it('each request gets its own user; an unknown or closed session gets 401', async () => {
    const closed = await t.login('res.tson');
    expect((await closed.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const clients = [jal.me, jal.prof, son.me, son.prof, admin, jal.me];
    const answers = await Promise.all([
      ...clients.map((c) => c.get('/api/v1/auth/me')),
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'sirem_session=desconocida' } }),
      closed.get('/api/v1/auth/me'),
    ]);
    expect(answers.slice(0, clients.length).map((r) => r.json().user.username)).toEqual(['res.tjal', 'prof.tjal', 'res.tson', 'prof.tson', 'admin.together', 'res.tjal']);
    // The CSRF token belongs to the session, so each answer came from the caller's own session row.
    expect(answers.slice(0, clients.length).map((r) => r.json().csrfToken)).toEqual(clients.map((c) => c.csrf));
    expect(answers.slice(clients.length).map((r) => r.statusCode)).toEqual([401, 401]);
  });
});
