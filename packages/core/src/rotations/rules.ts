import { ruleSetInForce } from '../guards/rules.ts';

/**
 * The rotación de campo requirement (DOMAIN §4.3) as one dated record: which specialties need it in
 * their last year, its length in months and the camas censables the unit must have. The records
 * are catalogue data; callers pick the one in force and pass it in.
 */
export type FieldRotationRule = { code: string; source: string; effectiveFrom: string; specialtyCodes: readonly string[]; minMonths: number; maxMonths: number; minBeds: number };

/**
 * The record that governs a last year starting on `cycleStartsOn`. One record for the whole year,
 * since the requirement sums the year's field months: a record published mid-year applies from
 * the next cycle, and a plan agreed at the start of the year is not judged by two rules.
 */
export const fieldRotationRuleFor = <T extends FieldRotationRule>(rules: readonly T[], cycleStartsOn: string): T | null => ruleSetInForce(rules, cycleStartsOn);

export type PlanRotation = { id?: number; residentId: number; serviceId: number; startsOn: string; endsOn: string; kind: string; unitBeds: number; grade: number };
export type PlanIssue = { rule: 'overlap' | 'capacity' | 'field_rotation' | 'field_unit' | 'field_length'; residentId: number | null; message: string };

const months = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (86_400_000 * 30.44);

/** Two blocks of one resident must not share a day. */
export function overlaps(list: readonly PlanRotation[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const sorted = [...list].sort((a, b) => a.residentId - b.residentId || a.startsOn.localeCompare(b.startsOn));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as PlanRotation;
    const b = sorted[i] as PlanRotation;
    if (a.residentId === b.residentId && b.startsOn <= a.endsOn)
      issues.push({ rule: 'overlap', residentId: b.residentId, message: `Las rotaciones del ${a.startsOn} al ${a.endsOn} y del ${b.startsOn} al ${b.endsOn} se traslapan.` });
  }
  return issues;
}

/** Residents of a grade in a service at once must not exceed its capacity (checked on each block's first day). */
export function capacity(list: readonly PlanRotation[], capacityOf: (serviceId: number, grade: number) => number, nameOf: (serviceId: number) => string): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const seen = new Set<string>();
  for (const r of list) {
    const key = `${r.serviceId}:${r.grade}:${r.startsOn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const present = list.filter((o) => o.serviceId === r.serviceId && o.grade === r.grade && o.startsOn <= r.startsOn && o.endsOn >= r.startsOn).length;
    const cap = capacityOf(r.serviceId, r.grade);
    if (present > cap) issues.push({ rule: 'capacity', residentId: null, message: `${nameOf(r.serviceId)} recibe ${present} R${r.grade} el ${r.startsOn}; su capacidad es ${cap}.` });
  }
  return issues;
}

/** A field block must be at a unit with the rule's camas censables; the reason a coordinator reads, or null. */
export function fieldUnitProblem(rule: FieldRotationRule, beds: number, place: string): string | null {
  return beds < rule.minBeds ? `La rotación de campo debe ser en una unidad con al menos ${rule.minBeds} camas censables; ${place} tiene ${beds}.` : null;
}

/**
 * Last-year residents of the rule's specialties need its months of rotación de campo at units with
 * its camas censables. Without a rule in force nothing is required.
 */
export function fieldRotation(resident: { id: number; grade: number; durationYears: number; specialtyCode: string }, blocks: readonly PlanRotation[], rule: FieldRotationRule | null): PlanIssue[] {
  if (!rule || !rule.specialtyCodes.includes(resident.specialtyCode) || resident.grade !== resident.durationYears) return [];
  const field = blocks.filter((b) => b.kind === 'campo');
  const issues: PlanIssue[] = [];
  for (const b of field)
    if (b.unitBeds < rule.minBeds) issues.push({ rule: 'field_unit', residentId: resident.id, message: `La rotación de campo del ${b.startsOn} es en una unidad con ${b.unitBeds} camas censables; se requieren al menos ${rule.minBeds}.` });
  const total = field.reduce((s, b) => s + months(b.startsOn, b.endsOn), 0);
  if (total < rule.minMonths - 0.1 || total > rule.maxMonths + 0.1)
    issues.push({
      rule: field.length ? 'field_length' : 'field_rotation',
      residentId: resident.id,
      message: field.length
        ? `La rotación de campo suma ${total.toFixed(1)} meses; debe durar de ${rule.minMonths} a ${rule.maxMonths}.`
        : `Falta la rotación de campo de último año (${rule.minMonths} a ${rule.maxMonths} meses en una unidad con al menos ${rule.minBeds} camas censables).`,
    });
  return issues;
}
