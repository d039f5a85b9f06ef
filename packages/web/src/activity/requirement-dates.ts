import { cycleForDate, cycleForStartYear, formatDate, mexicoToday } from '@sirem/core';

/** The cycles that may still take a minimum: the one running and the next two. */
export function openCycles() {
  const year = Number(cycleForDate(mexicoToday()).startsOn.slice(0, 4));
  return [year, year + 1, year + 2].map((y) => cycleForStartYear(y)).map((c) => ({ value: c.startsOn, date: formatDate(c.startsOn), code: c.code }));
}

/** Problem+json row errors carry the file's row and column beside the readable field. */
export type RowError = { field: string; message: string; line?: number; column?: string };
