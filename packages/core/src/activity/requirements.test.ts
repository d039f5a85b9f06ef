import { describe, expect, it } from 'vitest';
import { checkRequirementRows, gradeCycleStarts, requirementsInForce, validFromProblem } from './requirements.ts';

const rows = [
  { group: 'cirugia', grade: 1, minimum: 10, validFrom: '2020-03-01' },
  { group: 'cirugia', grade: 1, minimum: 15, validFrom: '2026-03-01' },
  { group: 'cirugia', grade: 2, minimum: 20, validFrom: '2020-03-01' },
  { group: 'cirugia', grade: 2, minimum: 25, validFrom: '2027-03-01' },
];

describe('requirements in force', () => {
  it('measures each grade against the minimum in force when its cycle began', () => {
    const r2 = gradeCycleStarts(2, '2026-03-01', []);
    expect(requirementsInForce(rows, r2)).toEqual([
      { group: 'cirugia', grade: 1, minimum: 10 },
      { group: 'cirugia', grade: 2, minimum: 20 },
    ]);
    const r1 = gradeCycleStarts(1, '2026-03-01', []);
    expect(requirementsInForce(rows, r1).find((r) => r.grade === 1)?.minimum).toBe(15);
    expect(requirementsInForce(rows, gradeCycleStarts(1, '2027-03-01', [])).find((r) => r.grade === 2)?.minimum).toBe(25);
  });

  it('uses the enrolment of a repeated grade, the latest one', () => {
    const starts = gradeCycleStarts(2, '2027-03-01', [{ grade: 1, startsOn: '2025-03-01' }, { grade: 1, startsOn: '2026-03-01' }]);
    expect(starts(1)).toBe('2026-03-01');
    expect(gradeCycleStarts(3, '2027-03-01', [])(1)).toBe('2025-03-01');
  });

  it('accepts only the 1 March of a cycle that has not closed', () => {
    expect(validFromProblem('2026-03-01', '2026-12-01')).toBeNull();
    expect(validFromProblem('2027-03-01', '2026-12-01')).toBeNull();
    expect(validFromProblem('2026-06-01', '2026-12-01')).toContain('1 de marzo');
    expect(validFromProblem('2025-03-01', '2026-12-01')).toContain('ya cerró');
  });
});

describe('requirements file', () => {
  const specialties = new Map([['MFA', { id: 7, code: 'MFA', durationYears: 3 }]]);
  const sheet = (...lines: string[][]) => lines.map((cells, i) => ({ line: i + 1, cells }));

  it('reads the seed shape and reports every bad cell by row and column', () => {
    const out = checkRequirementRows(
      sheet(['specialty', 'grade', 'group', 'minimum'], ['MFA', '1', 'cirugia', '12'], ['XXX', '1', 'cirugia', '5'], ['MFA', '4', 'cirugia', '5'], ['MFA', '2', 'magia', '0'], ['MFA', '1', 'cirugia', '13']),
      specialties,
      '2027-03-01',
      '2026-12-01',
    );
    expect(out.rows).toEqual([{ line: 2, specialtyId: 7, specialtyCode: 'MFA', grade: 1, group: 'cirugia', minimum: 12, validFrom: '2027-03-01' }]);
    expect(out.errors.map((e) => [e.line, e.column])).toEqual([[3, 'specialty'], [4, 'grade'], [5, 'group'], [5, 'minimum'], [6, 'group']]);
    expect(out.errors[0]?.message).toContain('XXX');
    expect(out.errors[4]?.message).toContain('Repite la fila 2');
  });

  it('names the missing columns', () => {
    expect(checkRequirementRows(sheet(['especialidad', 'grado']), specialties, '2027-03-01', '2026-12-01').header).toEqual(['grupo', 'minimo']);
  });
});
