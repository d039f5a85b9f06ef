import { describe, expect, it } from 'vitest';
import { apportion, seededRandom } from '../src/db/seed/national/random.ts';

describe('national data generator', () => {
  it('splits a national total into parts that add up exactly, proportionally', () => {
    const parts = apportion(26_350, [20, 8, 8, 0.45, 0.45]);
    expect(parts.reduce((s, n) => s + n, 0)).toBe(26_350);
    expect(parts[0]).toBeGreaterThan(parts[1] as number);
    expect(parts[3]).toBe(parts[4]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw(2026)).toEqual(draw(2026));
    expect(draw(2026)).not.toEqual(draw(2027));
  });
});
