import { describe, expect, it } from 'vitest';
import { monthDays } from './calendar.ts';
import { checkRoster } from './checker.ts';
import { guardTimes } from './ical.ts';
import { guardHours, type RosterInstance } from './instance.ts';
import { ruleReport } from './report.ts';
import type { RuleParams } from './rules.ts';
import { repair, solveRoster } from './solver.ts';
import { IMSS_2026, serviceInstance } from './test-instances.ts';

const one = { 1: 1 };
/** February 2027 starts on a Monday: exactly four calendar weeks. */
const february = (params: Partial<RuleParams>, priorWeekHours?: { week: string; hours: number }[]): RosterInstance => ({
  days: monthDays(2027, 2),
  residents: [{ id: 1, name: 'Ana', grade: 1, unavailable: [], ...(priorWeekHours ? { priorWeekHours } : {}) }],
  coverage: { weekday: {}, weekend: {}, holiday: {} },
  params: { ...IMSS_2026, minDaysBetween: 2, maxGuardsPerWeek: 2, maxContinuousHours: null, ...params },
});
const weeklyHours = (instance: RosterInstance, dates: string[]) => checkRoster(instance, dates.map((date) => ({ date, residentId: 1 }))).filter((v) => v.rule === 'weekly_hours');

describe('guardia duration by day type', () => {
  it('a weekday holiday is a 24-h guardia from the morning; an ordinary weekday, 16 h from the end of the morning shift', () => {
    const instance = serviceInstance(2026, 5, 5);
    const holiday = instance.days.find((d) => d.date === '2026-05-01');
    const weekday = instance.days.find((d) => d.date === '2026-05-05');
    if (!holiday || !weekday) throw new Error('fixture');
    expect([holiday.weekday, weekday.weekday]).toEqual([5, 2]);
    expect(guardHours(holiday, instance.params)).toBe(24);
    expect(guardHours(weekday, instance.params)).toBe(16);
    expect(guardTimes(holiday.date, holiday.type)).toEqual({ start: '2026-05-01T07:00:00', end: '2026-05-02T07:00:00' });
    expect(guardTimes(weekday.date, weekday.type)).toEqual({ start: '2026-05-05T15:00:00', end: '2026-05-06T07:00:00' });
  });
});

describe('weekly hours averaged over several weeks', () => {
  // Two weekday guardias a week (Mon, Thu) in weeks 1–2: 40 h of jornada − 16 h of rest + 32 h = 56 h;
  // weeks 3–4 are jornada only, 40 h. Over the four weeks: 192 h, 48 h a week on average.
  const busy = ['2027-02-01', '2027-02-04', '2027-02-08', '2027-02-11'];

  it('counts the jornada of the weeks without guardias', () => {
    expect(weeklyHours(february({ maxWeeklyHours: 48, averagingWeeks: 4 }), busy)).toEqual([]);
    const over = weeklyHours(february({ maxWeeklyHours: 47, averagingWeeks: 4 }), busy);
    expect(over).toHaveLength(1);
    expect(over[0]?.message).toContain('promedia 48.0 h por semana en las 4 semanas');
  });

  it('adds the hours carried in from the weeks before the month', () => {
    const light = ['2027-02-01', '2027-02-04'];
    expect(weeklyHours(february({ maxWeeklyHours: 45, averagingWeeks: 4 }), light)).toEqual([]);
    // With 70 h in each of the two weeks before: (70 + 70 + 56 + 40) / 4 = 59 h over the window ending in week 2,
    // (70 + 56 + 40 + 40) / 4 = 51.5 h over the one ending in week 3; the month's own four weeks average 44 h.
    const carried = february({ maxWeeklyHours: 45, averagingWeeks: 4 }, [{ week: '2027-01-18', hours: 70 }, { week: '2027-01-25', hours: 70 }]);
    const over = weeklyHours(carried, light);
    expect(over.map((v) => v.week)).toEqual(['2027-02-08', '2027-02-15']);
    expect(over[0]?.message).toContain('59.0 h');
  });

  it('the solver keeps the averaged limit that a roster built without it breaks', () => {
    const strict = { ...IMSS_2026, minDaysBetween: 2, maxGuardsPerWeek: 3, maxWeeklyHours: 56, averagingWeeks: 4 };
    const instance = serviceInstance(2027, 2, 6, { weekday: one, weekend: one, holiday: one }, strict);
    const unlimited = solveRoster({ ...instance, params: { ...strict, maxWeeklyHours: null } }, { seed: 4 });
    expect(unlimited.status).toBe('ok');
    expect(checkRoster(instance, unlimited.assignments).some((v) => v.rule === 'weekly_hours')).toBe(true);
    const result = solveRoster(instance, { seed: 4 });
    expect(result.status).toBe('ok');
    expect(checkRoster(instance, result.assignments)).toEqual([]);
  });
});

describe('per-rule report', () => {
  it('counts checks and violations per rule, citing the rule set', () => {
    const instance = { ...serviceInstance(2026, 3, 5), ruleSet: { code: 'IMSS-2026-01-27', name: 'IMSS, oficio del 27 de enero de 2026' } };
    const result = solveRoster(instance, { seed: 3 });
    expect(result.status).toBe('ok');
    const rest = result.report.find((r) => r.rule === 'rest_after_24h');
    expect(rest).toMatchObject({ applies: true, value: true, checks: 93, violations: 0, source: { code: 'IMSS-2026-01-27', institutional: false } });
    expect(rest?.summary).toBe('Descanso tras guardia de 24 h (IMSS-2026-01-27), la jornada siguiente es de descanso: 0 incumplimientos en 93 guardias de 24 h');
    expect(result.report.find((r) => r.rule === 'weekly_hours')).toMatchObject({ value: 80, averagingWeeks: 52, checks: 15, violations: 0 });
    expect(result.report.find((r) => r.rule === 'coverage')).toMatchObject({ checks: 93, violations: 0, source: null });
    expect(result.report.map((r) => r.rule)).toEqual(['coverage', 'absence', 'same_day', 'spacing', 'weekly_guards', 'continuous_hours', 'rest_after_24h', 'weekly_hours']);

    // A guardia moved next to another of the same resident: the spacing line counts it.
    const [a, b] = result.assignments.filter((x) => x.residentId === 1000);
    if (!a || !b) throw new Error('fixture');
    const broken = result.assignments.map((x) => (x === b ? { ...x, date: a.date === '2026-03-31' ? '2026-03-30' : `2026-03-${String(Number(a.date.slice(8)) + 1).padStart(2, '0')}` } : x));
    const report = ruleReport(instance, broken);
    expect(report.find((r) => r.rule === 'spacing')?.violations).toBeGreaterThan(0);
    expect(report.find((r) => r.rule === 'rest_after_24h')?.violations).toBe(1);
  });

  it('says when the rule set does not limit a rule', () => {
    const nom2023 = { ...IMSS_2026, maxContinuousHours: null, restAfter24h: false };
    const instance = { ...serviceInstance(2026, 3, 5, undefined, nom2023), ruleSet: { code: 'NOM-001-SSA-2023', name: 'NOM-001-SSA-2023' } };
    const report = ruleReport(instance, []);
    expect(report.find((r) => r.rule === 'continuous_hours')).toMatchObject({ applies: false, summary: 'Horas continuas de servicio (NOM-001-SSA-2023): la norma no lo limita' });
  });
});

describe('infeasibility', () => {
  it('counts the weekly limit in how many residents are missing', () => {
    // One guardia a week: each resident covers at most one day in each of March 2026's six calendar weeks.
    const instance = serviceInstance(2026, 3, 4, { weekday: one, weekend: one, holiday: one }, { ...IMSS_2026, minDaysBetween: 2, maxGuardsPerWeek: 1 });
    instance.residents = instance.residents.filter((r) => r.grade === 1);
    const result = solveRoster(instance, { seed: 1, attempts: 3 });
    expect(result.status).toBe('infeasible');
    expect(result.explanation.some((l) => /ya tienen 1 guardia esa semana/.test(l))).toBe(true);
    expect(result.explanation.at(-1)).toContain('cada uno puede cubrir a lo más 6 y entre todos, con sus ausencias, 24: faltan al menos 2 residentes de R1');
  });

  it('repairs a full roster the checker rejects, keeping coverage', () => {
    const instance = serviceInstance(2026, 3, 5);
    const { assignments } = solveRoster(instance, { seed: 2 });
    // Give R1-1 the R1 guardia of the day after one of theirs: spacing and rest break, coverage holds.
    const mine = assignments.find((a) => a.residentId === 1000) as { date: string };
    const nextDay = `2026-03-${String(Number(mine.date.slice(8)) + 1).padStart(2, '0')}`;
    const broken = assignments.map((a) => (a.date === nextDay && a.residentId >= 1000 && a.residentId < 2000 ? { ...a, residentId: 1000 } : a));
    expect(checkRoster(instance, broken).some((v) => v.rule === 'spacing')).toBe(true);
    const fixed = repair(instance, broken);
    expect(checkRoster(instance, fixed)).toEqual([]);
  });
});
