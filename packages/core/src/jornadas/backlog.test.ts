import { describe, expect, it } from 'vitest';
import { reductionAcross } from './backlog.ts';

describe('backlog reduction across a Jornada', () => {
  it('compares the last snapshot before with the first after, only for units that have both', () => {
    const series = new Map([
      ['1|consultas', [{ takenOn: '2021-05-01', waiting: 100 }, { takenOn: '2021-05-10', waiting: 90 }, { takenOn: '2021-05-20', waiting: 40 }, { takenOn: '2021-06-01', waiting: 30 }]],
      ['2|consultas', [{ takenOn: '2021-05-10', waiting: 50 }]],
    ]);
    expect(reductionAcross(series, '2021-05-14', '2021-05-16')).toEqual({ before: 90, after: 40, reduction: 50, units: 1 });
  });
});
