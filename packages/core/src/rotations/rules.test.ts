import { describe, expect, it } from 'vitest';
import { capacity, type FieldRotationRule, fieldRotation, fieldRotationRuleFor, fieldUnitProblem, overlaps, type PlanRotation } from './rules.ts';

const current: FieldRotationRule = { code: 'CAMPO-1', source: 'Lineamientos', effectiveFrom: '2013-03-01', specialtyCodes: ['CIG', 'GYO', 'MIN', 'PED', 'MFA', 'ANE'], minMonths: 3, maxMonths: 6, minBeds: 30 };
/** A later, stricter record: four months at least, in units of 60 beds, and Urgencias joins the list. */
const stricter: FieldRotationRule = { ...current, code: 'CAMPO-2', effectiveFrom: '2027-03-01', specialtyCodes: [...current.specialtyCodes, 'URG'], minMonths: 4, minBeds: 60 };
const block = (p: Partial<PlanRotation>): PlanRotation => ({ residentId: 1, serviceId: 1, startsOn: '2026-03-01', endsOn: '2026-05-31', kind: 'regular', unitBeds: 120, grade: 1, ...p });

describe('rotation plan checks', () => {
  it('finds overlapping blocks of one resident', () => {
    expect(overlaps([block({}), block({ startsOn: '2026-05-15', endsOn: '2026-06-30' })])).toHaveLength(1);
    expect(overlaps([block({}), block({ startsOn: '2026-06-01', endsOn: '2026-06-30' }), block({ residentId: 2 })])).toEqual([]);
  });

  it('flags a service over its capacity for a grade', () => {
    const list = [block({ residentId: 1 }), block({ residentId: 2 }), block({ residentId: 3 })];
    expect(capacity(list, () => 2, () => 'Urgencias')[0]?.message).toContain('Urgencias recibe 3 R1');
    expect(capacity(list, () => 3, () => 'Urgencias')).toEqual([]);
  });

  it('requires 3 to 6 months of rotación de campo in the last year at a unit with 30 beds or more', () => {
    const r = { id: 1, grade: 3, durationYears: 3, specialtyCode: 'MFA' };
    expect(fieldRotation(r, [], current)[0]).toMatchObject({ rule: 'field_rotation', message: expect.stringContaining('3 a 6 meses en una unidad con al menos 30 camas censables') });
    expect(fieldRotation(r, [block({ kind: 'campo', startsOn: '2026-03-01', endsOn: '2026-05-31' })], current)).toEqual([]);
    expect(fieldRotation(r, [block({ kind: 'campo', startsOn: '2026-03-01', endsOn: '2026-03-31' })], current)[0]?.rule).toBe('field_length');
    expect(fieldRotation(r, [block({ kind: 'campo', unitBeds: 12, startsOn: '2026-03-01', endsOn: '2026-06-30' })], current)[0]?.rule).toBe('field_unit');
    expect(fieldRotation({ ...r, grade: 2 }, [], current)).toEqual([]);
    expect(fieldRotation({ ...r, specialtyCode: 'CAR' }, [], current)).toEqual([]);
  });

  it('judges a plan by the record it is given, with that record\'s numbers in the message', () => {
    const r = { id: 1, grade: 3, durationYears: 3, specialtyCode: 'MFA' };
    const threeMonthsAt40 = [block({ kind: 'campo', unitBeds: 40, startsOn: '2027-03-01', endsOn: '2027-05-31' })];
    expect(fieldRotation(r, threeMonthsAt40, current)).toEqual([]);
    const issues = fieldRotation(r, threeMonthsAt40, stricter);
    expect(issues.map((i) => i.rule)).toEqual(['field_unit', 'field_length']);
    expect(issues[0]?.message).toContain('se requieren al menos 60');
    expect(issues[1]?.message).toContain('debe durar de 4 a 6');
    expect(fieldRotation(r, [], stricter)[0]?.message).toContain('4 a 6 meses en una unidad con al menos 60 camas censables');
    expect(fieldRotation({ ...r, specialtyCode: 'URG' }, [], current)).toEqual([]);
    expect(fieldRotation({ ...r, specialtyCode: 'URG' }, [], stricter)).toHaveLength(1);
    expect(fieldRotation(r, [], null)).toEqual([]);
  });

  it('picks the record in force on the start of the last-year cycle', () => {
    const rules = [stricter, current];
    expect(fieldRotationRuleFor(rules, '2026-03-01')?.code).toBe('CAMPO-1');
    expect(fieldRotationRuleFor(rules, '2027-03-01')?.code).toBe('CAMPO-2');
    expect(fieldRotationRuleFor(rules, '2012-03-01')).toBeNull();
  });

  it('names the unit and the beds the record asks for when a field block is at a smaller unit', () => {
    expect(fieldUnitProblem(stricter, 45, 'HGZ 14')).toBe('La rotación de campo debe ser en una unidad con al menos 60 camas censables; HGZ 14 tiene 45.');
    expect(fieldUnitProblem(current, 45, 'HGZ 14')).toBeNull();
  });
});
