import { mexicanRestDays } from '../guards/calendar.ts';

/** Default vacation entitlement of a resident: two periods a cycle of 10 working days each. */
export const VACATION_POLICY = { periodsPerCycle: 2, workingDaysPerPeriod: 10 };

/** Monday–Friday days between two dates that are not LFT rest days. */
export function workingDays(from: string, to: string): number {
  const rest = new Set<string>();
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) for (const d of mexicanRestDays(y)) rest.add(d.date);
  let n = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t);
    const iso = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !rest.has(iso)) n++;
  }
  return n;
}

/** Whether a new vacation period fits the entitlement, given the periods already requested or approved this cycle. */
export function checkVacation(request: { startsOn: string; endsOn: string }, taken: number, policy = VACATION_POLICY): string | null {
  if (taken >= policy.periodsPerCycle) return `Ya tiene ${taken} periodos de vacaciones en este ciclo; corresponden ${policy.periodsPerCycle}.`;
  const days = workingDays(request.startsOn, request.endsOn);
  if (days > policy.workingDaysPerPeriod) return `El periodo suma ${days} días hábiles; cada periodo es de ${policy.workingDaysPerPeriod} días hábiles como máximo.`;
  return null;
}
