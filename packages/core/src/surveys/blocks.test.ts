import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BlockCell, coversWholeBlocks, planBlocks } from './blocks.ts';
import { MIN_GROUP } from './suppression.ts';

const cell = (ooad: number, unit: number, sede: number, n: number): BlockCell => ({ path: [ooad, unit, sede], n });
const indexes = (cells: BlockCell[], pick: (c: BlockCell) => boolean) => cells.flatMap((c, i) => (pick(c) ? [i] : []));

describe('publishing blocks across queries', () => {
  it('a lone small sede in its OOAD is pooled with a sede of another OOAD, so neither OOAD total is published', () => {
    const cells = [cell(1, 10, 100, 4), cell(2, 20, 200, 6)];
    const plan = planBlocks(cells);
    expect(coversWholeBlocks(plan, [0, 1])).toBe(true);
    expect(coversWholeBlocks(plan, [1])).toBe(false);
    expect(coversWholeBlocks(plan, [0])).toBe(false);
  });

  it('hides the small sede with a sibling of its own OOAD before reaching out to the nation', () => {
    const cells = [cell(1, 10, 100, 4), cell(1, 11, 101, 6), cell(2, 20, 200, 6)];
    const plan = planBlocks(cells);
    expect(plan.blockOf[0]).toBe(plan.blockOf[1]);
    expect(coversWholeBlocks(plan, [2])).toBe(true);
    expect(coversWholeBlocks(plan, [0, 1])).toBe(true);
    expect(coversWholeBlocks(plan, [1])).toBe(false);
  });

  it('never publishes anything when the whole population is under 5', () => {
    const cells = [cell(1, 10, 100, 2), cell(1, 10, 101, 2)];
    expect(coversWholeBlocks(planBlocks(cells), [0, 1])).toBe(false);
  });

  it('every small cell shares a block, every block has 5, and published totals determine only block totals', () => {
    const arbCell = fc.record({ ooad: fc.integer({ min: 1, max: 3 }), unit: fc.integer({ min: 1, max: 3 }), sede: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.uniqueArray(arbCell, { minLength: 1, maxLength: 20, selector: (c) => `${c.ooad}/${c.unit}/${c.sede}` }), (raw) => {
        const cells = raw.map((c) => cell(c.ooad, c.unit * 10 + c.ooad, c.sede * 100 + c.unit * 10 + c.ooad, c.n));
        const plan = planBlocks(cells);
        const total = cells.reduce((s, c) => s + c.n, 0);
        expect(plan.blockOf.every((b) => b >= 0)).toBe(true);
        expect(plan.blockSize.reduce((s, n) => s + n, 0)).toBe(total);
        if (total < MIN_GROUP) {
          expect(plan.blockSize).toHaveLength(1);
          return;
        }
        plan.blockSize.forEach((n) => expect(n).toBeGreaterThanOrEqual(MIN_GROUP));
        cells.forEach((c, i) => {
          if (c.n < MIN_GROUP) expect(plan.blockCells[plan.blockOf[i] as number]).toBeGreaterThanOrEqual(2);
        });
        // Any two publishable selections differ by whole blocks only.
        const byOoad = (o: number) => indexes(cells, (c) => c.path[0] === o);
        for (const o of [1, 2, 3]) {
          const sel = byOoad(o);
          if (!coversWholeBlocks(plan, sel)) continue;
          const rest = cells.map((_, i) => i).filter((i) => !sel.includes(i));
          if (rest.length) expect(coversWholeBlocks(plan, rest)).toBe(true);
        }
      }),
    );
  });
});
