import { describe, expect, it } from 'vitest';
import { reminderDue } from './tutoring.ts';

describe('action plan reminders', () => {
  const plan = { status: 'abierto', dueOn: '2026-12-10', remindedOn: null };
  it('reminds within three days of the due date and when already late', () => {
    expect(reminderDue(plan, '2026-12-06')).toBe(false);
    expect(reminderDue(plan, '2026-12-07')).toBe(true);
    expect(reminderDue(plan, '2026-12-15')).toBe(true);
  });
  it('reminds once, and never for closed plans', () => {
    expect(reminderDue({ ...plan, remindedOn: '2026-12-07' }, '2026-12-08')).toBe(false);
    expect(reminderDue({ ...plan, status: 'cumplido' }, '2026-12-09')).toBe(false);
  });
});
