import type { AggregateInput } from '@sirem/core';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { jornadaUnitCounts } from '../db/schema/jornadas.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { jornadaById, manageScope, unitsForEntry } from './access.ts';

/**
 * A unit's own count for a day and category (work not done by residents). Entering it again for
 * the same day and category replaces the figure, so a correction never double-counts.
 */
export async function putUnitCount(ctx: Ctx, jornadaId: number, input: AggregateInput) {
  const scope = manageScope(ctx);
  const j = await jornadaById(ctx.db, jornadaId);
  if (input.day < j.startsOn || input.day > j.endsOn) throw badRequest(`El día debe estar dentro de la Jornada (${j.startsOn} a ${j.endsOn}).`, [{ field: 'day', message: 'Fuera de la Jornada.' }]);
  if (!j.categories.includes(input.category)) throw badRequest(`La categoría ${input.category} no es meta de esta Jornada.`, [{ field: 'category', message: 'Categoría no incluida.' }]);
  if (!(await unitsForEntry(ctx.db, scope, j, [input.unitId])).has(input.unitId)) throw forbidden('La unidad no participa en la Jornada o está fuera de su ámbito.');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(jornadaUnitCounts).where(and(eq(jornadaUnitCounts.jornadaId, j.id), eq(jornadaUnitCounts.unitId, input.unitId), eq(jornadaUnitCounts.day, input.day), eq(jornadaUnitCounts.category, input.category)));
    const [after] = await tx
      .insert(jornadaUnitCounts)
      .values({ jornadaId: j.id, ...input, enteredBy: ctx.actor.userId })
      .onConflictDoUpdate({ target: [jornadaUnitCounts.jornadaId, jornadaUnitCounts.unitId, jornadaUnitCounts.day, jornadaUnitCounts.category], set: { count: input.count, note: input.note, enteredBy: ctx.actor.userId, version: sql`${jornadaUnitCounts.version} + 1`, updatedAt: new Date() } })
      .returning();
    await recordAudit(tx, ctx, { action: before ? 'update' : 'create', entity: 'jornada_unit_count', entityId: after.id, before: before ?? null, after });
    return after;
  });
}
