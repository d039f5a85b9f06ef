import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLE_ACTIONS, ROLE_SCOPES, ROLES, type Role } from './roles.ts';
import { grantInput } from './schemas.ts';
import { type Grant, type Scope, can, resolveScope, scopeCovers, scopeCoversServices, scopeReachesUnit } from './scope.ts';

const JALISCO = 13;
const NUEVO_LEON = 17;
const grant = (role: Role, scope: Partial<Grant> = {}): Grant => ({
  role,
  scopeKind: ROLE_SCOPES[role][0],
  ooadId: null,
  unitId: null,
  sedeId: null,
  serviceId: null,
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
    expect(resolveScope([grant('coordinador_ooad', { ooadId: JALISCO })], 'unit.manage')).toEqual({ kind: 'some', ooadIds: [JALISCO], unitIds: [], sedeIds: [], services: [], self: false });
    expect(resolveScope([grant('coordinador_educacion', { unitId: 7 })], 'sede.manage')).toEqual({ kind: 'some', ooadIds: [], unitIds: [7], sedeIds: [], services: [], self: false });
  });

  it('unites the places of several grants, without repeats', () => {
    const grants = [grant('coordinador_ooad', { ooadId: JALISCO }), grant('coordinador_ooad', { ooadId: NUEVO_LEON }), grant('coordinador_ooad', { ooadId: JALISCO }), grant('coordinador_educacion', { unitId: 3 })];
    expect(resolveScope(grants, 'sede.manage')).toEqual({ kind: 'some', ooadIds: [JALISCO, NUEVO_LEON], unitIds: [3], sedeIds: [], services: [], self: false });
  });

  it('counts only the grants that allow the action: a resident who also coordinates a unit manages sedes of that unit only', () => {
    const grants = [grant('residente'), grant('coordinador_educacion', { unitId: 5 })];
    expect(resolveScope(grants, 'sede.manage')).toEqual({ kind: 'some', ooadIds: [], unitIds: [5], sedeIds: [], services: [], self: false });
    expect(resolveScope(grants, 'catalog.read')).toMatchObject({ kind: 'some', unitIds: [5], self: true });
    expect(resolveScope(grants, 'unit.manage')).toEqual({ kind: 'none' });
  });

  it('marks a resident reading as "self", which reaches no OOAD, unit or sede', () => {
    expect(resolveScope([grant('residente')], 'catalog.read')).toEqual({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [], services: [], self: true });
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
    expect(scopeCovers({ kind: 'some', ooadIds: [JALISCO], unitIds: [], sedeIds: [], services: [], self: false }, hospital)).toBe(true);
    expect(scopeCovers({ kind: 'some', ooadIds: [], unitIds: [40], sedeIds: [], services: [], self: false }, hospital)).toBe(true);
    expect(scopeCovers({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [901], services: [], self: false }, hospital)).toBe(true);
  });

  it('does not cover a unit of another OOAD', () => {
    expect(scopeCovers({ kind: 'some', ooadIds: [NUEVO_LEON], unitIds: [41], sedeIds: [902], services: [], self: false }, hospital)).toBe(false);
    expect(scopeCovers({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [], services: [], self: true }, hospital)).toBe(false);
    expect(scopeCovers({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [900], services: [], self: false }, { ooadId: JALISCO, unitId: 40 })).toBe(false);
  });

  it('covers everything for a national scope and nothing for none', () => {
    expect(scopeCovers({ kind: 'all' }, hospital)).toBe(true);
    expect(scopeCovers({ kind: 'none' }, hospital)).toBe(false);
  });
});

describe('a jefe de servicio heads one service of a unit', () => {
  const URGENCIAS = 301;
  const MEDICINA_INTERNA = 302;
  const unit40 = { ooadId: JALISCO, unitId: 40 };
  const jefe = grant('jefe_servicio', { unitId: 40, serviceId: URGENCIAS });
  const guards = (grants: Grant[]): Scope => resolveScope(grants, 'guards.manage');

  it('reaches only that service for guard management, and the whole unit for reading', () => {
    expect(guards([jefe])).toEqual({ kind: 'some', ooadIds: [], unitIds: [], sedeIds: [], services: [{ unitId: 40, serviceId: URGENCIAS }], self: false });
    expect(resolveScope([jefe], 'catalog.read')).toEqual({ kind: 'some', ooadIds: [], unitIds: [40], sedeIds: [], services: [], self: false });
    expect(scopeCovers(resolveScope([jefe], 'people.read'), unit40)).toBe(true);
    expect(scopeCovers(guards([jefe]), unit40)).toBe(false);
  });

  it('covers a roster of their service only, not one shared with another service, another service, or another unit', () => {
    const scope = guards([jefe]);
    expect(scopeCoversServices(scope, { ...unit40, serviceIds: [URGENCIAS] })).toBe(true);
    expect(scopeCoversServices(scope, { ...unit40, serviceIds: [URGENCIAS, MEDICINA_INTERNA] })).toBe(false);
    expect(scopeCoversServices(scope, { ...unit40, serviceIds: [MEDICINA_INTERNA] })).toBe(false);
    expect(scopeCoversServices(scope, { ...unit40, serviceIds: [] })).toBe(false);
    // The same service id claimed for another unit is not theirs.
    expect(scopeCoversServices(scope, { ooadId: JALISCO, unitId: 41, serviceIds: [URGENCIAS] })).toBe(false);
  });

  it('reaches the unit for listing, through the service, but not another unit', () => {
    expect(scopeReachesUnit(guards([jefe]), unit40)).toBe(true);
    expect(scopeReachesUnit(guards([jefe]), { ooadId: JALISCO, unitId: 41 })).toBe(false);
  });

  it('covers a shared roster when heading both services, and anything in the unit when also coordinating it', () => {
    const both = guards([jefe, grant('jefe_servicio', { unitId: 40, serviceId: MEDICINA_INTERNA })]);
    expect(scopeCoversServices(both, { ...unit40, serviceIds: [MEDICINA_INTERNA, URGENCIAS] })).toBe(true);
    const coordinating = guards([jefe, grant('coordinador_educacion', { unitId: 40 })]);
    expect(scopeCoversServices(coordinating, { ...unit40, serviceIds: [MEDICINA_INTERNA] })).toBe(true);
    expect(scopeCoversServices({ kind: 'all' }, { ...unit40, serviceIds: [MEDICINA_INTERNA] })).toBe(true);
    expect(scopeCoversServices({ kind: 'none' }, { ...unit40, serviceIds: [URGENCIAS] })).toBe(false);
    expect(scopeCoversServices(guards([grant('coordinador_ooad', { ooadId: JALISCO })]), { ...unit40, serviceIds: [MEDICINA_INTERNA] })).toBe(true);
  });

  it('reaches no roster with a grant that names no service', () => {
    const scope = guards([grant('jefe_servicio', { unitId: 40 })]);
    expect(scope).toMatchObject({ kind: 'some', unitIds: [], services: [] });
    expect(scopeReachesUnit(scope, unit40)).toBe(false);
    expect(scopeCoversServices(scope, { ...unit40, serviceIds: [URGENCIAS] })).toBe(false);
  });
});

describe('the grant of a jefe de servicio', () => {
  const issues = (input: unknown) => {
    const parsed = grantInput.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  it('names the service it heads', () => {
    expect(issues({ role: 'jefe_servicio', scopeKind: 'unit', unitId: 40 })).toEqual([['serviceId', 'Indique el servicio que encabeza.']]);
    expect(issues({ role: 'jefe_servicio', scopeKind: 'unit', unitId: 40, serviceId: null })).toEqual([['serviceId', 'Indique el servicio que encabeza.']]);
    expect(issues({ role: 'jefe_servicio', scopeKind: 'unit', unitId: 40, serviceId: 301 })).toEqual([]);
  });

  it('is the only grant that names a service', () => {
    expect(issues({ role: 'coordinador_educacion', scopeKind: 'unit', unitId: 40, serviceId: 301 })).toEqual([['serviceId', 'Solo el rol de jefe de servicio se asigna a un servicio.']]);
    expect(issues({ role: 'coordinador_educacion', scopeKind: 'unit', unitId: 40, serviceId: null })).toEqual([]);
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
