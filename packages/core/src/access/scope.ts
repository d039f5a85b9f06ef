import { type Action, ROLE_ACTIONS, type Role, type ScopeKind } from './roles.ts';

/** One role held by a user over one part of the institution. */
export type Grant = {
  role: Role;
  scopeKind: ScopeKind;
  ooadId: number | null;
  unitId: number | null;
  sedeId: number | null;
};

/**
 * What an action may reach for a given actor: everything, or the union of OOAD, units and sedes
 * of the grants that allow the action. `none` means no grant allows it at all.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'some'; ooadIds: number[]; unitIds: number[]; sedeIds: number[]; self: boolean }
  | { kind: 'none' };

export function resolveScope(grants: readonly Grant[], action: Action): Scope {
  const allowed = grants.filter((g) => ROLE_ACTIONS[g.role].includes(action));
  if (allowed.length === 0) return { kind: 'none' };
  if (allowed.some((g) => g.scopeKind === 'national')) return { kind: 'all' };
  const pick = (k: 'ooadId' | 'unitId' | 'sedeId') =>
    [...new Set(allowed.map((g) => g[k]).filter((v): v is number => v !== null))];
  return {
    kind: 'some',
    ooadIds: pick('ooadId'),
    unitIds: pick('unitId'),
    sedeIds: pick('sedeId'),
    self: allowed.some((g) => g.scopeKind === 'self'),
  };
}

export function can(grants: readonly Grant[], action: Action): boolean {
  return resolveScope(grants, action).kind !== 'none';
}

/** Where a unit sits in the institution, for checking a scope against one row. */
export type UnitPlace = { ooadId: number; unitId: number; sedeIds?: readonly number[] };

export function scopeCovers(scope: Scope, place: UnitPlace): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return (
    scope.ooadIds.includes(place.ooadId) ||
    scope.unitIds.includes(place.unitId) ||
    (place.sedeIds ?? []).some((s) => scope.sedeIds.includes(s))
  );
}
