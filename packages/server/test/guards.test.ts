import { ruleReport } from '@sirem/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let coord: Client;
let unitId: number;
let unitOoadId: number;
let serviceId: number;
const residentIds: Record<number, number[]> = { 1: [], 2: [] };
const coverage = { weekday: { 1: 1, 2: 1 }, weekend: { 1: 1, 2: 1 }, holiday: { 1: 1, 2: 1 } };

async function waitForJob(client: Client, jobId: number) {
  for (let i = 0; i < 200; i++) {
    const job = (await client.get(`/api/v1/guards/jobs/${jobId}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.guards', [national()]);
  const sede = await familyMedicineSede(t.database.db, 'Jalisco');
  unitId = sede.unitId;
  unitOoadId = sede.ooadId;
  const cycle = await cycleStartingIn(t.database.db, 2026);
  coord = await t.userWith('cceis.guards', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId }]);
  serviceId = (await coord.post('/api/v1/rotations/services', { unitId, name: 'Urgencias (guardias)', capacityPerGrade: [10, 10, 10] })).json().id;
  for (const grade of [1, 2]) {
    for (let i = 0; i < 5; i++) {
      const r = (await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: cycle.id, grade })).json();
      residentIds[grade]?.push(r.id);
      const rot = await coord.post('/api/v1/rotations', { residentId: r.id, serviceId, startsOn: '2026-04-01', endsOn: '2026-06-30' });
      if (rot.statusCode !== 201) throw new Error(rot.body);
    }
  }
});
afterAll(() => t.close());

/** A resident's own account: a user linked to the resident's person record. */
async function residentUser(username: string, residentId: number) {
  const { persons, residents } = await import('../src/db/schema/people.ts');
  const { users } = await import('../src/db/schema/access.ts');
  const { eq } = await import('drizzle-orm');
  const client = await t.userWith(username, [{ role: 'residente', scopeKind: 'self' }]);
  const [user] = await t.database.db.select().from(users).where(eq(users.username, username));
  const [resident] = await t.database.db.select().from(residents).where(eq(residents.id, residentId));
  await t.database.db.update(persons).set({ userId: user?.id }).where(eq(persons.id, resident?.personId as number));
  return client;
}

async function generated(month: string) {
  const started = await coord.post('/api/v1/guards/rosters/generate', { unitId, serviceIds: [serviceId], month, coverage });
  expect(started.statusCode, started.body).toBe(202);
  const job = await waitForJob(coord, started.json().jobId);
  expect(job.result?.status, JSON.stringify(job)).toBe('ok');
  return { job, roster: (await coord.get(`/api/v1/guards/rosters/${job.result.rosterId}`)).json() };
}
type A = { date: string; residentId: number };

describe('guardia rosters', () => {
  it('generates a compliant draft in the background, refuses an illegal edit at publish, then publishes the fixed roster', async () => {
    const started = await coord.post('/api/v1/guards/rosters/generate', { unitId, serviceIds: [serviceId], month: '2026-04', coverage, seed: 4 });
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitForJob(coord, started.json().jobId);
    expect(job).toMatchObject({ status: 'done', progress: 100, result: { status: 'ok' } });
    const roster = (await coord.get(`/api/v1/guards/rosters/${job.result.rosterId}`)).json();
    expect(roster).toMatchObject({ status: 'draft', month: '2026-04', ruleSetCode: 'IMSS-2026-01-27', violations: [] });
    expect(roster.assignments).toHaveLength(30 * 2);
    // The roster carries the rule set it was built under, so its per-rule report cites it.
    expect(roster.instance.ruleSet).toMatchObject({ code: 'IMSS-2026-01-27', name: expect.stringContaining('IMSS') });
    const lines = ruleReport(roster.instance, roster.assignments);
    expect(lines.find((l) => l.rule === 'spacing')).toMatchObject({ violations: 0, source: expect.objectContaining({ code: 'IMSS-2026-01-27' }) });
    expect(lines.every((l) => l.violations === 0)).toBe(true);

    // Give the first guardia of April to the resident who already has the next one: spacing breaks.
    const [first] = [...(roster.assignments as { date: string; residentId: number }[])].sort((a, b) => a.date.localeCompare(b.date));
    const neighbour = roster.assignments.find((a: { date: string; residentId: number }) => a.date === '2026-04-02' && residentIds[1]?.includes(a.residentId) === residentIds[1]?.includes(first?.residentId ?? 0));
    const illegal = roster.assignments.map((a: { date: string; residentId: number }) => (a.date === first?.date && a.residentId === first.residentId ? { ...a, residentId: neighbour.residentId } : a));
    const edited = await coord.patch(`/api/v1/guards/rosters/${roster.id}`, { assignments: illegal, revision: roster.revision });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().violations.map((v: { rule: string }) => v.rule)).toContain('spacing');
    const refused = await coord.post(`/api/v1/guards/rosters/${roster.id}/publish`, { revision: edited.json().revision });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'roster_violations', detail: expect.stringContaining('días libres') });
    const stale = await coord.patch(`/api/v1/guards/rosters/${roster.id}`, { assignments: roster.assignments, revision: roster.revision });
    expect(stale.json().code).toBe('version_conflict');

    const fixed = await coord.patch(`/api/v1/guards/rosters/${roster.id}`, { assignments: roster.assignments, revision: edited.json().revision });
    expect(fixed.json().violations).toEqual([]);
    const behind = await coord.post(`/api/v1/guards/rosters/${roster.id}/publish`, { revision: edited.json().revision });
    expect(behind.statusCode).toBe(409);
    expect(behind.json()).toMatchObject({ code: 'version_conflict', current: { revision: fixed.json().revision } });
    const published = await coord.post(`/api/v1/guards/rosters/${roster.id}/publish`, { revision: fixed.json().revision });
    expect(published.json()).toMatchObject({ status: 'published' });
    expect((await coord.patch(`/api/v1/guards/rosters/${roster.id}`, { assignments: [], revision: fixed.json().revision })).json().code).toBe('roster_published');

    const pdf = await coord.get(`/api/v1/guards/rosters/${roster.id}/export.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await coord.get(`/api/v1/guards/rosters/${roster.id}/export.xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const report = (await coord.get(`/api/v1/guards/compliance?unitId=${unitId}&month=2026-04`)).json();
    expect(report.rosters[0]).toMatchObject({ violations: 0, ruleSetCode: 'IMSS-2026-01-27', restRequired: true, restBreaks: 0 });
    expect(report.rosters[0].residents.every((r: { restAfter24hKept: boolean }) => r.restAfter24hKept)).toBe(true);
    expect(report.rosters[0].residents.some((r: { duties24h: number }) => r.duties24h > 0)).toBe(true);
    const weeks = report.rosters[0].residents.flatMap((r: { weeks: { guards: number; hours: number }[] }) => r.weeks);
    expect(Math.max(...weeks.map((w: { guards: number }) => w.guards))).toBeLessThanOrEqual(2);
  });

  it('explains an impossible coverage and saves nothing', async () => {
    const before = (await coord.get(`/api/v1/guards/rosters?unitId=${unitId}`)).json().length;
    const started = await coord.post('/api/v1/guards/rosters/generate', { unitId, serviceIds: [serviceId], month: '2026-05', coverage: { weekday: { 1: 3 }, weekend: { 1: 3 }, holiday: { 1: 3 } } });
    const job = await waitForJob(coord, started.json().jobId);
    expect(job.result.status).toBe('infeasible');
    expect(job.result.explanation[0]).toMatch(/se requieren 3 R1/);
    expect((await coord.get(`/api/v1/guards/rosters?unitId=${unitId}`)).json()).toHaveLength(before);
  });

  it('keeps approved vacations free of guardias and carries April into May', async () => {
    const away = residentIds[2]?.[0] as number;
    const asked = (await coord.post('/api/v1/rotations/absences', { residentId: away, kind: 'vacaciones', startsOn: '2026-05-04', endsOn: '2026-05-15' })).json();
    await coord.post(`/api/v1/rotations/absences/${asked.id}/decision`, { status: 'aprobada', version: asked.version });
    const started = await coord.post('/api/v1/guards/rosters/generate', { unitId, serviceIds: [serviceId], month: '2026-05', coverage });
    const job = await waitForJob(coord, started.json().jobId);
    const roster = (await coord.get(`/api/v1/guards/rosters/${job.result.rosterId}`)).json();
    expect(roster.violations).toEqual([]);
    const onLeave = roster.assignments.filter((a: { date: string; residentId: number }) => a.residentId === away && a.date >= '2026-05-04' && a.date <= '2026-05-15');
    expect(onLeave).toEqual([]);
    const carried = roster.instance.residents.find((r: { id: number }) => r.id === away).carry.total;
    expect(carried).toBeGreaterThan(0);

    // A coordinator puts the resident on vacation on a guardia by hand: the check flags it and publishing is refused.
    const handMade = roster.assignments.map((a: { date: string; residentId: number }, i: number) => (i === roster.assignments.findIndex((x: { date: string }) => x.date === '2026-05-06') ? { ...a, residentId: away } : a));
    const edited = (await coord.patch(`/api/v1/guards/rosters/${roster.id}`, { assignments: handMade, revision: roster.revision })).json();
    expect(edited.violations.find((v: { rule: string }) => v.rule === 'absence')?.message).toContain('ausente');
    expect((await coord.post(`/api/v1/guards/rosters/${roster.id}/publish`, { revision: edited.revision })).json().code).toBe('roster_violations');
  });
});

describe('Mis guardias and the calendar feed', () => {
  it('a resident sees their published guardias and subscribes to a private .ics that a real parser reads', async () => {
    const { persons } = await import('../src/db/schema/people.ts');
    const { residents } = await import('../src/db/schema/people.ts');
    const { users } = await import('../src/db/schema/access.ts');
    const { eq } = await import('drizzle-orm');
    const ICAL = (await import('ical.js')).default;
    const residentId = residentIds[1]?.[1] as number;
    const me = await t.userWith('residente.ics', [{ role: 'residente', scopeKind: 'self' }]);
    const [user] = await t.database.db.select().from(users).where(eq(users.username, 'residente.ics'));
    const [resident] = await t.database.db.select().from(residents).where(eq(residents.id, residentId));
    await t.database.db.update(persons).set({ userId: user?.id }).where(eq(persons.id, resident?.personId as number));
    const mine = (await me.get('/api/v1/guards/my')).json();
    expect(mine.guards.length).toBeGreaterThan(0);
    expect(mine.guards.every((g: { date: string }) => g.date.startsWith('2026-04'))).toBe(true);
    expect(mine.rotations[0]).toMatchObject({ serviceName: 'Urgencias (guardias)' });
    const link = (await me.post('/api/v1/guards/my/calendar-link')).json();
    const feed = await t.app.inject({ method: 'GET', url: link.path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent').map((v: InstanceType<typeof ICAL.Component>) => new ICAL.Event(v));
    const guardEvents = events.filter((e: InstanceType<typeof ICAL.Event>) => e.summary.startsWith('Guardia'));
    expect(guardEvents).toHaveLength(mine.guards.length);
    const weekend = mine.guards.find((g: { type: string }) => g.type !== 'weekday');
    const event = guardEvents.find((e: InstanceType<typeof ICAL.Event>) => e.startDate.toString().startsWith(weekend.date));
    if (!event) throw new Error(`no event for ${weekend.date}`);
    expect(event.endDate.subtractDate(event.startDate).toSeconds()).toBe(24 * 3600);
    const renewed = (await me.post('/api/v1/guards/my/calendar-link')).json();
    expect((await t.app.inject({ method: 'GET', url: link.path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: renewed.path })).statusCode).toBe(200);
  });
});

describe('swaps and new versions', () => {
  it('a swap that keeps the rules is approved and published as a new version; one that breaks them is refused citing the rule', async () => {
    const { checkRoster } = await import('@sirem/core');
    const me = await t.login('residente.ics');
    const list = (await coord.get(`/api/v1/guards/rosters?unitId=${unitId}`)).json();
    const published = list.find((r: { month: string; status: string }) => r.month === '2026-04' && r.status === 'published');
    const roster = (await coord.get(`/api/v1/guards/rosters/${published.id}`)).json();
    const mine = residentIds[1]?.[1] as number;
    type A = { date: string; residentId: number };
    const assignments = roster.assignments as A[];
    const swap = (a: A, b: A) => assignments.map((x) => (x === a ? { ...a, date: b.date } : x === b ? { ...b, date: a.date } : x));
    const options = assignments.filter((a) => a.residentId === mine).flatMap((a) => assignments.filter((b) => b.residentId !== mine && residentIds[1]?.includes(b.residentId)).map((b) => [a, b] as const));
    const legal = options.find(([a, b]) => checkRoster(roster.instance, swap(a, b)).length === 0);
    const illegal = options.find(([a, b]) => checkRoster(roster.instance, swap(a, b)).some((v) => v.rule === 'spacing'));
    if (!legal || !illegal) throw new Error('fixture: no legal or illegal swap found');

    const refused = await me.post('/api/v1/guards/swaps', { rosterId: roster.id, myDate: illegal[0].date, partnerResidentId: illegal[1].residentId, partnerDate: illegal[1].date });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'swap_breaks_rules', detail: expect.stringContaining('días libres') });
    expect(refused.json().detail).toContain('IMSS-2026-01-27 (Oficio IMSS 27/01/2026): mínimo 3 días libres entre guardias');
    const withMyself = await me.post('/api/v1/guards/swaps', { rosterId: roster.id, myDate: legal[0].date, partnerResidentId: mine, partnerDate: assignments.find((a) => a.residentId === mine && a.date !== legal[0].date)?.date });
    expect(withMyself.statusCode).toBe(400);
    expect(withMyself.json().detail).toContain('consigo mismo');

    const asked = await me.post('/api/v1/guards/swaps', { rosterId: roster.id, myDate: legal[0].date, partnerResidentId: legal[1].residentId, partnerDate: legal[1].date });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await me.post(`/api/v1/guards/swaps/${asked.json().id}/decision`, { status: 'aprobado' })).statusCode).toBe(403);
    expect((await coord.get(`/api/v1/guards/swaps?rosterId=${roster.id}`)).json().map((x: { id: number }) => x.id)).toEqual([asked.json().id]);
    expect((await me.get('/api/v1/guards/swaps')).json()).toHaveLength(1);
    const approved = (await coord.post(`/api/v1/guards/swaps/${asked.json().id}/decision`, { status: 'aprobado' })).json();
    const next = (await coord.get(`/api/v1/guards/rosters/${approved.rosterId}`)).json();
    expect(next).toMatchObject({ status: 'published', version: roster.version + 1, violations: [] });
    expect(next.assignments).toContainEqual({ residentId: mine, date: legal[1].date });
    expect(next.changes).toMatchObject({ fromVersion: roster.version, added: expect.arrayContaining([{ residentId: mine, date: legal[1].date }]), removed: expect.arrayContaining([{ residentId: mine, date: legal[0].date }]) });
    expect((await coord.get(`/api/v1/guards/rosters/${roster.id}`)).json().status).toBe('superseded');
    const inbox = (await me.get('/api/v1/me/notifications')).json();
    expect(inbox[0].message).toContain('Cambió su rol de guardias de 2026-04');

    const draft = await coord.post(`/api/v1/guards/rosters/${approved.rosterId}/revise`);
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', version: roster.version + 2 });
  });
});

describe('institutional rules', () => {
  it('a unit may tighten the guardia rules but never loosen them, and new rosters follow the tighter rule', async () => {
    const looser = await coord.post('/api/v1/guards/rule-overrides', { unitId, effectiveFrom: '2026-06-01', params: { maxGuardsPerWeek: 3, restAfter24h: false } });
    expect(looser.statusCode).toBe(400);
    expect(looser.json().errors.map((e: { field: string }) => e.field)).toEqual(['params.maxGuardsPerWeek', 'params.restAfter24h']);
    expect((await coord.post('/api/v1/guards/rule-overrides', { effectiveFrom: '2026-06-01', params: { maxGuardsPerWeek: 1 } })).statusCode).toBe(403);
    expect((await coord.post('/api/v1/guards/rule-overrides', { unitId, effectiveFrom: '2026-06-01', params: { minDaysBetween: 4 } })).statusCode).toBe(201);
    const started = await coord.post('/api/v1/guards/rosters/generate', { unitId, serviceIds: [serviceId], month: '2026-06', coverage });
    const job = await waitForJob(coord, started.json().jobId);
    const roster = (await coord.get(`/api/v1/guards/rosters/${job.result.rosterId}`)).json();
    expect(roster.params.minDaysBetween).toBe(4);
    expect(roster.violations).toEqual([]);
  });
});

describe('days off and current facts', () => {
  it('a resident asks for days off; the coordinator sees them and the generated roster grants them', async () => {
    const asker = residentIds[1]?.[2] as number;
    const me = await residentUser('residente.libres', asker);
    const put = (body: unknown) => me.request('PUT', '/api/v1/guards/day-off-requests', body);
    const outside = await put({ month: '2026-05', dates: ['2026-06-01'] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toContain('2026-05');
    const late = await put({ month: '2026-04', dates: ['2026-04-20'] });
    expect(late.json()).toMatchObject({ code: 'roster_published' });
    const days = ['2026-05-08', '2026-05-09', '2026-05-10', '2026-05-20'];
    const asked = await put({ month: '2026-05', dates: [...days, '2026-05-08'] });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().dates).toEqual(days);
    const seen = (await coord.get(`/api/v1/guards/day-off-requests?unitId=${unitId}&month=2026-05`)).json();
    expect(seen.filter((r: { residentId: number }) => r.residentId === asker).map((r: { date: string }) => r.date)).toEqual(days);
    expect((await me.get('/api/v1/guards/day-off-requests')).json()).toHaveLength(4);

    const { job, roster } = await generated('2026-05');
    expect(job.result.dayOff).toEqual({ requested: 4, granted: 4 });
    expect(roster.violations).toEqual([]);
    expect(roster.dayOff).toEqual({ requested: 4, granted: 4 });
    expect(roster.instance.residents.find((r: { id: number }) => r.id === asker).requestsOff).toEqual(days);
    expect(roster.assignments.filter((a: A) => a.residentId === asker && days.includes(a.date))).toEqual([]);
    expect(roster.assignments.some((a: A) => a.residentId === asker)).toBe(true);
  });

  it('a vacation approved after the roster was generated shows on the draft and blocks its publication', async () => {
    const { roster } = await generated('2026-05');
    expect(roster.violations).toEqual([]);
    const target = residentIds[1]?.[3] as number;
    const guard = (roster.assignments as A[]).find((a) => a.residentId === target && a.date >= '2026-05-18') as A;
    const vacation = (await coord.post('/api/v1/rotations/absences', { residentId: target, kind: 'vacaciones', startsOn: guard.date, endsOn: guard.date })).json();
    expect((await coord.post(`/api/v1/rotations/absences/${vacation.id}/decision`, { status: 'aprobada', version: vacation.version })).statusCode).toBe(200);
    const now = (await coord.get(`/api/v1/guards/rosters/${roster.id}`)).json();
    expect(now.violations).toEqual([expect.objectContaining({ rule: 'absence', residentId: target, dates: [guard.date] })]);
    const refused = await coord.post(`/api/v1/guards/rosters/${roster.id}/publish`, { revision: now.revision });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'roster_violations', detail: expect.stringContaining('ausente') });
  });
});

describe('concurrent decisions', () => {
  it('of two swap approvals racing on one published roster exactly one wins, and one version stays published', async () => {
    const { checkRoster } = await import('@sirem/core');
    const me = await t.login('residente.ics');
    const mine = residentIds[1]?.[1] as number;
    const list = (await coord.get(`/api/v1/guards/rosters?unitId=${unitId}`)).json();
    const current = list.find((r: { month: string; status: string }) => r.month === '2026-04' && r.status === 'published');
    const roster = (await coord.get(`/api/v1/guards/rosters/${current.id}`)).json();
    const assignments = roster.assignments as A[];
    const swap = (a: A, b: A) => assignments.map((x) => (x === a ? { ...a, date: b.date } : x === b ? { ...b, date: a.date } : x));
    const legal = assignments.filter((a) => a.residentId === mine)
      .flatMap((a) => assignments.filter((b) => b.residentId !== mine && residentIds[1]?.includes(b.residentId)).map((b) => [a, b] as const))
      .filter(([a, b]) => checkRoster(roster.instance, swap(a, b)).length === 0);
    const second = legal.find(([a, b]) => a.date !== legal[0]?.[0].date && b.residentId !== legal[0]?.[1].residentId);
    if (!legal[0] || !second) throw new Error('fixture: two legal swaps not found');
    const ids: number[] = [];
    for (const [a, b] of [legal[0], second]) {
      const asked = await me.post('/api/v1/guards/swaps', { rosterId: roster.id, myDate: a.date, partnerResidentId: b.residentId, partnerDate: b.date });
      expect(asked.statusCode, asked.body).toBe(201);
      ids.push(asked.json().id);
    }
    const answers = await Promise.all(ids.map((id) => coord.post(`/api/v1/guards/swaps/${id}/decision`, { status: 'aprobado' })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const after = (await coord.get(`/api/v1/guards/rosters?unitId=${unitId}`)).json();
    expect(after.filter((r: { month: string; status: string }) => r.month === '2026-04' && r.status === 'published')).toHaveLength(1);
    const swaps = (await coord.get(`/api/v1/guards/swaps?rosterId=${roster.id}`)).json();
    expect(swaps.filter((x: { id: number; status: string }) => ids.includes(x.id)).map((x: { status: string }) => x.status).sort()).toEqual(['aprobado', 'solicitado']);
  });
});

describe('swap approval against today\'s facts', () => {
  it('a vacation approved after the request makes the approval refuse the swap, citing the rule', async () => {
    const { checkRoster } = await import('@sirem/core');
    const me = await t.login('residente.ics');
    const mine = residentIds[1]?.[1] as number;
    const list = (await coord.get(`/api/v1/guards/rosters?unitId=${unitId}`)).json();
    const current = list.find((r: { month: string; status: string }) => r.month === '2026-04' && r.status === 'published');
    const roster = (await coord.get(`/api/v1/guards/rosters/${current.id}`)).json();
    const assignments = roster.assignments as A[];
    const swap = (a: A, b: A) => assignments.map((x) => (x === a ? { ...a, date: b.date } : x === b ? { ...b, date: a.date } : x));
    const legal = assignments.filter((a) => a.residentId === mine)
      .flatMap((a) => assignments.filter((b) => b.residentId !== mine && residentIds[1]?.includes(b.residentId)).map((b) => [a, b] as const))
      .find(([a, b]) => checkRoster(roster.instance, swap(a, b)).length === 0);
    if (!legal) throw new Error('fixture: no legal swap');
    const [a, b] = legal;
    const asked = await me.post('/api/v1/guards/swaps', { rosterId: roster.id, myDate: a.date, partnerResidentId: b.residentId, partnerDate: b.date });
    expect(asked.statusCode, asked.body).toBe(201);
    // The partner would take the requester's day, on which their vacation is now approved.
    const vacation = (await coord.post('/api/v1/rotations/absences', { residentId: b.residentId, kind: 'vacaciones', startsOn: a.date, endsOn: a.date })).json();
    expect((await coord.post(`/api/v1/rotations/absences/${vacation.id}/decision`, { status: 'aprobada', version: vacation.version })).statusCode).toBe(200);
    const refused = await coord.post(`/api/v1/guards/swaps/${asked.json().id}/decision`, { status: 'aprobado' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'swap_breaks_rules', detail: expect.stringContaining('sin guardias durante vacaciones o licencias autorizadas') });
    expect((await coord.get(`/api/v1/guards/rosters/${current.id}`)).json().status).toBe('published');
  });
});

describe('rest after 24 h, computed', () => {
  it('finds a weekday guardia followed by a worked jornada when the published rules granted no rest', async () => {
    const { monthDays } = await import('@sirem/core');
    const { restAfter24h } = await import('../src/guards/rest-check.ts');
    const days = monthDays(2026, 4, []);
    const params = { maxGuardsPerWeek: 3, minDaysBetween: 2, maxContinuousHours: null, restAfter24h: false, maxWeeklyHours: null, averagingWeeks: 1, jornadaHoursPerDay: 8, weekdayGuardHours: 16, weekendGuardHours: 24 };
    const ana = { id: 1, name: 'Ana', grade: 1, unavailable: [] as string[] };
    const instance = { days, residents: [ana], coverage: { weekday: {}, weekend: {}, holiday: {} }, params };
    // Wednesday 1 April (weekday, jornada the next day), Saturday 4 April (24 h; Sunday free), Thursday 9 April (jornada on Friday, but Friday is on leave).
    const assignments = [{ residentId: 1, date: '2026-04-01' }, { residentId: 1, date: '2026-04-04' }, { residentId: 1, date: '2026-04-09' }];
    const withoutRest = restAfter24h({ ...instance, residents: [{ ...ana, unavailable: ['2026-04-10'] }] }, assignments)[0];
    expect(withoutRest).toEqual({ residentId: 1, duties: 3, breaks: [{ date: '2026-04-01', restHours: 0, next: '2026-04-02T07:00' }] });
    const withRest = restAfter24h({ ...instance, params: { ...params, restAfter24h: true } }, assignments)[0];
    expect(withRest?.breaks).toEqual([]);
  });
});

describe('declared holidays', () => {
  it('a holiday declared by the unit\'s OOAD or nationally makes a 24-h day; another OOAD\'s does not', async () => {
    const { extraHolidays } = await import('../src/db/schema/guards.ts');
    const { ooads } = await import('../src/db/schema/catalog.ts');
    const { ne } = await import('drizzle-orm');
    const [other] = await t.database.db.select({ id: ooads.id }).from(ooads).where(ne(ooads.id, unitOoadId)).limit(1);
    await t.database.db.insert(extraHolidays).values([
      { date: '2026-06-10', name: 'Día estatal (prueba)', ooadId: unitOoadId },
      { date: '2026-06-11', name: 'Día de otra delegación (prueba)', ooadId: other?.id as number },
      { date: '2026-06-12', name: 'Jornada electoral (prueba)', ooadId: null },
    ]);
    const { roster } = await generated('2026-06');
    const type = (date: string) => roster.instance.days.find((d: { date: string }) => d.date === date).type;
    expect([type('2026-06-10'), type('2026-06-11'), type('2026-06-12')]).toEqual(['holiday', 'weekday', 'holiday']);
    expect(roster.violations).toEqual([]);
  });
});

describe('compliance report', () => {
  it('computes the rest after each 24-h duty: a roster published under NOM-001-SSA-2023 shows its breaks once the unit requires the rest', async () => {
    for (const id of [...(residentIds[1] ?? []), ...(residentIds[2] ?? [])]) {
      const rot = await coord.post('/api/v1/rotations', { residentId: id, serviceId, startsOn: '2025-11-01', endsOn: '2025-11-30' });
      expect(rot.statusCode, rot.body).toBe(201);
    }
    const { roster } = await generated('2025-11');
    expect(roster).toMatchObject({ ruleSetCode: 'NOM-001-SSA-2023', violations: [] });
    expect((await coord.post(`/api/v1/guards/rosters/${roster.id}/publish`, { revision: roster.revision })).statusCode).toBe(200);
    const before = (await coord.get(`/api/v1/guards/compliance?unitId=${unitId}&month=2025-11`)).json().rosters[0];
    expect(before).toMatchObject({ restRequired: false, restBreaks: 0 });
    expect(before.residents[0].restAfter24hKept).toBeNull();

    expect((await coord.post('/api/v1/guards/rule-overrides', { unitId, effectiveFrom: '2025-11-01', params: { restAfter24h: true } })).statusCode).toBe(201);
    const after = (await coord.get(`/api/v1/guards/compliance?unitId=${unitId}&month=2025-11`)).json().rosters[0];
    expect(after.restRequired).toBe(true);
    // A weekday guardia ends at 07:00 and, without the rest, the next jornada starts at 07:00 too.
    const weekdayGuard = (roster.assignments as A[]).find((a) => roster.instance.days.find((d: { date: string; type: string }) => d.date === a.date)?.type === 'weekday' && a.date < '2025-11-29') as A;
    const resident = after.residents.find((r: { residentId: number }) => r.residentId === weekdayGuard.residentId);
    expect(resident.restAfter24hKept).toBe(false);
    expect(resident.restBreaks).toContainEqual(expect.objectContaining({ date: weekdayGuard.date, restHours: 0 }));
    expect(after.restBreaks).toBeGreaterThan(0);
  });
});
