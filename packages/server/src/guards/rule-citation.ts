import type { RuleParams, Violation } from '@sirem/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { guardRuleSets } from '../db/schema/guards.ts';

type Rule = Violation['rule'];

/** Which parameter each rule enforces, so a refusal can say whether the institution tightened it. */
const PARAM: Partial<Record<Rule, keyof RuleParams>> = { spacing: 'minDaysBetween', weekly_guards: 'maxGuardsPerWeek', weekly_hours: 'maxWeeklyHours', continuous_hours: 'maxContinuousHours' };

/** The rule in a coordinator's words, with the value in force. */
export function ruleText(rule: Rule, p: RuleParams): string {
  // A string switch, so a rule code added to the checker later still reads sensibly here.
  switch (rule as string) {
    case 'spacing': return `mínimo ${p.minDaysBetween} días libres entre guardias`;
    case 'weekly_guards': return `máximo ${p.maxGuardsPerWeek} guardias por semana`;
    case 'weekly_hours': return `máximo ${p.maxWeeklyHours} h por semana incluida la jornada${p.averagingWeeks > 1 ? ` (promedio de ${p.averagingWeeks} semanas)` : ''}`;
    case 'continuous_hours': return `máximo ${p.maxContinuousHours} h continuas${p.restAfter24h ? ' y descanso en la jornada siguiente a 24 h de trabajo' : ''}`;
    case 'absence': return 'sin guardias durante vacaciones o licencias autorizadas';
    case 'same_day': return 'una sola guardia por día';
    case 'coverage': return 'la cobertura de residentes por grado de cada día';
    case 'rest_after_24h': return 'descanso en la jornada siguiente a 24 h de trabajo';
    case 'unknown_resident': return 'solo residentes y días de este rol';
    default: return 'las reglas de guardia vigentes';
  }
}

/**
 * Names the rule set in force and the rule broken, e.g. "IMSS-2026-01-27 (Oficio IMSS 27/01/2026):
 * mínimo 3 días libres entre guardias"; a value the institution tightened is said to be so.
 */
export async function citeRule(db: Db, ruleSetCode: string, params: RuleParams, rule: Rule): Promise<string> {
  const [set] = await db.select({ code: guardRuleSets.code, source: guardRuleSets.source, params: guardRuleSets.params }).from(guardRuleSets).where(eq(guardRuleSets.code, ruleSetCode));
  const key = PARAM[rule];
  const tightened = Boolean(set && key && (set.params as RuleParams)[key] !== params[key]);
  const name = set ? `${set.code} (${set.source.split(';')[0]})` : ruleSetCode;
  return `${tightened ? `ajuste institucional sobre ${name}` : name}: ${ruleText(rule, params)}`;
}
