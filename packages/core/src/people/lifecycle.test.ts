import { describe, expect, it } from 'vitest';
import { checkTransition, promotionOutcome } from './lifecycle.ts';

describe('resident lifecycle', () => {
  it('promotes an active R2 of a 4-year specialty to R3', () => {
    expect(checkTransition('promocion', { status: 'activo', grade: 2 }, 4)).toEqual({ ok: true, to: 'activo', grade: 3 });
  });

  it('refuses to promote beyond the specialty duration and points to egreso', () => {
    const r = checkTransition('promocion', { status: 'activo', grade: 3 }, 3);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('egreso') });
  });

  it('lets only the last grade graduate', () => {
    expect(checkTransition('egreso', { status: 'activo', grade: 2 }, 3).ok).toBe(false);
    expect(checkTransition('egreso', { status: 'activo', grade: 3 }, 3)).toMatchObject({ ok: true, to: 'egresado' });
  });

  it('refuses transitions from the wrong status, saying why', () => {
    expect(checkTransition('reintegro', { status: 'activo', grade: 1 }, 3)).toMatchObject({ ok: false, message: expect.stringContaining('activo') });
    expect(checkTransition('baja', { status: 'egresado', grade: 3 }, 3).ok).toBe(false);
    expect(checkTransition('contratacion', { status: 'activo', grade: 3 }, 3).ok).toBe(false);
  });

  it('sorts a bulk promotion into promoted, repeating and graduating residents', () => {
    expect(promotionOutcome({ status: 'activo', grade: 1 }, 3)).toBe('promueve');
    expect(promotionOutcome({ status: 'activo', grade: 3 }, 3)).toBe('egresa');
    expect(promotionOutcome({ status: 'activo', grade: 2, repeat: true }, 3)).toBe('repite');
    expect(promotionOutcome({ status: 'licencia', grade: 2 }, 3)).toBe('sin_cambio');
  });
});
