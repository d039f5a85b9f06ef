import { checkRoster, collisionsWithElsewhere, type GuardElsewhere, type RosterInstance } from '@sirem/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { type Assigned, guardDesk } from './support/guard-rosters.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

type A = Assigned;
let t: TestContext;
let admin: Client;
let coord: Client;
let unitId: number;
let desk: ReturnType<typeof guardDesk>;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.guards.across', [national()]);
  const sede = await familyMedicineSede(t.database.db, 'Jalisco');
  unitId = sede.unitId;
  coord = await t.userWith('cceis.guards.across', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId }]);
  desk = guardDesk(admin, coord, { unitId, sedeId: sede.id, cycleId: (await cycleStartingIn(t.database.db, 2026)).id });
});
afterAll(() => t.close());

describe('guardias across rosters', () => {
  it('a second service group sharing residents avoids their guardias, and a hand edit that doubles one up is refused at publish naming the other roster', async () => {
    const urgencias = await desk.service('Urgencias adultos');
    const interna = await desk.service('Medicina Interna');
    const shared = await desk.residentsIn(urgencias, 4, '2026-03-01', '2026-03-31');
    await desk.residentsIn(interna, 4, '2026-03-01', '2026-03-31');
    const first = await desk.published([urgencias], '2026-03');

    const second = await desk.generated([urgencias, interna], '2026-03');
    expect(second.violations).toEqual([]);
    const mineFirst = (id: number) => (first.assignments as A[]).filter((a) => a.residentId === id).map((a) => a.date);
    // A guardia every fourth day in Urgencias leaves a shared resident no day with three free days either side.
    expect((second.assignments as A[]).filter((a) => shared.includes(a.residentId))).toEqual([]);
    const blocked = second.instance.residents.find((r: { id: number }) => r.id === shared[0]);
    expect(blocked.carry.total).toBe(mineFirst(shared[0] as number).length);
    // The draft lists its residents' guardias in the published Urgencias roster, named, for the grid to check against.
    const listed = (second.elsewhere as GuardElsewhere[]).filter((g) => g.residentId === shared[0]);
    expect(listed.map((g) => g.date)).toEqual(mineFirst(shared[0] as number));
    expect(listed[0]).toMatchObject({ rosterId: first.id, type: expect.stringMatching(/^(weekday|weekend|holiday)$/), label: expect.stringContaining('Urgencias adultos (2026-03)') });
    expect(new Set((second.elsewhere as GuardElsewhere[]).map((g) => g.residentId))).toEqual(new Set(shared));
    // A published version carries none: it keeps the facts it was published with.
    expect((await coord.get(`/api/v1/guards/rosters/${first.id}`)).json().elsewhere).toEqual([]);

    // The coordinator hands a shared resident a day they already cover in Urgencias.
    const taken = (first.assignments as A[]).find((a) => a.residentId === shared[0]) as A;
    const doubled = (second.assignments as A[]).map((a) => (a.date === taken.date ? { ...a, residentId: taken.residentId } : a));
    const edited = await coord.patch(`/api/v1/guards/rosters/${second.id}`, { assignments: doubled, revision: second.revision });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().violations[0]).toMatchObject({ rule: 'same_day', residentId: taken.residentId, dates: [taken.date] });
    // The grid, from what the detail gave it, finds the same collision the server refuses to publish on.
    expect(collisionsWithElsewhere(second.instance, doubled, second.elsewhere)[0]).toEqual(edited.json().violations[0]);
    const refused = await coord.post(`/api/v1/guards/rosters/${second.id}/publish`, { revision: edited.json().revision });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'roster_collides' });
    expect(refused.json().detail).toContain(`ya tiene guardia el ${taken.date} en el rol publicado de`);
    expect(refused.json().detail).toContain('Urgencias adultos (2026-03)');

    // Put back, the second roster publishes beside the first.
    const fixed = (await coord.patch(`/api/v1/guards/rosters/${second.id}`, { assignments: second.assignments, revision: edited.json().revision })).json();
    expect(fixed.violations).toEqual([]);
    expect((await coord.post(`/api/v1/guards/rosters/${second.id}/publish`, { revision: fixed.revision })).statusCode).toBe(200);
  });

  it('carries the hours of heavy previous weeks into the averaged weekly-hours limit', async () => {
    const pediatria = await desk.service('Pediatría');
    const heavy = await desk.residentsIn(pediatria, 4, '2026-04-01', '2026-05-31');
    const fresh = await desk.residentsIn(pediatria, 2, '2026-05-01', '2026-05-31');
    // Four R1 for one guardia a day with three free days between: a guardia every fourth day all April.
    const april = await desk.published([pediatria], '2026-04');
    const override = await coord.post('/api/v1/guards/rule-overrides', { unitId, effectiveFrom: '2026-05-01', params: { maxWeeklyHours: 60, averagingWeeks: 2 } });
    expect(override.statusCode, override.body).toBe(201);

    const may = await desk.generated([pediatria], '2026-05');
    expect(may.violations).toEqual([]);
    const instance = may.instance as RosterInstance;
    const one = instance.residents.find((r) => r.id === heavy[0]);
    // The full week of 20 April: five jornadas of 8 h less the rest day after each weekday guardia, plus the guardias.
    const week = (april.assignments as A[]).filter((a) => a.residentId === heavy[0] && a.date >= '2026-04-20' && a.date <= '2026-04-26');
    const typeOf = (d: string) => (april.instance as RosterInstance).days.find((x) => x.date === d)?.type;
    const rests = week.filter((a) => { const next = new Date(Date.parse(a.date) + 86_400_000).toISOString().slice(0, 10); return next <= '2026-04-26' && typeOf(next) === 'weekday'; }).length;
    const restOnMonday = (april.assignments as A[]).some((a) => a.residentId === heavy[0] && a.date === '2026-04-19') ? 1 : 0;
    const expected = 5 * 8 - 8 * (rests + restOnMonday) + week.reduce((s, a) => s + (typeOf(a.date) === 'weekday' ? 16 : 24), 0);
    expect(one?.priorWeekHours).toContainEqual({ week: '2026-04-20', hours: expected });
    expect(one?.priorWeekHours?.map((w) => w.week)).toEqual(['2026-04-20', '2026-04-27']);
    expect(instance.residents.find((r) => r.id === fresh[0])?.priorWeekHours).toEqual([]);

    // Some hand edit within the first May weeks breaks the averaged limit only because of April's hours.
    const blind = { ...instance, residents: instance.residents.map((r) => ({ ...r, priorWeekHours: [] })) };
    const candidates = (may.assignments as A[]).filter((a) => a.date <= '2026-05-10').flatMap((a) => heavy.map((id) => (may.assignments as A[]).map((x) => (x === a ? { ...a, residentId: id } : x))));
    const binding = candidates.find((list) => {
      const rules = checkRoster(instance, list).map((v) => v.rule);
      return rules.length > 0 && rules.every((r) => r === 'weekly_hours') && checkRoster(blind, list).length === 0;
    });
    if (!binding) throw new Error('fixture: no edit where the carried-in hours bind');
    const edited = (await coord.patch(`/api/v1/guards/rosters/${may.id}`, { assignments: binding, revision: may.revision })).json();
    expect(edited.violations[0]).toMatchObject({ rule: 'weekly_hours', message: expect.stringContaining('con las semanas previas') });
    expect((await coord.post(`/api/v1/guards/rosters/${may.id}/publish`, { revision: edited.revision })).json().code).toBe('roster_violations');
  });
});
