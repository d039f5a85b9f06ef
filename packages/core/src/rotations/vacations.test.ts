import { describe, expect, it } from 'vitest';
import { checkVacation, workingDays } from './vacations.ts';

describe('vacation entitlement', () => {
  it('counts working days without weekends or LFT rest days', () => {
    expect(workingDays('2026-03-09', '2026-03-20')).toBe(9); // 16 March is Juárez's Monday
    expect(workingDays('2026-07-06', '2026-07-17')).toBe(10);
  });

  it('allows two periods of up to 10 working days a cycle', () => {
    expect(checkVacation({ startsOn: '2026-07-06', endsOn: '2026-07-17' }, 0)).toBeNull();
    expect(checkVacation({ startsOn: '2026-07-06', endsOn: '2026-07-20' }, 0)).toContain('11 días hábiles');
    expect(checkVacation({ startsOn: '2026-12-14', endsOn: '2026-12-18' }, 2)).toContain('2 periodos');
  });
});
