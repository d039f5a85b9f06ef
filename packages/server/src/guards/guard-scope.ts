import { resolveScope, scopeCovers, scopeCoversServices, servicesInUnit } from '@sirem/core';
import { eq, sql } from 'drizzle-orm';
import { units } from '../db/schema/catalog.ts';
import { rosters } from '../db/schema/guards.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

/** The actor's reach for guard management; refused outright when no grant allows it. */
export function guardScope(ctx: Ctx) {
  const scope = resolveScope(ctx.actor.grants, 'guards.manage');
  if (scope.kind === 'none') throw forbidden('No tiene permiso para elaborar roles de guardia.');
  return scope;
}

/**
 * How far the actor reaches into a unit's guardias: `headed` is null when they reach the whole
 * unit (its coordination and above), or the services of the unit they head as jefe de servicio;
 * a unit they reach neither way is refused.
 */
export async function unitReach(ctx: Ctx, unitId: number) {
  const scope = guardScope(ctx);
  const [unit] = await ctx.db.select({ id: units.id, ooadId: units.ooadId }).from(units).where(eq(units.id, unitId));
  if (!unit) throw notFound('La unidad');
  const place = { ooadId: unit.ooadId, unitId: unit.id };
  if (scopeCovers(scope, place)) return { scope, place, headed: null };
  const headed = servicesInUnit(scope, unitId);
  if (!headed.length) throw forbidden(unheaded(ctx, unitId) ?? 'La unidad está fuera de su ámbito.');
  return { scope, place, headed };
}

/** A jefe de servicio whose grant on this unit names no service is told what is missing. */
function unheaded(ctx: Ctx, unitId: number) {
  const bare = ctx.actor.grants.some((g) => g.role === 'jefe_servicio' && g.unitId === unitId && g.serviceId === null);
  return bare ? 'Su rol de jefe de servicio no indica qué servicio encabeza; pida al administrador que lo asigne.' : null;
}

/** Keeps, in SQL, the rosters made only of the services the actor heads (nothing to keep out when they reach the whole unit). */
export function rostersWithin(headed: number[] | null) {
  if (!headed) return undefined;
  return sql`${rosters.serviceIds} <@ array[${sql.join(headed.map((id) => sql`${id}::int`), sql`, `)}]::int[]`;
}

/**
 * A roster belongs to a unit's services: a jefe de servicio reaches it only when every one of them
 * is a service they head, so a roster shared with another service is for its coordination.
 */
export async function assertRosterInScope(ctx: Ctx, roster: { unitId: number; serviceIds: number[] }) {
  const { scope, place } = await unitReach(ctx, roster.unitId);
  if (!scopeCoversServices(scope, { ...place, serviceIds: roster.serviceIds }))
    throw forbidden('Este rol de guardias incluye servicios que usted no encabeza; lo atiende la coordinación de educación de la unidad.');
}
