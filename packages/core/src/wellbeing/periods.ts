import { z } from 'zod';

/**
 * Aggregates are published per whole calendar quarter (the screening calendar), and only once the
 * quarter is over. Free dates would let two windows a day apart, or the same window read on two
 * days, differ by one person and give back that person's band.
 */
export const quarterCode = z.string().regex(/^\d{4}-Q[1-4]$/, { message: 'Trimestre con formato AAAA-QN, por ejemplo 2026-Q3.' });

/** First day of the quarter and first day of the next one, as aaaa-mm-dd. */
export function quarterBounds(code: string): { from: string; until: string } {
  const [y, q] = code.split('-Q').map(Number) as [number, number];
  const month = (q - 1) * 3 + 1;
  const from = `${y}-${String(month).padStart(2, '0')}-01`;
  const until = q === 4 ? `${y + 1}-01-01` : `${y}-${String(month + 3).padStart(2, '0')}-01`;
  return { from, until };
}

export function quarterOf(isoDay: string): string {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

export function lastClosedQuarter(today: string): string {
  const [y, q] = quarterOf(today).split('-Q').map(Number) as [number, number];
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

export const quarterClosed = (code: string, today: string) => quarterBounds(code).until <= today;
