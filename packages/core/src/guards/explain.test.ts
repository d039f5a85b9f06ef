import { describe, expect, it } from 'vitest';
import { monthDays } from './calendar.ts';
import type { RosterInstance } from './instance.ts';
import { solveRoster } from './solver.ts';
import { IMSS_2026 } from './test-instances.ts';

/** Monday 8 June 2026 needs one R1; both present R1s are kept off by the free days to another guardia. */
const monday = (): RosterInstance => ({
  days: monthDays(2026, 6).filter((d) => d.date === '2026-06-08'),
  residents: [
    { id: 1, name: 'Ana Guardia', grade: 1, unavailable: [], elsewhere: [{ date: '2026-06-10', type: 'weekday', rosterId: 7, label: 'HGZ 14 · Urgencias adultos (2026-06)' }] },
    { id: 2, name: 'Berta Guardia', grade: 1, unavailable: [], lastGuardBefore: '2026-06-06' },
  ],
  coverage: { weekday: { 1: 1 }, weekend: {}, holiday: {} },
  params: IMSS_2026,
});

describe('why a day cannot be covered', () => {
  it('names the guardia elsewhere that keeps a resident off, even when it comes after the day', () => {
    const result = solveRoster(monday(), { seed: 1 });
    expect(result.status).toBe('infeasible');
    expect(result.shortages[0]?.elsewhere).toEqual([{ label: 'HGZ 14 · Urgencias adultos (2026-06)', dates: ['2026-06-10'], n: 1 }]);
    expect(result.explanation[0]).toBe(
      'lunes 08/06: se requieren 1 R1; 2 están presentes pero 2 no pueden hacerla (1 por el mínimo de 3 días libres desde su guardia anterior, ' +
        '1 por su guardia del 10/06 en el rol publicado de HGZ 14 · Urgencias adultos (2026-06), a menos de los 3 días libres que exige la norma); faltan 1.',
    );
  });

  it('tells the guardias of one other roster together, by their dates', () => {
    const instance = monday();
    const urgencias = (date: string) => ({ date, type: 'weekday' as const, rosterId: 7, label: 'HGZ 14 · Urgencias adultos (2026-06)' });
    instance.residents = [
      { id: 1, name: 'Ana Guardia', grade: 1, unavailable: [], elsewhere: [urgencias('2026-06-10')] },
      { id: 3, name: 'Carla Guardia', grade: 1, unavailable: [], elsewhere: [urgencias('2026-06-05')] },
    ];
    const result = solveRoster(instance, { seed: 1 });
    expect(result.explanation[0]).toContain('(2 por sus guardias del 05/06 y 10/06 en el rol publicado de HGZ 14 · Urgencias adultos (2026-06), a menos de los 3 días libres que exige la norma)');
  });

  it('keeps "su guardia anterior" when only earlier guardias of the resident stand in the way', () => {
    const instance = monday();
    instance.residents = instance.residents.filter((r) => r.id === 2);
    const result = solveRoster(instance, { seed: 1 });
    expect(result.shortages[0]?.elsewhere).toBeUndefined();
    expect(result.explanation[0]).not.toContain('rol publicado');
    expect(result.explanation[0]).toContain('(1 por el mínimo de 3 días libres desde su guardia anterior)');
  });
});
