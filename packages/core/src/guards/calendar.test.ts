import { describe, expect, it } from 'vitest';
import { mexicanRestDays, monthDays } from './calendar.ts';

describe('LFT art. 74 rest days', () => {
  it('moves the Constitution, Juárez and Revolution days to Mondays', () => {
    const dates = mexicanRestDays(2026).map((d) => d.date);
    expect(dates).toEqual(['2026-01-01', '2026-02-02', '2026-03-16', '2026-05-01', '2026-09-16', '2026-11-16', '2026-12-25']);
  });

  it('adds 1 October in presidential-transition years since 2024, and 1 December up to 2018', () => {
    expect(mexicanRestDays(2024).map((d) => d.date)).toContain('2024-10-01');
    expect(mexicanRestDays(2030).map((d) => d.date)).toContain('2030-10-01');
    expect(mexicanRestDays(2027).map((d) => d.date)).not.toContain('2027-10-01');
    expect(mexicanRestDays(2018).map((d) => d.date)).toContain('2018-12-01');
  });

  it('types each day of a month: a weekday holiday counts as holiday', () => {
    const march = monthDays(2026, 3);
    expect(march).toHaveLength(31);
    expect(march.find((d) => d.date === '2026-03-16')).toMatchObject({ type: 'holiday', weekday: 1 });
    expect(march.find((d) => d.date === '2026-03-14')?.type).toBe('weekend');
    expect(march.find((d) => d.date === '2026-03-17')?.type).toBe('weekday');
    expect(monthDays(2028, 2)).toHaveLength(29);
  });
});
