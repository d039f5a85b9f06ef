/**
 * Guardia rule parameters. The sets themselves (NOM-001-SSA3-2012, NOM-001-SSA-2023, IMSS oficio
 * of 27-01-2026) are dated records in the database; this module only knows how to read and
 * combine parameters.
 */
export type RuleParams = {
  maxGuardsPerWeek: number;
  /** Free days required between two guardias (ABC = 2, ABCD = 3). */
  minDaysBetween: number;
  /** Longest continuous duty including the jornada; null when the set does not limit it. */
  maxContinuousHours: number | null;
  /** After a 24-h duty the next jornada is rest (IMSS 27-01-2026). */
  restAfter24h: boolean;
  /** Weekly hours including the jornada; null when not limited. */
  maxWeeklyHours: number | null;
  /** Weeks over which maxWeeklyHours is averaged (1 = every week on its own). */
  averagingWeeks: number;
  jornadaHoursPerDay: number;
  /** Weekday guardia: end of the morning shift to the start of the next one. */
  weekdayGuardHours: number;
  /** Weekend and holiday guardia. */
  weekendGuardHours: number;
};

export type RuleSet = { code: string; name: string; effectiveFrom: string; params: RuleParams };

/** The set in force on a date: the latest whose effective date is not after it. */
export function ruleSetInForce<T extends { effectiveFrom: string }>(sets: readonly T[], date: string): T | null {
  return [...sets].filter((s) => s.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
}

type Direction = 'max' | 'min' | 'true';
const DIRECTION: Record<keyof RuleParams, Direction | null> = {
  maxGuardsPerWeek: 'max',
  minDaysBetween: 'min',
  maxContinuousHours: 'max',
  restAfter24h: 'true',
  maxWeeklyHours: 'max',
  averagingWeeks: 'max',
  jornadaHoursPerDay: null,
  weekdayGuardHours: null,
  weekendGuardHours: null,
};

/**
 * Applies an institution's own parameters over the official set. Each may only be stricter:
 * a lower maximum, a higher minimum, rest required. Looser values are refused with a reason.
 */
export function applyStricter(base: RuleParams, overrides: Partial<RuleParams>): { params: RuleParams; errors: { field: keyof RuleParams; message: string }[] } {
  const params = { ...base };
  const errors: { field: keyof RuleParams; message: string }[] = [];
  for (const [key, value] of Object.entries(overrides) as [keyof RuleParams, RuleParams[keyof RuleParams]][]) {
    if (value === undefined) continue;
    const dir = DIRECTION[key];
    const current = base[key];
    const looser =
      dir === 'max' ? current !== null && (value === null || (value as number) > (current as number))
      : dir === 'min' ? (value as number) < (current as number)
      : dir === 'true' ? current === true && value === false
      : value !== current;
    if (looser) errors.push({ field: key, message: `El valor de ${key} (${String(value)}) es menos estricto que la norma vigente (${String(current)}); solo se permite endurecerlo.` });
    else (params as Record<string, unknown>)[key] = value;
  }
  return { params, errors };
}
