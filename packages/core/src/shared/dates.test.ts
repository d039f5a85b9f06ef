import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, isValidIsoDate, parseDisplayDate } from './dates.ts';

describe('ISO dates', () => {
  it('accept real calendar days only', () => {
    expect(isValidIsoDate('2026-03-01')).toBe(true);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2026-04-31')).toBe(false);
    expect(isValidIsoDate('2026-13-01')).toBe(false);
    expect(isValidIsoDate('2026-00-10')).toBe(false);
  });

  it('accept only the yyyy-mm-dd shape', () => {
    for (const text of ['2026-3-1', '01/03/2026', '2026-03-01T00:00:00Z', ' 2026-03-01', '']) expect(isValidIsoDate(text), text).toBe(false);
  });
});

describe('dates on screen (dd/mm/aaaa)', () => {
  it('show an ISO date as day/month/year', () => {
    expect(formatDate('2026-03-01')).toBe('01/03/2026');
    expect(formatDate('2027-02-28T10:00:00Z')).toBe('28/02/2027');
    expect(formatDate(new Date('2024-02-29T12:00:00Z'))).toBe('29/02/2024');
  });

  it('show nothing for a missing date', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
  });

  it('read what a user types or a spreadsheet holds, with or without leading zeros', () => {
    expect(parseDisplayDate('01/03/2026')).toBe('2026-03-01');
    expect(parseDisplayDate('1/3/2026')).toBe('2026-03-01');
    expect(parseDisplayDate(' 29/02/2024 ')).toBe('2024-02-29');
  });

  it('refuse impossible days and other orders instead of guessing', () => {
    expect(parseDisplayDate('29/02/2025')).toBeNull();
    expect(parseDisplayDate('31/04/2026')).toBeNull();
    expect(parseDisplayDate('2026-03-01')).toBeNull();
    expect(parseDisplayDate('03/13/2026')).toBeNull();
    expect(parseDisplayDate('1/3/26')).toBeNull();
  });

  it('property: what is shown reads back to the same date', () => {
    const iso = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(iso, (d) => {
        expect(parseDisplayDate(formatDate(d))).toBe(d);
      }));
  });
});
