import { describe, expect, it } from 'vitest';
import { blockedByElsewhere, type GuardElsewhere, weeklyOverElsewhere } from '../src/guards/elsewhere.ts';

/**
 * The weekly maximum counts a resident's guardias in every published roster. With the seeded rule
 * sets the spacing rule already implies it; an institution's stricter maximum (one a week) does not.
 */
const other = (date: string): GuardElsewhere => ({ date, type: 'weekday', rosterId: 7, unitId: 3, groupKey: '12', month: date.slice(0, 7), label: 'HGZ 14 · Urgencias adultos (2026-06)' });
const names = new Map([[41, 'Ana Guardia']]);

describe('guardias per week across rosters', () => {
  it('blocks the rest of a week whose guardias elsewhere already reach the maximum, and only that week', () => {
    const june = Array.from({ length: 14 }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`);
    // Monday 1 June to Sunday 7 June is one week; 8 June starts the next.
    const blocked = blockedByElsewhere(june, [other('2026-06-02')], 0, 1);
    expect(blocked).toEqual(june.slice(0, 7));
    expect(blockedByElsewhere(june, [other('2026-06-02')], 0, 2)).toEqual(['2026-06-02']);
  });

  it('refuses a roster that, with another published roster, passes the weekly maximum, naming that roster', () => {
    const elsewhere = new Map([[41, [other('2026-06-02')]]]);
    const [v, ...rest] = weeklyOverElsewhere([{ residentId: 41, date: '2026-06-06' }], elsewhere, 1, names);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ rule: 'weekly_guards', residentId: 41, dates: ['2026-06-02', '2026-06-06'] });
    expect(v?.message).toContain('Ana Guardia tendría 2 guardias la semana del 2026-06-02');
    expect(v?.message).toContain('HGZ 14 · Urgencias adultos (2026-06)');
    // The next week, or a maximum of two, is within the rule.
    expect(weeklyOverElsewhere([{ residentId: 41, date: '2026-06-09' }], elsewhere, 1, names)).toEqual([]);
    expect(weeklyOverElsewhere([{ residentId: 41, date: '2026-06-06' }], elsewhere, 2, names)).toEqual([]);
  });
});
