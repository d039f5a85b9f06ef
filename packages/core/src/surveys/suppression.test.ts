import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_GROUP, suppressGroups } from './suppression.ts';

const g = (key: string, n: number) => ({ key, n });

describe('small-group suppression', () => {
  it('hides a group of 4 and, with it, the next smallest so the total cannot give it back', () => {
    const out = suppressGroups([g('A', 4), g('B', 12), g('C', 30)]);
    expect(out.map((x) => x.suppressed)).toEqual([true, true, false]);
  });

  it('publishes everything when every group has at least 5', () => {
    expect(suppressGroups([g('A', 5), g('B', 6)]).every((x) => !x.suppressed)).toBe(true);
  });

  it('keeps hiding until the hidden groups together hold at least 5 people', () => {
    const out = suppressGroups([g('A', 1), g('B', 2), g('C', 6), g('D', 9)]);
    expect(out.filter((x) => x.suppressed).map((x) => x.key)).toEqual(['A', 'B', 'C']);
  });

  it('never shows a small group, and never leaves a derivable hidden remainder', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), (ns) => {
        const groups = ns.map((n, i) => g(`g${i}`, n));
        const out = suppressGroups(groups);
        out.forEach((x, i) => {
          if (!x.suppressed) expect(x.n).toBe(ns[i]);
          if (ns[i] < MIN_GROUP) expect(x.suppressed).toBe(true);
        });
        const hidden = ns.filter((_, i) => out[i]?.suppressed);
        const allHidden = hidden.length === ns.length;
        if (hidden.length > 0 && !allHidden) {
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(MIN_GROUP);
        }
      }),
    );
  });
});
