import { describe, expect, it } from 'vitest';
import { cycleQuarters, DEFAULT_RUBRIC, gradeFromLevels, scoresProblem } from './grading.ts';

describe('quarterly periods', () => {
  it('splits a cycle starting on 1 March into four quarters ending in February', () => {
    expect(cycleQuarters('2026-03-01')).toEqual([
      { number: 1, startsOn: '2026-03-01', endsOn: '2026-05-31' },
      { number: 2, startsOn: '2026-06-01', endsOn: '2026-08-31' },
      { number: 3, startsOn: '2026-09-01', endsOn: '2026-11-30' },
      { number: 4, startsOn: '2026-12-01', endsOn: '2027-02-28' },
    ]);
  });

  it('ends the last quarter on 29 February in a leap year', () => {
    expect(cycleQuarters('2027-03-01')[3]?.endsOn).toBe('2028-02-29');
  });
});

describe('grades from rubric levels', () => {
  it('maps the lowest level to 0, the highest to 100, and averages items', () => {
    expect(gradeFromLevels([1, 1], DEFAULT_RUBRIC)).toBe(0);
    expect(gradeFromLevels([4, 4, 4], DEFAULT_RUBRIC)).toBe(100);
    expect(gradeFromLevels([3, 4], DEFAULT_RUBRIC)).toBe(83.3);
  });

  it('says what is wrong with a score sheet', () => {
    expect(scoresProblem([1, 2], [{ itemId: 1, level: 3 }], DEFAULT_RUBRIC)).toBe('Faltan 1 reactivo(s) por calificar.');
    expect(scoresProblem([1], [{ itemId: 1, level: 7 }], DEFAULT_RUBRIC)).toContain('no existe en la rúbrica');
    expect(scoresProblem([1], [{ itemId: 9, level: 3 }], DEFAULT_RUBRIC)).toContain('no es de esta evaluación');
    expect(scoresProblem([1], [{ itemId: 1, level: 2 }], DEFAULT_RUBRIC)).toBeNull();
  });
});
