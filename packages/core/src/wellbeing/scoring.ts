import { INSTRUMENTS, type InstrumentCode } from './instruments.ts';

/** Severity bands of Kroenke et al. (PHQ-9, 2001) and Spitzer et al. (GAD-7, 2006). */
export const BANDS = ['minima', 'leve', 'moderada', 'moderadamente_grave', 'grave'] as const;
export type Band = (typeof BANDS)[number];

const CUTS: Record<InstrumentCode, [number, Band][]> = {
  phq9: [[20, 'grave'], [15, 'moderadamente_grave'], [10, 'moderada'], [5, 'leve'], [0, 'minima']],
  gad7: [[15, 'grave'], [10, 'moderada'], [5, 'leve'], [0, 'minima']],
};

/** The bands an instrument can yield, mildest first. */
export const bandsOf = (code: InstrumentCode): Band[] => BANDS.filter((b) => CUTS[code].some(([, band]) => band === b));

export type Scored = { score: number; band: Band; crisis: boolean };

/** Returns a problem message, or null when the answers fit the instrument. */
export function answersProblem(code: InstrumentCode, answers: readonly number[]): string | null {
  const n = INSTRUMENTS[code].items.length;
  if (answers.length !== n) return `Responda las ${n} preguntas (recibimos ${answers.length}).`;
  const bad = answers.findIndex((a) => !Number.isInteger(a) || a < 0 || a > 3);
  return bad >= 0 ? `La respuesta de la pregunta ${bad + 1} debe ser 0, 1, 2 o 3.` : null;
}

/**
 * Total score and band. `crisis` is PHQ-9 item 9 (thoughts of death or self-harm) above 0,
 * which must open the crisis pathway whatever the total is.
 */
export function scoreScreening(code: InstrumentCode, answers: readonly number[]): Scored {
  const problem = answersProblem(code, answers);
  if (problem) throw new RangeError(problem);
  const score = answers.reduce((s, a) => s + a, 0);
  const band = (CUTS[code].find(([min]) => score >= min) as [number, Band])[1];
  return { score, band, crisis: code === 'phq9' && (answers[8] ?? 0) > 0 };
}

/**
 * Quarterly schedule: a screening is due once per calendar quarter. If the last one falls in the
 * current quarter the next is due on the first day of the next quarter; otherwise it is due now.
 */
export function nextScreeningDue(lastCompletedOn: string | null, today: string): { dueOn: string; dueNow: boolean } {
  const start = quarterStart(today);
  if (lastCompletedOn && lastCompletedOn >= start) return { dueOn: nextQuarterStart(today), dueNow: false };
  return { dueOn: start, dueNow: true };
}

function quarterStart(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

function nextQuarterStart(iso: string): string {
  const [y, m] = quarterStart(iso).split('-').map(Number) as [number, number];
  return m === 10 ? `${y + 1}-01-01` : `${y}-${String(m + 3).padStart(2, '0')}-01`;
}
