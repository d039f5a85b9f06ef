/** Academic cycles run from 1 March to the last day of February of the next year (28 or 29). */
export type CycleDates = { code: string; startsOn: string; endsOn: string };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function cycleForStartYear(year: number): CycleDates {
  const lastFeb = isLeapYear(year + 1) ? 29 : 28;
  return { code: `${year}-${year + 1}`, startsOn: `${year}-03-01`, endsOn: `${year + 1}-02-${lastFeb}` };
}

/** The cycle that contains an ISO date. */
export function cycleForDate(iso: string): CycleDates {
  const [y, m] = iso.split('-').map(Number);
  return cycleForStartYear(m >= 3 ? y : y - 1);
}

export function parseCycleCode(code: string): number | null {
  const m = /^(\d{4})-(\d{4})$/.exec(code);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return null;
  return Number(m[1]);
}
