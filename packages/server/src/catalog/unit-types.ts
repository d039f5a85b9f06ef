import { can } from '@sirem/core';
import { asc } from 'drizzle-orm';
import { unitTypes } from '../db/schema/catalog.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';

export async function listUnitTypes(ctx: Ctx) {
  if (!can(ctx.actor.grants, 'catalog.read')) throw forbidden('No tiene acceso al catálogo.');
  const items = await ctx.db.select().from(unitTypes).orderBy(asc(unitTypes.defaultLevel), asc(unitTypes.name));
  return { items };
}
