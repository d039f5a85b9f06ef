import { describe, expect, it } from 'vitest';
import { lastClosedQuarter, quarterBounds, quarterClosed, quarterCode } from './periods.ts';

describe('aggregate periods', () => {
  it('a quarter runs from its first day up to the first day of the next', () => {
    expect(quarterBounds('2026-Q1')).toEqual({ from: '2026-01-01', until: '2026-04-01' });
    expect(quarterBounds('2026-Q4')).toEqual({ from: '2026-10-01', until: '2027-01-01' });
  });

  it('only a finished quarter is published, and the default is the last finished one', () => {
    expect(lastClosedQuarter('2026-12-01')).toBe('2026-Q3');
    expect(lastClosedQuarter('2026-02-10')).toBe('2025-Q4');
    expect(quarterClosed('2026-Q3', '2026-10-01')).toBe(true);
    expect(quarterClosed('2026-Q4', '2026-12-31')).toBe(false);
  });

  it('refuses free dates and malformed quarters', () => {
    expect(quarterCode.safeParse('2026-07-01').success).toBe(false);
    expect(quarterCode.safeParse('2026-Q5').success).toBe(false);
  });
});
