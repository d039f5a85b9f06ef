import { describe, expect, it } from 'vitest';
import { checkTransitionDate, type TransitionDateFacts } from './transition-dates.ts';

const cycle = { code: '2026-2027', startsOn: '2026-03-01', endsOn: '2027-02-28' };
const active: TransitionDateFacts = { fromStatus: 'activo', latest: { kind: 'inicio', occurredOn: '2026-03-01' }, cycle, next: { code: '2027-2028', startsOn: '2027-03-01' } };

describe('transition dates', () => {
  it('refuses a date before the latest event, naming both dates', () => {
    const r = checkTransitionDate('baja', '2026-05-31', { ...active, latest: { kind: 'licencia', occurredOn: '2026-06-01' } });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/31\/05\/2026.*licencia, 01\/06\/2026/) });
    expect(checkTransitionDate('baja', '2026-06-01', { ...active, latest: { kind: 'licencia', occurredOn: '2026-06-01' } }).ok).toBe(true);
  });

  it('dates the annual promotion and repetition on 1 March of the next cycle only', () => {
    expect(checkTransitionDate('promocion', '2027-03-01', active).ok).toBe(true);
    expect(checkTransitionDate('promocion', '2027-02-15', active)).toEqual({ ok: false, message: expect.stringContaining('01/03/2027') });
    expect(checkTransitionDate('repeticion', '2027-03-02', active).ok).toBe(false);
  });

  it('keeps an active resident’s movements inside their cycle', () => {
    expect(checkTransitionDate('licencia', '2027-03-01', active)).toEqual({ ok: false, message: expect.stringContaining('28/02/2027') });
    expect(checkTransitionDate('inicio', '2026-02-27', { ...active, fromStatus: 'alta', latest: null }).ok).toBe(false);
    expect(checkTransitionDate('egreso', '2027-02-28', active).ok).toBe(true);
  });

  it('lets a resident on leave return after their cycle, up to the end of the following one', () => {
    const onLeave = { ...active, fromStatus: 'licencia' as const, latest: { kind: 'licencia', occurredOn: '2027-01-10' } };
    expect(checkTransitionDate('reintegro', '2027-09-01', onLeave).ok).toBe(true);
    expect(checkTransitionDate('reintegro', '2028-02-29', onLeave).ok).toBe(true);
    expect(checkTransitionDate('baja', '2028-03-01', onLeave)).toEqual({ ok: false, message: expect.stringContaining('29/02/2028') });
  });
});
