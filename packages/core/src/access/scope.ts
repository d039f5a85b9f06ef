import { type Action, ROLE_ACTIONS, type Role, SERVICE_ACTIONS, SERVICE_ROLES, type ScopeKind } from './roles.ts';

/** One role held by a user over one part of the institution; a jefe de servicio's unit grant also names the service. */
export type Grant = {
  role: Role;
  scopeKind: ScopeKind;
  ooadId: number | null;
  unitId: number | null;
  sedeId: number | null;
  serviceId: number | null;
};

/** A clinical service an actor heads, with the unit it belongs to. */
export type ServicePlace = { unitId: number; serviceId: number };

/**
 * What an action may reach for a given actor: everything, or the union of OOAD, units and sedes
 * of the grants that allow the action, plus the single services of service-scoped grants (for
 * SERVICE_ACTIONS). `none` means no grant allows it at all.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'some'; ooadIds: number[]; unitIds: number[]; sedeIds: number[]; services: ServicePlace[]; self: boolean }
  | { kind: 'none' };

export function resolveScope(grants: readonly Grant[], action: Action): Scope {
  const allowed = grants.filter((g) => ROLE_ACTIONS[g.role].includes(action));
  if (allowed.length === 0) return { kind: 'none' };
  if (allowed.some((g) => g.scopeKind === 'national')) return { kind: 'all' };
  // A service role's grant never widens to its unit for these actions: without a service (a grant
  // made before services were recorded) it reaches nothing until the administrator names one.
  const narrowed = SERVICE_ACTIONS.includes(action);
  const byService = (g: Grant) => narrowed && SERVICE_ROLES.includes(g.role);
  const wide = allowed.filter((g) => !byService(g));
  const pick = (k: 'ooadId' | 'unitId' | 'sedeId') =>
    [...new Set(wide.map((g) => g[k]).filter((v): v is number => v !== null))];
  const services = new Map<number, ServicePlace>();
  for (const g of allowed.filter(byService)) if (g.unitId !== null && g.serviceId !== null) services.set(g.serviceId, { unitId: g.unitId, serviceId: g.serviceId });
  return {
    kind: 'some',
    ooadIds: pick('ooadId'),
    unitIds: pick('unitId'),
    sedeIds: pick('sedeId'),
    services: [...services.values()],
    self: allowed.some((g) => g.scopeKind === 'self'),
  };
}

export function can(grants: readonly Grant[], action: Action): boolean {
  return resolveScope(grants, action).kind !== 'none';
}

/** Where a unit sits in the institution, for checking a scope against one row. */
export type UnitPlace = { ooadId: number; unitId: number; sedeIds?: readonly number[] };

/** Whether the scope reaches the whole unit (a headed service of it is not enough). */
export function scopeCovers(scope: Scope, place: UnitPlace): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return (
    scope.ooadIds.includes(place.ooadId) ||
    scope.unitIds.includes(place.unitId) ||
    (place.sedeIds ?? []).some((s) => scope.sedeIds.includes(s))
  );
}

/** The services of a unit the scope reaches one by one (those its actor heads). */
export function servicesInUnit(scope: Scope, unitId: number): number[] {
  return scope.kind === 'some' ? scope.services.filter((s) => s.unitId === unitId).map((s) => s.serviceId) : [];
}

/** Whether the scope reaches the unit at all: wholly, or through a service of it the actor heads. */
export function scopeReachesUnit(scope: Scope, place: UnitPlace): boolean {
  return scopeCovers(scope, place) || servicesInUnit(scope, place.unitId).length > 0;
}

/**
 * Whether the scope reaches something made for these services of a unit (a guardia roster): any
 * scope that covers the unit does; a service-scoped one only when every service is one its actor
 * heads, so a roster shared with a service headed by someone else stays out of reach.
 */
export function scopeCoversServices(scope: Scope, place: UnitPlace & { serviceIds: readonly number[] }): boolean {
  if (scopeCovers(scope, place)) return true;
  const headed = servicesInUnit(scope, place.unitId);
  return place.serviceIds.length > 0 && place.serviceIds.every((id) => headed.includes(id));
}
