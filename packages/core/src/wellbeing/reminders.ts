import { INSTRUMENT_CODES, type InstrumentCode } from './instruments.ts';
import { quarterOf } from './periods.ts';
import { nextScreeningDue } from './scoring.ts';

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/**
 * The quarter (e.g. 2026-Q4) whose screening the person still owes today, or null when every
 * instrument was answered in it. Due now is the same rule the resident's page shows
 * (nextScreeningDue): once a quarter starts, an instrument not answered in it is due.
 */
export function pendingScreeningPeriod(lastCompletedOn: Partial<Record<InstrumentCode, string | null>>, today: string): string | null {
  return INSTRUMENT_CODES.some((code) => nextScreeningDue(lastCompletedOn[code] ?? null, today).dueNow) ? quarterOf(today) : null;
}

/** "octubre–diciembre de 2026" for 2026-Q4. */
export function quarterLabel(period: string): string {
  const [year, q] = period.split('-Q').map(Number) as [number, number];
  return `${MONTHS[(q - 1) * 3]}–${MONTHS[(q - 1) * 3 + 2]} de ${year}`;
}

/** The reminder names the quarter and nothing else: no instrument, score, band or history. */
export const screeningReminderMessage = (period: string) => `Tiene pendiente su tamizaje de bienestar del trimestre ${quarterLabel(period)}. Puede responderlo en Mi bienestar.`;
