import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLE_ACTIONS, ROLE_SCOPES, ROLES, type Role } from './roles.ts';
import { type Grant, can, resolveScope, scopeCovers } from './scope.ts';

const JALISCO = 13;
const NUEVO_LEON = 17;
const grant = (role: Role, scope: Partial<Grant> = {}): Grant => ({
  role,
  scopeKind: ROLE_SCOPES[role][0],
  ooadId: null,
  unitId: null,
  sedeId: null,
  ...scope,
});

describe('resolving what an actor may reach', () => {
  it('gives nothing when no grant allows the action', () => {
    expect(resolveScope([], 'catalog.read')).toEqual({ kind: 'none' });
    expect(resolveScope([grant('residente')], 'unit.manage')).toEqual({ kind: 'none' });
  });

  it('gives everything to a national grant that allows the action', () => {
    expect(resolveScope([grant('nivel_central')], 'unit.manage')).toEqual({ kind: 'all' });
    expect(resolveScope([grant('coordinador_ooad', { ooadId: JALISCO }), grant('administrador')], 'sede.manage')).toEqual({ kind: 'all' });
  });

  it('limits an OOAD coordinator to the OOAD, and a unit coordinator to the unit', () => {
    expect(resolveScope([grant('coordinador_ooad', { ooadId: JALISCO })], 'unit.manage')).toEqual({ kind: 'some', ooadIds: [JALISCO], unitIds: [], sedeIds: [], self: false });
    expect(resolveScope([grant('coordinador_educacion', { unitId: 7 })], 'sede.manage')).toEqual({ kind: 'some', ooadIds: [], unitIds: [7], sedeIds: [], self: false });
  });

  it('unites the places of several grants, without repeats', () => {
    const grants = [grant('coordinador_ooad', { ooadId: JALISCO }), grant('coordinador_ooad', { ooadId: NUEVO_LEON }), grant('coordinador_ooad', { ooadId: JALISCO }), grant('coordinador_educacion', { unitId: 3 })];
    expect(resolveScope(grants, 'sede.manage')).toEqual({ kind: 'some', ooadIds: [JALISCO, NUEVO_LEON], unitIds: [3], sedeIds: [], self: false });
  });

  it('counts only the grants that allow the action: a resident who also coordinates a unit manages sedes of that unit only', () => {
    const grants = [grant('residente'), grant('coordinador_educacion', { unitId: 5 })];
    expect(resolveScope(grants, 'sede.manage')).toEqual({ kind: 'some', ooadIds: [], unitIds: [5], sedeIds: [], self: false });
    expect(resolveScope(grants, 'catalog.read')).toMatchObject({ kind: 'some', unitIds: [5], self: true });
    expect(resolveScope(grants, 'unit.manage')).toEqual({ kind: 'none' });
  });

  it('marks a resident reading as "self", which reaches no OOAD, unit or sede', () => {
    expect(resolveScope([grant('residente')], 'catalog.read')).toEqual({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [], self: true });
  });
});

describe('can', () => {
  it('tells whether any grant allows an action, wherever it applies', () => {
    expect(can([grant('residente')], 'catalog.read')).toBe(true);
    expect(can([grant('residente')], 'catalog.manage')).toBe(false);
    expect(can([grant('coordinador_educacion', { unitId: 1 })], 'sede.manage')).toBe(true);
    expect(can([grant('nivel_central')], 'users.manage')).toBe(false);
    expect(can([grant('administrador')], 'audit.read')).toBe(true);
    expect(can([], 'catalog.read')).toBe(false);
  });
});

describe('scopeCovers', () => {
  const hospital = { ooadId: JALISCO, unitId: 40, sedeIds: [900, 901] };

  it('covers a unit of the actor\'s OOAD, the actor\'s unit, or a unit holding the actor\'s sede', () => {
    expect(scopeCovers({ kind: 'some', ooadIds: [JALISCO], unitIds: [], sedeIds: [], self: false }, hospital)).toBe(true);
    expect(scopeCovers({ kind: 'some', ooadIds: [], unitIds: [40], sedeIds: [], self: false }, hospital)).toBe(true);
    expect(scopeCovers({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [901], self: false }, hospital)).toBe(true);
  });

  it('does not cover a unit of another OOAD', () => {
    expect(scopeCovers({ kind: 'some', ooadIds: [NUEVO_LEON], unitIds: [41], sedeIds: [902], self: false }, hospital)).toBe(false);
    expect(scopeCovers({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [], self: true }, hospital)).toBe(false);
    expect(scopeCovers({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [900], self: false }, { ooadId: JALISCO, unitId: 40 })).toBe(false);
  });

  it('covers everything for a national scope and nothing for none', () => {
    expect(scopeCovers({ kind: 'all' }, hospital)).toBe(true);
    expect(scopeCovers({ kind: 'none' }, hospital)).toBe(false);
  });
});

describe('the role table', () => {
  it('gives every role at least one scope kind and only known actions', () => {
    for (const role of ROLES) {
      expect(ROLE_SCOPES[role].length, role).toBeGreaterThan(0);
      for (const action of ROLE_ACTIONS[role]) expect(ACTIONS, role).toContain(action);
    }
  });

  it('lets every role read the catalogue, and only the administrator manage users and read the audit', () => {
    for (const role of ROLES) {
      expect(ROLE_ACTIONS[role], role).toContain('catalog.read');
      expect(ROLE_ACTIONS[role].includes('users.manage'), role).toBe(role === 'administrador');
      expect(ROLE_ACTIONS[role].includes('audit.read'), role).toBe(role === 'administrador');
    }
  });

  it('keeps individual health data and conduct cases away from directors, coordinators and the administrator', () => {
    for (const role of ROLES) {
      expect(ROLE_ACTIONS[role].includes('wellbeing.followup'), role).toBe(role === 'enlace_salud_mental');
      expect(ROLE_ACTIONS[role].includes('conduct.cases'), role).toBe(role === 'comite_etica');
    }
  });

  it('grants residents only over themselves and national roles only nationally', () => {
    expect(ROLE_SCOPES.residente).toEqual(['self']);
    expect(ROLE_SCOPES.nivel_central).toEqual(['national']);
    expect(ROLE_SCOPES.administrador).toEqual(['national']);
  });
});
