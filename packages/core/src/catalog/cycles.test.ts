import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleForDate, cycleForStartYear, isLeapYear, parseCycleCode } from './cycles.ts';

const isoDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const contains = (c: { startsOn: string; endsOn: string }, iso: string) => c.startsOn <= iso && iso <= c.endsOn;

describe('academic cycles', () => {
  it('run from 1 March to the last day of the next February', () => {
    expect(cycleForStartYear(2026)).toEqual({ code: '2026-2027', startsOn: '2026-03-01', endsOn: '2027-02-28' });
  });

  it('end on 29 February when the next year is a leap year', () => {
    expect(cycleForStartYear(2027).endsOn).toBe('2028-02-29');
    expect(cycleForStartYear(2023).endsOn).toBe('2024-02-29');
  });

  it('follow the Gregorian leap rules: 1900 and 2100 are not leap years, 2000 is', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(cycleForStartYear(1899).endsOn).toBe('1900-02-28');
    expect(cycleForStartYear(1999).endsOn).toBe('2000-02-29');
    expect(cycleForStartYear(2099).endsOn).toBe('2100-02-28');
  });

  it('place a date in the cycle that contains it, around the 1 March boundary', () => {
    expect(cycleForDate('2026-02-28').code).toBe('2025-2026');
    expect(cycleForDate('2026-03-01').code).toBe('2026-2027');
    expect(cycleForDate('2024-02-29').code).toBe('2023-2024');
    expect(cycleForDate('2026-12-31').code).toBe('2026-2027');
    expect(cycleForDate('2027-01-01').code).toBe('2026-2027');
  });

  it('read a cycle code back to its start year, refusing codes whose years do not follow', () => {
    expect(parseCycleCode('2026-2027')).toBe(2026);
    expect(parseCycleCode('2026-2028')).toBeNull();
    expect(parseCycleCode('2026/2027')).toBeNull();
    expect(parseCycleCode(cycleForStartYear(2031).code)).toBe(2031);
  });

  it('property: every date lies in exactly one cycle, the one cycleForDate names', () => {
    fc.assert(
      fc.property(isoDay, (iso) => {
        const cycle = cycleForDate(iso);
        const start = Number(cycle.startsOn.slice(0, 4));
        expect(contains(cycle, iso)).toBe(true);
        expect(contains(cycleForStartYear(start - 1), iso)).toBe(false);
        expect(contains(cycleForStartYear(start + 1), iso)).toBe(false);
      }),
    );
  });

  it('property: consecutive cycles leave no gap: one ends the day before the next begins', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), (year) => {
        const dayAfterEnd = new Date(`${cycleForStartYear(year).endsOn}T00:00:00Z`);
        dayAfterEnd.setUTCDate(dayAfterEnd.getUTCDate() + 1);
        expect(dayAfterEnd.toISOString().slice(0, 10)).toBe(cycleForStartYear(year + 1).startsOn);
      }),
    );
  });
});
