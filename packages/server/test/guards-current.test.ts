import { checkRoster, collisionsWithElsewhere, type GuardElsewhere, type RosterInstance, type RosterResident } from '@sirem/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { type Assigned, guardDesk } from './support/guard-rosters.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

type Detail = { id: number; revision: number; assignments: Assigned[]; instance: RosterInstance; elsewhere: GuardElsewhere[]; violations: { rule: string; dates: string[]; message: string }[] };
let t: TestContext;
let admin: Client;
type Desk = { coord: Client; unitId: number; desk: ReturnType<typeof guardDesk> };
const desks = new Map<'jalisco' | 'nl', Desk>();
const deskOf = (key: 'jalisco' | 'nl') => desks.get(key) as Desk;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.guards.current', [national()]);
  const cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  for (const [key, ooad] of [['jalisco', 'Jalisco'], ['nl', 'Nuevo León']] as const) {
    const sede = await familyMedicineSede(t.database.db, ooad);
    const coord = await t.userWith(`cceis.guards.current.${key}`, [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }]);
    desks.set(key, { coord, unitId: sede.unitId, desk: guardDesk(admin, coord, { unitId: sede.unitId, sedeId: sede.id, cycleId }) });
  }
});
afterAll(() => t.close());

/** What the grid computes from a roster's detail, with the same core functions the server uses. */
const gridCheck = (d: Detail, assignments = d.assignments) => [...collisionsWithElsewhere(d.instance, assignments, d.elsewhere), ...checkRoster(d.instance, assignments)];
/** The same instance without the facts about other rosters: what the checks saw before they counted them. */
const without = (instance: RosterInstance, facts: (keyof RosterResident)[]) => ({ ...instance, residents: instance.residents.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !facts.includes(k as keyof RosterResident))) as RosterResident) });
/** The instance with each resident's guardias elsewhere from the detail's list. */
const carrying = (instance: RosterInstance, list: Detail['elsewhere']): RosterInstance => ({
  ...instance,
  residents: instance.residents.map((r) => ({ ...r, elsewhere: list.filter((g) => g.residentId === r.id).map(({ date, type, rosterId, label }) => ({ date, type, rosterId, label })) })),
});
/** Every roster that hands one of `list`'s guardias to one of `to`. */
const handOvers = (list: Assigned[], to: number[]) => list.flatMap((a) => to.map((id) => list.map((x) => (x === a ? { ...a, residentId: id } : x))));

describe('guardia rosters checked against today’s published rosters', () => {
  it('counts the guardias of another roster of the month in the weekly hours: generation keeps within them, and an edit that passes them only with that roster is refused naming it', async () => {
    const { coord, unitId, desk } = deskOf('jalisco');
    const urgencias = await desk.service('Urgencias pediátricas');
    const cirugia = await desk.service('Cirugía general');
    const shared = await desk.residentsIn(urgencias, 6, '2026-06-01', '2026-06-30');
    await desk.residentsIn(cirugia, 8, '2026-06-01', '2026-06-30');
    const first = await desk.published([urgencias], '2026-06');
    // Then the unit tightens June: five jornadas and one weekend guardia make 64 h, so a weekday guardia in Urgencias that week passes the limit.
    const override = await coord.post('/api/v1/guards/rule-overrides', { unitId, effectiveFrom: '2026-06-01', params: { maxWeeklyHours: 64, averagingWeeks: 1 } });
    expect(override.statusCode, override.body).toBe(201);

    const second: Detail = await desk.generated([urgencias, cirugia], '2026-06');
    // The shared residents' Urgencias guardias, as the detail lists them, counted in their weeks: generation kept within them.
    const counted = carrying(second.instance, second.elsewhere);
    expect(second.violations).toEqual([]);
    expect(checkRoster(counted, second.assignments)).toEqual([]);

    const blind = without(second.instance, ['elsewhere']);
    const binding = handOvers(second.assignments, shared).find((list) => {
      const rules = checkRoster(counted, list).map((v) => v.rule);
      return !collisionsWithElsewhere(counted, list, second.elsewhere).length && rules.length > 0 && rules.every((r) => r === 'weekly_hours') && !checkRoster(blind, list).length;
    });
    if (!binding) throw new Error('fixture: no edit where the Urgencias guardias bind the weekly hours');
    const edited = (await coord.patch(`/api/v1/guards/rosters/${second.id}`, { assignments: binding, revision: second.revision })).json();
    expect(edited.violations).toHaveLength(1);
    expect(edited.violations[0]).toMatchObject({ rule: 'weekly_hours', message: expect.stringContaining('contando el rol publicado de') });
    expect(edited.violations[0].message).toContain('Urgencias pediátricas (2026-06)');
    const refused = await coord.post(`/api/v1/guards/rosters/${second.id}/publish`, { revision: edited.revision });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('Urgencias pediátricas (2026-06)');
    // The draft carries those guardias itself, so the grid finds from its detail what the server refuses to publish on.
    expect(second.instance.residents.find((r) => r.id === shared[0])?.elsewhere?.map((g) => g.date)).toEqual(desk.datesOf(first, shared[0] as number));
    expect(gridCheck(second, binding)).toEqual(edited.violations);
  });

  it('a break with the last guardia of the previous month is reported once, naming that roster', async () => {
    const { coord, desk } = deskOf('jalisco');
    const pediatria = await desk.service('Pediatría');
    const four = await desk.residentsIn(pediatria, 4, '2026-03-01', '2026-04-30');
    const march = await desk.published([pediatria], '2026-03');
    const april: Detail = await desk.generated([pediatria], '2026-04');
    // A guardia every fourth day: someone's last March guardia is on the 30th or the 31st; give them the day after next.
    const last = (id: number) => desk.datesOf(march, id).at(-1) as string;
    const resident = four.find((id) => last(id) >= '2026-03-30') as number;
    const before = last(resident);
    const day = before === '2026-03-30' ? '2026-04-01' : '2026-04-02';
    expect(april.instance.residents.find((r) => r.id === resident)?.lastGuardBefore).toBe(before);
    const edit = april.assignments.map((a) => (a.date === day ? { ...a, residentId: resident } : a));
    const edited = (await coord.patch(`/api/v1/guards/rosters/${april.id}`, { assignments: edit, revision: april.revision })).json();
    const withMarch = (edited.violations as Detail['violations']).filter((v) => v.dates.includes(before));
    expect(withMarch.filter((v) => v.rule === 'spacing')).toHaveLength(1);
    expect(new Set(withMarch.map((v) => v.rule)).size).toBe(withMarch.length);
    for (const v of withMarch) expect(v.message).toContain('Pediatría (2026-03)');
    expect(gridCheck(april, edit)).toEqual(edited.violations);
  });

  it('a draft generated before the previous month was published is checked with that month as it is now', async () => {
    const { coord, unitId, desk } = deskOf('nl');
    const gineco = await desk.service('Ginecología');
    const heavy = await desk.residentsIn(gineco, 4, '2026-04-01', '2026-05-31');
    await desk.residentsIn(gineco, 2, '2026-05-01', '2026-05-31');
    const override = await coord.post('/api/v1/guards/rule-overrides', { unitId, effectiveFrom: '2026-05-01', params: { maxWeeklyHours: 60, averagingWeeks: 2 } });
    expect(override.statusCode, override.body).toBe(201);
    // May is drafted while April has no published roster: nothing is known before the month.
    const drafted: Detail = await desk.generated([gineco], '2026-05');
    expect(drafted.instance.residents.map((r) => r.lastGuardBefore)).toEqual(drafted.instance.residents.map(() => null));
    const april = await desk.published([gineco], '2026-04');

    const may: Detail = (await coord.get(`/api/v1/guards/rosters/${drafted.id}`)).json();
    for (const id of heavy) {
      const r = may.instance.residents.find((x) => x.id === id);
      expect(r?.lastGuardBefore).toBe(desk.datesOf(april, id).at(-1));
      expect(r?.priorWeekHours?.map((w) => w.week)).toEqual(['2026-04-20', '2026-04-27']);
    }
    expect(gridCheck(may)).toEqual(may.violations);

    // Some roster of May breaks the averaged hours only with April's weeks counted.
    const blind = without(may.instance, ['priorWeekHours', 'lastGuardBefore', 'elsewhere']);
    const weeksOver = (instance: RosterInstance, list: Assigned[]) => checkRoster(instance, list).filter((v) => v.rule === 'weekly_hours').map((v) => `${v.residentId}|${v.week}`);
    const binding = [may.assignments, ...handOvers(may.assignments.filter((a) => a.date <= '2026-05-10'), heavy).map((part) => [...part, ...may.assignments.filter((a) => a.date > '2026-05-10')])]
      .find((list) => weeksOver(may.instance, list).some((k) => !weeksOver(blind, list).includes(k)));
    if (!binding) throw new Error('fixture: no roster where April binds the weekly hours');
    const edited = (await coord.patch(`/api/v1/guards/rosters/${may.id}`, { assignments: binding, revision: may.revision })).json();
    expect(edited.violations).toContainEqual(expect.objectContaining({ rule: 'weekly_hours', message: expect.stringContaining('con las semanas previas') }));
    const refused = await coord.post(`/api/v1/guards/rosters/${may.id}/publish`, { revision: edited.revision });
    expect(refused.statusCode).toBe(409);
  });
});
