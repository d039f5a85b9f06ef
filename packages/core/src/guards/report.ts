import { auditRoster, type RosterAudit, type RuleCode } from './checker.ts';
import type { Assignment, RosterInstance, RuleSource } from './instance.ts';
import type { RuleParams } from './rules.ts';

/**
 * One line of the per-rule report: how often the rule was checked and broken, with its parameter
 * and the rule set it comes from, e.g. "Descanso tras guardia de 24 h (IMSS-2026-01-27):
 * 0 incumplimientos en 143 guardias". `applies` is false when the rule set does not limit it.
 */
export type RuleReport = {
  rule: Exclude<RuleCode, 'unknown_resident'>;
  label: string;
  /** The parameter in force, as a number (or boolean) and in words; null for rules without one. */
  value: number | boolean | null;
  parameter: string | null;
  averagingWeeks?: number;
  /** The rule set (code and name) the parameter comes from; null for the roster's own coverage. */
  source: (RuleSource & { institutional: boolean }) | null;
  applies: boolean;
  checks: number;
  /** What a check counts: guardias, days × grades, resident weeks, averaging windows. */
  unit: string;
  violations: number;
  summary: string;
};

type Spec = { rule: RuleReport['rule']; label: string; unit: string; param: keyof RuleParams | null; value: (p: RuleParams) => number | boolean | null; words: (p: RuleParams) => string | null };
const SPECS: readonly Spec[] = [
  { rule: 'coverage', label: 'Cobertura por día y grado', unit: 'días × grado', param: null, value: () => null, words: () => null },
  { rule: 'absence', label: 'Sin guardias en ausencias', unit: 'guardias', param: null, value: () => null, words: () => null },
  { rule: 'same_day', label: 'Una guardia por día', unit: 'guardias', param: null, value: () => null, words: () => null },
  { rule: 'spacing', label: 'Días libres entre guardias', unit: 'intervalos entre guardias', param: 'minDaysBetween', value: (p) => p.minDaysBetween, words: (p) => `al menos ${p.minDaysBetween} días libres` },
  { rule: 'weekly_guards', label: 'Guardias por semana', unit: 'semanas-residente', param: 'maxGuardsPerWeek', value: (p) => p.maxGuardsPerWeek, words: (p) => `a lo más ${p.maxGuardsPerWeek} por semana` },
  { rule: 'continuous_hours', label: 'Horas continuas de servicio', unit: 'guardias', param: 'maxContinuousHours', value: (p) => p.maxContinuousHours, words: (p) => (p.maxContinuousHours === null ? null : `a lo más ${p.maxContinuousHours} h continuas`) },
  { rule: 'rest_after_24h', label: 'Descanso tras guardia de 24 h', unit: 'guardias de 24 h', param: 'restAfter24h', value: (p) => p.restAfter24h, words: (p) => (p.restAfter24h ? 'la jornada siguiente es de descanso' : null) },
  {
    rule: 'weekly_hours', label: 'Horas semanales (jornada y guardias)', unit: 'periodos', param: 'maxWeeklyHours', value: (p) => p.maxWeeklyHours,
    words: (p) => (p.maxWeeklyHours === null ? null : p.averagingWeeks > 1 ? `a lo más ${p.maxWeeklyHours} h por semana en promedio de ${p.averagingWeeks} semanas` : `a lo más ${p.maxWeeklyHours} h por semana`),
  },
];

/** The per-rule report of a roster, from the checker's own counts. */
export function ruleReport(instance: RosterInstance, assignments: readonly Assignment[], audit: RosterAudit = auditRoster(instance, assignments)): RuleReport[] {
  const p = instance.params;
  return SPECS.map((spec) => {
    const applies = spec.param === null || spec.words(p) !== null;
    const violations = audit.violations.filter((v) => v.rule === spec.rule).length;
    const checks = audit.checks[spec.rule];
    const source = spec.param && instance.ruleSet ? { ...instance.ruleSet, institutional: Boolean(instance.ruleSet.overridden?.includes(spec.param)) } : null;
    const cite = source ? ` (${source.code}${source.institutional ? ', endurecida por la institución' : ''})` : '';
    const parameter = spec.words(p);
    const summary = applies
      ? `${spec.label}${cite}${parameter ? `, ${parameter}` : ''}: ${violations} ${violations === 1 ? 'incumplimiento' : 'incumplimientos'} en ${checks} ${spec.unit}`
      : `${spec.label}${cite}: la norma no lo limita`;
    return { rule: spec.rule, label: spec.label, value: spec.value(p), parameter, ...(spec.rule === 'weekly_hours' ? { averagingWeeks: p.averagingWeeks } : {}), source, applies, checks, unit: spec.unit, violations, summary };
  });
}
