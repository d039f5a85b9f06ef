import { type ActivityInput, isEditable, type SyncEntry } from '@sirem/core';
import { and, eq, sql } from 'drizzle-orm';
import { insertAudited, recordAudit } from '../audit/record.ts';
import { activityRecords } from '../db/schema/activity.ts';
import { AppError, conflict, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { type EntryResident, entryValues } from './entry.ts';
import { activityScope, coversResident, residentPlace } from './scope.ts';

const OUT_OF_SCOPE = 'El residente no está a su cargo: registre solo su propia actividad o la de residentes de su sede.';

/** A resident logs their own act, or a professor logs it for a resident of their sede. */
export async function createRecord(ctx: Ctx, input: ActivityInput, clientKey: string | null = null) {
  const scope = activityScope(ctx, 'activity.record');
  const authorise = (r: EntryResident) => {
    if (!coversResident(scope, ctx, r)) throw forbidden(OUT_OF_SCOPE);
  };
  // Two round trips in all (the checks, then the row with its audit row), shared with the entries
  // logged at the same moment, and no transaction: this is the hottest write.
  const values = await entryValues(ctx.db, input, { authorise });
  return insertAudited(ctx.db, ctx, activityRecords, { ...values, clientKey, recordedBy: ctx.actor.userId }, 'activity_record');
}

/**
 * Fixes a pending or returned entry; a verified one is locked. A returned entry goes back to
 * pending review. The checks read before the write; the version in the update's condition makes
 * sure nothing (a verification included) happened in between.
 */
export async function updateRecord(ctx: Ctx, id: number, input: ActivityInput & { version: number }) {
  const scope = activityScope(ctx, 'activity.record');
  const [before] = await ctx.db.select().from(activityRecords).where(eq(activityRecords.id, id));
  if (!before) throw notFound('La entrada');
  const r = await residentPlace(ctx.db, before.residentId);
  if (!coversResident(scope, ctx, r)) throw notFound('La entrada');
  if (!isEditable(before.status as 'verificada'))
    throw conflict('activity_locked', 'La entrada ya fue verificada por un profesor y no puede modificarse; si hay un error, registre una entrada nueva y avise al profesor.', { current: before });
  if (input.residentId !== before.residentId) throw new AppError(400, 'validation_error', 'Una entrada no puede pasarse a otro residente.', { errors: [{ field: 'residentId', message: 'No puede cambiarse.' }] });
  const values = await entryValues(ctx.db, input, { sedeId: before.sedeId, authorise: () => {} });
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(activityRecords)
      .set({ ...values, status: 'registrada', version: sql`${activityRecords.version} + 1`, updatedAt: new Date() })
      .where(and(eq(activityRecords.id, id), eq(activityRecords.version, input.version)))
      .returning();
    if (!after) throw versionConflict((await tx.select().from(activityRecords).where(eq(activityRecords.id, id)))[0] ?? before);
    await recordAudit(tx, ctx, { action: 'update', entity: 'activity_record', entityId: id, before, after });
    return after;
  });
}

/** A professor of the resident's sede verifies (locks) or returns an entry with what to correct. */
export async function reviewRecord(ctx: Ctx, id: number, review: { decision: 'verificada' | 'devuelta'; comment: string | null; version: number }) {
  const scope = activityScope(ctx, 'activity.verify');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(activityRecords).where(eq(activityRecords.id, id));
    if (!before) throw notFound('La entrada');
    const r = await residentPlace(tx, before.residentId);
    if (r.userId === ctx.actor.userId || !coversResident(scope, ctx, r)) throw forbidden('Solo un profesor de la sede del residente revisa sus entradas.');
    if (before.status === 'verificada') throw conflict('activity_locked', 'La entrada ya fue verificada.', { current: before });
    const [after] = await tx
      .update(activityRecords)
      .set({ status: review.decision, reviewComment: review.comment, reviewedBy: ctx.actor.userId, reviewedAt: new Date(), version: sql`${activityRecords.version} + 1`, updatedAt: new Date() })
      .where(and(eq(activityRecords.id, id), eq(activityRecords.version, review.version)))
      .returning();
    if (!after) throw versionConflict(before);
    await recordAudit(tx, ctx, { action: review.decision === 'verificada' ? 'verify' : 'return', entity: 'activity_record', entityId: id, before, after });
    return after;
  });
}

export type SyncResult = { clientKey: string; status: 'created' | 'duplicate' | 'rejected'; id?: number; code?: string; detail?: string };

/**
 * Entries queued offline arrive in batches and may arrive twice (a sync cut off after the server
 * answered). Each entry is its own transaction keyed by (resident, client key): a replay answers
 * `duplicate` with the stored id, and one bad entry does not hold back the others.
 */
export async function syncRecords(ctx: Ctx, entries: SyncEntry[]): Promise<SyncResult[]> {
  const scope = activityScope(ctx, 'activity.record');
  const results: SyncResult[] = [];
  for (const { clientKey, ...input } of entries) {
    // Only someone who may record for this resident learns whether a key is already stored.
    const covered = await residentPlace(ctx.db, input.residentId).then((r) => coversResident(scope, ctx, r), () => false);
    const existing = covered ? await findByKey(ctx, input.residentId, clientKey) : null;
    if (existing) {
      results.push({ clientKey, status: 'duplicate', id: existing });
      continue;
    }
    try {
      const row = await createRecord(ctx, input, clientKey);
      results.push({ clientKey, status: 'created', id: row.id });
    } catch (error) {
      const raced = covered ? await findByKey(ctx, input.residentId, clientKey) : null;
      if (raced) results.push({ clientKey, status: 'duplicate', id: raced });
      else if (error instanceof AppError) results.push({ clientKey, status: 'rejected', code: error.code, detail: error.message });
      else throw error;
    }
  }
  return results;
}

async function findByKey(ctx: Ctx, residentId: number, clientKey: string) {
  const [row] = await ctx.db.select({ id: activityRecords.id }).from(activityRecords).where(and(eq(activityRecords.residentId, residentId), eq(activityRecords.clientKey, clientKey)));
  return row?.id ?? null;
}
