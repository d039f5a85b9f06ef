/** Specialties that require a rotación de campo in their last year (DOMAIN §4.3), by specialty code. */
export const FIELD_ROTATION_SPECIALTIES = ['CIG', 'GYO', 'MIN', 'PED', 'MFA', 'ANE'];
export const FIELD_ROTATION = { minMonths: 3, maxMonths: 6, minBeds: 30 };

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

/** Last-year residents of the listed specialties need 3 to 6 months of rotación de campo at a unit with ≥ 30 camas censables. */
export function fieldRotation(resident: { id: number; grade: number; durationYears: number; specialtyCode: string }, blocks: readonly PlanRotation[]): PlanIssue[] {
  if (!FIELD_ROTATION_SPECIALTIES.includes(resident.specialtyCode) || resident.grade !== resident.durationYears) return [];
  const field = blocks.filter((b) => b.kind === 'campo');
  const issues: PlanIssue[] = [];
  for (const b of field)
    if (b.unitBeds < FIELD_ROTATION.minBeds) issues.push({ rule: 'field_unit', residentId: resident.id, message: `La rotación de campo del ${b.startsOn} es en una unidad con ${b.unitBeds} camas censables; se requieren al menos ${FIELD_ROTATION.minBeds}.` });
  const total = field.reduce((s, b) => s + months(b.startsOn, b.endsOn), 0);
  if (total < FIELD_ROTATION.minMonths - 0.1 || total > FIELD_ROTATION.maxMonths + 0.1)
    issues.push({ rule: field.length ? 'field_length' : 'field_rotation', residentId: resident.id, message: field.length ? `La rotación de campo suma ${total.toFixed(1)} meses; debe durar de 3 a 6.` : 'Falta la rotación de campo de último año (3 a 6 meses en una unidad con al menos 30 camas censables).' });
  return issues;
}
