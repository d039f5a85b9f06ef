import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carriedTotals } from './carry.ts';

describe('carriedTotals', () => {
  it('carries each unit’s last value to the dates other units report', () => {
    const points = [
      { series: 'A', takenOn: '2023-03-01', waiting: 400 },
      { series: 'B', takenOn: '2023-03-08', waiting: 200 },
      { series: 'A', takenOn: '2023-03-15', waiting: 300 },
      { series: 'B', takenOn: '2023-03-22', waiting: 100 },
    ];
    expect(carriedTotals(points, ['waiting'])).toEqual([
      { takenOn: '2023-03-01', waiting: 400 },
      { takenOn: '2023-03-08', waiting: 600 },
      { takenOn: '2023-03-15', waiting: 500 },
      { takenOn: '2023-03-22', waiting: 400 },
    ]);
  });

  it('adds units reporting the same day once, in any input order, over several fields', () => {
    const points = [
      { series: 'B', takenOn: '2022-01-15', ordinary: 50, reconverted: 30 },
      { series: 'A', takenOn: '2022-06-30', ordinary: 130, reconverted: 10 },
      { series: 'A', takenOn: '2022-01-15', ordinary: 100, reconverted: 40 },
    ];
    expect(carriedTotals(points, ['ordinary', 'reconverted'])).toEqual([
      { takenOn: '2022-01-15', ordinary: 150, reconverted: 70 },
      { takenOn: '2022-06-30', ordinary: 180, reconverted: 40 },
    ]);
  });

  it('each total equals the sum of every series’ latest value on or before that date', () => {
    const point = fc.record({ series: fc.constantFrom('A', 'B', 'C'), day: fc.integer({ min: 1, max: 28 }), waiting: fc.nat(1000) });
    fc.assert(
      fc.property(fc.uniqueArray(point, { selector: (p) => `${p.series}|${p.day}` }), (raw) => {
        const points = raw.map((p) => ({ series: p.series, takenOn: `2023-02-${String(p.day).padStart(2, '0')}`, waiting: p.waiting }));
        for (const t of carriedTotals(points, ['waiting'])) {
          const latest = new Map<string, { takenOn: string; waiting: number }>();
          for (const p of points) if (p.takenOn <= t.takenOn && (latest.get(p.series)?.takenOn ?? '') < p.takenOn) latest.set(p.series, p);
          expect(t.waiting).toBe([...latest.values()].reduce((s, p) => s + p.waiting, 0));
        }
      }),
    );
  });
});
