import type { AggregateInput } from '@sirem/core';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { jornadaUnitCounts } from '../db/schema/jornadas.ts';
import { badRequest, conflict, forbidden, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { jornadaById, manageScope, unitsForEntry } from './access.ts';

/**
 * A unit's own count for a day and category (work not done by residents). There is one per day and
 * category, so a correction never double-counts. Without a version the entry must be new: if one
 * already exists, the same figure again is a harmless repeat and a different one is refused with 409
 * and the stored entry. Replacing it sends the version read; a stale version is refused the same way.
 */
export async function putUnitCount(ctx: Ctx, jornadaId: number, input: AggregateInput) {
  const scope = manageScope(ctx);
  const j = await jornadaById(ctx.db, jornadaId);
  if (input.day < j.startsOn || input.day > j.endsOn) throw badRequest(`El día debe estar dentro de la Jornada (${j.startsOn} a ${j.endsOn}).`, [{ field: 'day', message: 'Fuera de la Jornada.' }]);
  if (!j.categories.includes(input.category)) throw badRequest(`La categoría ${input.category} no es meta de esta Jornada.`, [{ field: 'category', message: 'Categoría no incluida.' }]);
  if (!(await unitsForEntry(ctx.db, scope, j, [input.unitId])).has(input.unitId)) throw forbidden('La unidad no participa en la Jornada o está fuera de su ámbito.');
  const { version, ...values } = input;
  const key = and(eq(jornadaUnitCounts.jornadaId, j.id), eq(jornadaUnitCounts.unitId, input.unitId), eq(jornadaUnitCounts.day, input.day), eq(jornadaUnitCounts.category, input.category));
  return ctx.db.transaction(async (tx) => {
    const stored = async () => (await tx.select().from(jornadaUnitCounts).where(key))[0];
    if (version === undefined) {
      const [created] = await tx
        .insert(jornadaUnitCounts)
        .values({ jornadaId: j.id, ...values, enteredBy: ctx.actor.userId })
        .onConflictDoNothing({ target: [jornadaUnitCounts.jornadaId, jornadaUnitCounts.unitId, jornadaUnitCounts.day, jornadaUnitCounts.category] })
        .returning();
      if (created) {
        await recordAudit(tx, ctx, { action: 'create', entity: 'jornada_unit_count', entityId: created.id, after: created });
        return created;
      }
      const current = await stored();
      if (current && current.count === values.count && current.note === values.note) return current;
      throw conflict('version_conflict', `Ya hay una captura de la unidad para el ${input.day} en esa categoría (${current?.count ?? 0}). Revise la cifra guardada y, si quiere reemplazarla, vuelva a guardar.`, { current });
    }
    // Locked, so the audit's "before" is the row this update replaces.
    const [before] = await tx.select().from(jornadaUnitCounts).where(key).for('update');
    const [after] = await tx
      .update(jornadaUnitCounts)
      .set({ count: values.count, note: values.note, enteredBy: ctx.actor.userId, version: sql`${jornadaUnitCounts.version} + 1`, updatedAt: new Date() })
      .where(and(key, eq(jornadaUnitCounts.version, version)))
      .returning();
    if (!after) throw versionConflict((await stored()) ?? null);
    await recordAudit(tx, ctx, { action: 'update', entity: 'jornada_unit_count', entityId: after.id, before: before ?? null, after });
    return after;
  });
}
