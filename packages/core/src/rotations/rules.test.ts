import { describe, expect, it } from 'vitest';
import { capacity, fieldRotation, overlaps, type PlanRotation } from './rules.ts';

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
    expect(fieldRotation(r, [])[0]?.rule).toBe('field_rotation');
    expect(fieldRotation(r, [block({ kind: 'campo', startsOn: '2026-03-01', endsOn: '2026-05-31' })])).toEqual([]);
    expect(fieldRotation(r, [block({ kind: 'campo', startsOn: '2026-03-01', endsOn: '2026-03-31' })])[0]?.rule).toBe('field_length');
    expect(fieldRotation(r, [block({ kind: 'campo', unitBeds: 12, startsOn: '2026-03-01', endsOn: '2026-06-30' })])[0]?.rule).toBe('field_unit');
    expect(fieldRotation({ ...r, grade: 2 }, [])).toEqual([]);
    expect(fieldRotation({ ...r, specialtyCode: 'CAR' }, [])).toEqual([]);
  });
});
