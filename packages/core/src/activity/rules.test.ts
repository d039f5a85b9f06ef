import { describe, expect, it } from 'vitest';
import { activityInput } from './schemas.ts';
import { futureDateProblem, mexicoToday, progressOf } from './rules.ts';

const base = { residentId: 1, performedOn: '2026-05-14', unitId: 2, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', ageBand: '30-44', sex: 'M' };

describe('activity rules', () => {
  it('refuses dates after today in Mexico City', () => {
    expect(mexicoToday(new Date('2026-11-23T03:00:00Z'))).toBe('2026-11-22');
    expect(futureDateProblem('2026-11-23', '2026-11-22')).toContain('posterior a hoy');
    expect(futureDateProblem('2026-11-22', '2026-11-22')).toBeNull();
  });

  it('needs a supervisor unless the resident did it alone, and an organ only for transplants', () => {
    expect(activityInput.safeParse(base).success).toBe(true);
    expect(activityInput.safeParse({ ...base, supervision: 'ayuda' }).error?.issues[0]?.path).toEqual(['supervisorPersonId']);
    expect(activityInput.safeParse({ ...base, kind: 'trasplante' }).error?.issues[0]?.message).toContain('órgano');
    expect(activityInput.safeParse({ ...base, procedureCode: '47.01' }).error?.issues[0]?.message).toContain('CIE-9-MC');
  });

  it('has no field for patient identity: unknown keys are dropped', () => {
    const parsed = activityInput.parse({ ...base, patientName: 'Juan Pérez', nss: '12345678901' });
    expect(Object.keys(parsed)).not.toContain('patientName');
    expect(Object.keys(parsed)).not.toContain('nss');
  });

  it('computes progress against minimums', () => {
    const rows = progressOf([{ group: 'cirugia', minimum: 10 }, { group: 'procedimiento', minimum: 0 }], new Map([['cirugia', 4]]));
    expect(rows[0]).toEqual({ group: 'cirugia', required: 10, done: 4, missing: 6, percent: 40 });
    expect(rows[1]?.percent).toBe(100);
  });
});

describe('expected progress', () => {
  const reqs = [{ group: 'cirugia', grade: 1, minimum: 20 }, { group: 'cirugia', grade: 2, minimum: 40 }, { group: 'consulta_especialidad', grade: 3, minimum: 10 }];
  it('counts earlier grades whole and the current grade in proportion to the cycle', async () => {
    const { expectedByNow, requiredThroughGrade } = await import('./rules.ts');
    expect(expectedByNow(reqs, 2, 0.5)).toEqual([{ group: 'cirugia', minimum: 40 }]);
    expect(requiredThroughGrade(reqs, 2)).toEqual([{ group: 'cirugia', minimum: 60 }]);
    expect(expectedByNow(reqs, 1, 0)).toEqual([{ group: 'cirugia', minimum: 0 }]);
  });
});
