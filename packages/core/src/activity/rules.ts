import type { ActivityStatus } from './kinds.ts';

/** Today's date where the institute works (America/Mexico_City), as aaaa-mm-dd. */
// Building a formatter loads time-zone data; one is kept for every call (it runs on each entry logged).
let mexicoDay: Intl.DateTimeFormat | null = null;

export function mexicoToday(now = new Date()): string {
  mexicoDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit' });
  return mexicoDay.format(now);
}

/** An entry describes work already done: a date after today is a typing mistake. */
export function futureDateProblem(performedOn: string, today: string): string | null {
  return performedOn > today ? `La fecha ${performedOn} es posterior a hoy (${today}); registre solo actividad ya realizada.` : null;
}

/** Verified entries belong to the portfolio as signed; only pending or returned ones may change. */
export const isEditable = (status: ActivityStatus) => status !== 'verificada';

export type Requirement = { group: string; minimum: number };
export type ProgressRow = { group: string; required: number; done: number; missing: number; percent: number };

/** Done vs required per group; only verified entries count toward a minimum. */
export function progressOf(requirements: readonly Requirement[], done: ReadonlyMap<string, number>): ProgressRow[] {
  return requirements.map((r) => {
    const d = done.get(r.group) ?? 0;
    return { group: r.group, required: r.minimum, done: d, missing: Math.max(0, r.minimum - d), percent: r.minimum ? Math.min(100, Math.round((d / r.minimum) * 100)) : 100 };
  });
}

export type GradeRequirement = { group: string; grade: number; minimum: number };

/**
 * What a resident should have reached by now in each group: every minimum of earlier grades,
 * plus the current grade's minimum in proportion to the part of the cycle already gone.
 */
export function expectedByNow(requirements: readonly GradeRequirement[], grade: number, cycleFraction: number): Requirement[] {
  const byGroup = new Map<string, number>();
  const f = Math.min(1, Math.max(0, cycleFraction));
  for (const r of requirements) {
    if (r.grade > grade) continue;
    const part = r.grade < grade ? r.minimum : Math.floor(r.minimum * f);
    byGroup.set(r.group, (byGroup.get(r.group) ?? 0) + part);
  }
  return [...byGroup].map(([group, minimum]) => ({ group, minimum }));
}

/** Everything required up to the end of the current grade. */
export function requiredThroughGrade(requirements: readonly GradeRequirement[], grade: number): Requirement[] {
  return expectedByNow(requirements, grade, 1);
}
