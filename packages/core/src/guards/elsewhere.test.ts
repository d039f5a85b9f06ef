import { describe, expect, it } from 'vitest';
import { monthDays } from './calendar.ts';
import { checkRoster } from './checker.ts';
import { collisionsWithElsewhere, elsewhereWindow, type GuardElsewhere, takenByElsewhere } from './elsewhere.ts';
import type { RosterInstance } from './instance.ts';
import { solveRoster } from './solver.ts';
import { IMSS_2026 } from './test-instances.ts';

/**
 * A resident's guardias in other published rosters count in every rule that spans days: the same
 * day, the free days between guardias and the weekly maximum. June 2026 starts on a Monday.
 */
const other = (date: string, label = 'HGZ 14 · Urgencias adultos (2026-06)'): GuardElsewhere => ({ residentId: 41, date, type: 'weekday', rosterId: 7, label });
const june = (params = {}): RosterInstance => ({
  days: monthDays(2026, 6),
  residents: [{ id: 41, name: 'Ana Guardia', grade: 1, unavailable: [] }, { id: 42, name: 'Berta Guardia', grade: 1, unavailable: [] }],
  coverage: { weekday: {}, weekend: {}, holiday: {} },
  params: { ...IMSS_2026, ...params },
});
const on = (...dates: string[]) => dates.map((date) => ({ residentId: 41, date }));
/** The instance as the server reads it: each resident carries their guardias elsewhere. */
const carrying = (instance: RosterInstance, guards: GuardElsewhere[]): RosterInstance => ({
  ...instance,
  residents: instance.residents.map((r) => ({ ...r, elsewhere: guards.filter((g) => g.residentId === r.id).map(({ date, type, rosterId, label }) => ({ date, type, rosterId, label })) })),
});
/** What the server lists before publishing and the grid shows: collisions first, then the roster's own rules. */
const fullCheck = (instance: RosterInstance, assignments: { residentId: number; date: string }[], guards: GuardElsewhere[]) =>
  [...collisionsWithElsewhere(instance, assignments, guards), ...checkRoster(instance, assignments)].filter((v) => v.rule !== 'coverage');

describe('guardias in other published rosters', () => {
  it('a day taken elsewhere is a same-day collision naming the other roster; the same day for someone else is not', () => {
    const [v, ...rest] = collisionsWithElsewhere(june(), on('2026-06-10'), [other('2026-06-10')]);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ rule: 'same_day', residentId: 41, dates: ['2026-06-10'] });
    expect(v?.message).toBe('Ana Guardia ya tiene guardia el 2026-06-10 en el rol publicado de HGZ 14 · Urgencias adultos (2026-06); no puede estar en dos guardias el mismo día.');
    expect(collisionsWithElsewhere(june(), [{ residentId: 42, date: '2026-06-10' }], [other('2026-06-10')])).toEqual([]);
  });

  it('counts the free days to a guardia elsewhere, across the month boundary too', () => {
    const [v] = collisionsWithElsewhere(june(), on('2026-06-02'), [other('2026-05-31', 'UMAE · Pediatría (2026-05)')]);
    expect(v).toMatchObject({ rule: 'spacing', dates: ['2026-05-31', '2026-06-02'] });
    expect(v?.message).toContain('hay 1 días libres; la norma exige al menos 3');
    expect(v?.message).toContain('UMAE · Pediatría (2026-05)');
    expect(collisionsWithElsewhere(june(), on('2026-06-04'), [other('2026-05-31')])).toEqual([]);
  });

  it('passes the weekly maximum only with the other roster, and says so', () => {
    const [v, ...rest] = collisionsWithElsewhere(june({ maxGuardsPerWeek: 1, minDaysBetween: 0 }), on('2026-06-06'), [other('2026-06-02')]);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ rule: 'weekly_guards', residentId: 41, dates: ['2026-06-02', '2026-06-06'], week: '2026-06-01' });
    expect(v?.message).toContain('Ana Guardia tendría 2 guardias la semana del 2026-06-02 contando el rol publicado de HGZ 14');
    expect(collisionsWithElsewhere(june({ maxGuardsPerWeek: 1, minDaysBetween: 0 }), on('2026-06-09'), [other('2026-06-02')])).toEqual([]);
    expect(collisionsWithElsewhere(june({ maxGuardsPerWeek: 2, minDaysBetween: 0 }), on('2026-06-06'), [other('2026-06-02')])).toEqual([]);
  });

  it('marks the days a guardia elsewhere takes, and why: the day, the spacing around it, a full week', () => {
    const dates = monthDays(2026, 6).map((d) => d.date).slice(0, 14);
    const taken = takenByElsewhere(dates, [other('2026-06-10')], IMSS_2026);
    expect([...taken.keys()]).toEqual(['2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12', '2026-06-13']);
    expect(taken.get('2026-06-10')?.reason).toBe('same_day');
    expect(taken.get('2026-06-08')).toMatchObject({ reason: 'spacing', free: 1, guard: { date: '2026-06-10' } });
    // With one guardia a week allowed, the rest of that calendar week (Monday 1 to Sunday 7 June) is full.
    const weekly = takenByElsewhere(dates, [other('2026-06-02')], { minDaysBetween: 0, maxGuardsPerWeek: 1 });
    expect([...weekly.keys()]).toEqual(dates.slice(0, 7));
    expect(weekly.get('2026-06-05')).toMatchObject({ reason: 'week_full', inWeek: 1 });
    expect(takenByElsewhere(dates, [other('2026-06-02')], { minDaysBetween: 0, maxGuardsPerWeek: 2 }).size).toBe(1);
  });

  it('looks at the days close enough for the spacing rule and the whole weeks the month starts and ends in', () => {
    // June 2026: Monday 1 to Tuesday 30; the last week ends on Sunday 5 July.
    expect(elsewhereWindow(monthDays(2026, 6), { minDaysBetween: 3 })).toEqual({ from: '2026-05-29', to: '2026-07-05' });
    // March 2026 starts on a Sunday: its first week began on Monday 23 February.
    expect(elsewhereWindow(monthDays(2026, 3), { minDaysBetween: 3 })).toEqual({ from: '2026-02-23', to: '2026-04-05' });
  });

  it('a roster clean on its own breaks rules only once the other roster is counted', () => {
    const instance = june();
    const mine = on('2026-06-01', '2026-06-05', '2026-06-09');
    // No coverage is asked of this instance: only the rules about one resident's days are in play.
    expect(checkRoster(instance, mine).filter((v) => v.rule !== 'coverage')).toEqual([]);
    expect(collisionsWithElsewhere(instance, mine, [other('2026-06-07')]).map((v) => v.rule)).toEqual(['spacing', 'spacing', 'weekly_guards']);
  });

  it('counts the hours of guardias elsewhere in the month in the weekly hours, naming the other roster', () => {
    const params = { maxWeeklyHours: 64, averagingWeeks: 1, restAfter24h: false, maxContinuousHours: null };
    // Monday 1 to Sunday 7 June: five jornadas (40 h) and a Saturday guardia (24 h) are 64 h, the limit.
    expect(fullCheck(june(params), on('2026-06-06'), [])).toEqual([]);
    // The Tuesday guardia in Urgencias keeps its free days and the weekly maximum, but adds its 16 h.
    const guards = [other('2026-06-02')];
    const [v, ...rest] = fullCheck(carrying(june(params), guards), on('2026-06-06'), guards);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ rule: 'weekly_hours', residentId: 41, dates: ['2026-06-06'], week: '2026-06-01' });
    expect(v?.message).toBe('Ana Guardia suma 80 h en la semana del 2026-06-01 (jornada y guardias, contando el rol publicado de HGZ 14 · Urgencias adultos (2026-06)); el máximo es 64 h.');
    // With rest after a 24-h duty, the Wednesday after it is not worked either: 72 h.
    const resting = carrying(june({ ...params, restAfter24h: true }), guards);
    expect(checkRoster(resting, on('2026-06-06')).find((x) => x.rule === 'weekly_hours')?.message).toContain('suma 72 h');
    // A guardia elsewhere in another month's days adds nothing to this month's weeks.
    expect(fullCheck(carrying(june(params), [other('2026-05-27')]), on('2026-06-06'), [other('2026-05-27')])).toEqual([]);
    // A week the other roster fills past the limit on its own does not block a roster that adds nothing to it.
    const heavy = [other('2026-06-02'), { ...other('2026-06-06'), type: 'weekend' as const }];
    expect(fullCheck(carrying(june(params), heavy), on('2026-06-10'), heavy)).toEqual([]);
  });

  it('generation keeps a resident within the weekly hours with their guardias elsewhere', () => {
    const params = { ...IMSS_2026, maxWeeklyHours: 64, averagingWeeks: 1 };
    const base = june(params);
    // Three R1 for the weekends only; Ana is on guardia in Urgencias on Wednesday 3 June.
    const instance: RosterInstance = {
      ...base,
      residents: [...base.residents, { id: 43, name: 'Carla Guardia', grade: 1, unavailable: [] }],
      coverage: { weekday: {}, weekend: { 1: 1 }, holiday: { 1: 1 } },
    };
    const guards = [other('2026-06-03')];
    const result = solveRoster(carrying(instance, guards), { seed: 3 });
    expect(result.status).toBe('ok');
    expect(fullCheck(carrying(instance, guards), result.assignments, guards)).toEqual([]);
    // Saturday 6 is too close to Wednesday; Sunday 7 would make her week 32 h of jornada + 16 + 24 = 72 h.
    expect(result.assignments.filter((a) => a.residentId === 41 && a.date <= '2026-06-07')).toEqual([]);
    expect(result.assignments.filter((a) => a.residentId === 41).length).toBeGreaterThan(0);
  });

  it('a spacing or weekly break with the last guardia before the month is reported once, naming its roster', () => {
    // July 2026 starts on a Wednesday; Ana's last guardia before it was in Pediatría on Tuesday 30 June.
    const july = (params = {}): RosterInstance => ({ ...june(params), days: monthDays(2026, 7) });
    const last = [other('2026-06-30', 'UMAE · Pediatría (2026-06)')];
    const withLast = (instance: RosterInstance, guards: GuardElsewhere[]) => {
      const read = carrying(instance, guards);
      return { ...read, residents: read.residents.map((r) => (r.id === 41 ? { ...r, lastGuardBefore: guards.at(-1)?.date ?? null } : r)) };
    };
    const spacing = fullCheck(withLast(july(), last), on('2026-07-02'), last);
    expect(spacing.map((v) => v.rule)).toEqual(['spacing']);
    expect(spacing[0]?.message).toContain('en el rol publicado de UMAE · Pediatría (2026-06)');

    const monday = [other('2026-06-29', 'UMAE · Pediatría (2026-06)')];
    const weekly = fullCheck(withLast(july({ maxGuardsPerWeek: 1, minDaysBetween: 2 }), monday), on('2026-07-04'), monday);
    expect(weekly).toMatchObject([{ rule: 'weekly_guards', dates: ['2026-06-29', '2026-07-04'], week: '2026-06-29' }]);
    expect(weekly[0]?.message).toContain('contando el rol publicado de UMAE · Pediatría (2026-06)');
  });
});
