import { describe, expect, it } from 'vitest';
import { type JornadaCell, rankUnits, summarise } from './report.ts';

const cell = (over: Partial<JornadaCell>): JornadaCell => ({ unitId: 1, unitName: 'A', ooadName: 'Jalisco', isUmae: false, category: 'cirugia', planned: 0, fromRecords: 0, fromUnits: 0, ...over });

describe('Jornada summaries', () => {
  it('adds records and unit entries into achieved, and keeps them apart', () => {
    const [s] = summarise([cell({ planned: 10, fromRecords: 3, fromUnits: 9 }), cell({ unitId: 2, planned: 10, fromRecords: 1 })], (c) => c.category);
    expect(s).toEqual({ key: 'cirugia', planned: 20, achieved: 13, fromRecords: 4, fromUnits: 9, percent: 65 });
  });

  it('ranks units by achieved, ties broken by name', () => {
    const ranking = rankUnits([cell({ unitName: 'B', fromUnits: 5 }), cell({ unitName: 'A', fromUnits: 5 }), cell({ unitName: 'C', fromRecords: 7 })]);
    expect(ranking.map((r) => [r.rank, r.key])).toEqual([[1, 'C'], [2, 'A'], [3, 'B']]);
  });

  it('reports no percentage when nothing was planned', () => {
    expect(summarise([cell({ fromUnits: 2 })], () => 'x')[0]?.percent).toBeNull();
  });
});
