import { describe, expect, it } from 'vitest';
import { pendingScreeningPeriod, screeningReminderMessage } from './reminders.ts';

describe('screening reminders', () => {
  it('owes the current quarter until both questionnaires are answered in it', () => {
    expect(pendingScreeningPeriod({}, '2026-11-22')).toBe('2026-Q4');
    expect(pendingScreeningPeriod({ phq9: '2026-10-05' }, '2026-11-22')).toBe('2026-Q4');
    expect(pendingScreeningPeriod({ phq9: '2026-10-05', gad7: '2026-09-30' }, '2026-11-22')).toBe('2026-Q4');
    expect(pendingScreeningPeriod({ phq9: '2026-10-05', gad7: '2026-11-01' }, '2026-11-22')).toBeNull();
  });

  it('starts owing again on the first day of the next quarter, across the year end', () => {
    expect(pendingScreeningPeriod({ phq9: '2026-12-15', gad7: '2026-12-15' }, '2027-01-01')).toBe('2027-Q1');
  });

  it('names the quarter in words and says nothing about any result', () => {
    expect(screeningReminderMessage('2026-Q4')).toBe('Tiene pendiente su tamizaje de bienestar del trimestre octubre–diciembre de 2026. Puede responderlo en Mi bienestar.');
    expect(screeningReminderMessage('2027-Q1')).toContain('enero–marzo de 2027');
  });
});
