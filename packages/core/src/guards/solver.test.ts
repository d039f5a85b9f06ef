import { describe, expect, it } from 'vitest';
import { checkRoster } from './checker.ts';
import { applyStricter, ruleSetInForce } from './rules.ts';
import { solveRoster } from './solver.ts';
import { IMSS_2026, serviceInstance } from './test-instances.ts';

describe('roster solver', () => {
  it('builds a compliant, balanced month for a service with 5 residents per grade', () => {
    const instance = serviceInstance(2026, 3, 5);
    const result = solveRoster(instance, { seed: 3 });
    expect(result.status).toBe('ok');
    expect(checkRoster(instance, result.assignments)).toEqual([]);
    expect(result.assignments).toHaveLength(31 * 3);
    for (const g of result.fairness) expect(g.total.spread).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed', () => {
    const instance = serviceInstance(2026, 4, 5);
    expect(solveRoster(instance, { seed: 9 }).assignments).toEqual(solveRoster(instance, { seed: 9 }).assignments);
  });

  it('keeps residents on vacation off the roster and honours days-off requests when it can', () => {
    const instance = serviceInstance(2026, 3, 5);
    const away = instance.residents[0];
    if (!away) throw new Error('fixture');
    away.unavailable = instance.days.slice(0, 10).map((d) => d.date);
    const asker = instance.residents[1];
    if (!asker) throw new Error('fixture');
    asker.requestsOff = ['2026-03-20', '2026-03-21'];
    const result = solveRoster(instance, { seed: 1 });
    expect(result.status).toBe('ok');
    expect(result.assignments.filter((a) => a.residentId === away.id && away.unavailable.includes(a.date))).toEqual([]);
    expect(result.assignments.filter((a) => a.residentId === asker.id && asker.requestsOff?.includes(a.date))).toEqual([]);
  });

  it('explains, day by day and grade by grade, why no compliant roster exists', () => {
    const instance = serviceInstance(2026, 3, 3, { weekday: { 1: 2 }, weekend: { 1: 2 }, holiday: { 1: 2 } });
    const result = solveRoster(instance, { seed: 1, attempts: 5 });
    expect(result.status).toBe('infeasible');
    expect(result.assignments).toEqual([]);
    expect(result.shortages.length).toBeGreaterThan(0);
    expect(result.explanation[0]).toMatch(/se requieren 2 R1/);
    expect(result.explanation.at(-1)).toMatch(/Opciones: reducir la cobertura de R1/);
  });
});

describe('rule sets', () => {
  const sets = [
    { code: 'NOM-001-SSA3-2012', effectiveFrom: '2013-01-04' },
    { code: 'NOM-001-SSA-2023', effectiveFrom: '2024-09-15' },
    { code: 'IMSS-2026-01-27', effectiveFrom: '2026-01-27' },
  ];
  it('applies the set in force on each date', () => {
    expect(ruleSetInForce(sets, '2020-06-01')?.code).toBe('NOM-001-SSA3-2012');
    expect(ruleSetInForce(sets, '2025-01-01')?.code).toBe('NOM-001-SSA-2023');
    expect(ruleSetInForce(sets, '2026-03-01')?.code).toBe('IMSS-2026-01-27');
    expect(ruleSetInForce(sets, '2010-01-01')).toBeNull();
  });

  it('lets an institution tighten a parameter but never loosen it', () => {
    expect(applyStricter(IMSS_2026, { maxGuardsPerWeek: 1, minDaysBetween: 4 }).errors).toEqual([]);
    const loose = applyStricter(IMSS_2026, { maxGuardsPerWeek: 3, restAfter24h: false, maxWeeklyHours: null });
    expect(loose.errors.map((e) => e.field)).toEqual(['maxGuardsPerWeek', 'restAfter24h', 'maxWeeklyHours']);
    expect(loose.params.maxGuardsPerWeek).toBe(2);
  });
});
