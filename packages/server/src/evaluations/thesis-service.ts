import type { thesisInput } from '@sirem/core';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { theses } from '../db/schema/evaluations.ts';
import { conflict, forbidden, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { managesSede, residentOf } from './access.ts';

async function mayTouch(ctx: Ctx, residentId: number, write: boolean) {
  const resident = await residentOf(ctx.db, residentId);
  const own = resident.userId === ctx.actor.userId;
  const manager = await managesSede(ctx, resident.sedeId);
  if (!own && !manager) throw forbidden('La tesis la consultan el residente y la dirección o coordinación de su sede.');
  return { resident, manager, own, write };
}

export async function getThesis(ctx: Ctx, residentId: number) {
  await mayTouch(ctx, residentId, false);
  const [row] = await ctx.db.select().from(theses).where(eq(theses.residentId, residentId));
  return row ?? null;
}

/** The resident keeps their project up to date; only the sede's direction or coordination marks it approved. */
export async function saveThesis(ctx: Ctx, residentId: number, input: z.infer<typeof thesisInput>) {
  const { manager } = await mayTouch(ctx, residentId, true);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(theses).where(eq(theses.residentId, residentId));
    if (input.status === 'aprobada' && before?.status !== 'aprobada' && !manager) throw forbidden('Solo la dirección del curso o la coordinación registra la tesis como aprobada.');
    if (before && before.version !== input.version) throw versionConflict(before);
    const values = { title: input.title, advisorName: input.advisorName, status: input.status, milestones: input.milestones, updatedAt: new Date() };
    // The version predicate (and the unique resident on insert) decide between simultaneous saves:
    // the one that lost the race finds no row to write and hears the thesis as it now stands.
    const [after] = before
      ? await tx.update(theses).set({ ...values, version: sql`${theses.version} + 1` }).where(and(eq(theses.id, before.id), eq(theses.version, before.version))).returning()
      : await tx.insert(theses).values({ ...values, residentId }).onConflictDoNothing({ target: theses.residentId }).returning();
    if (!after) throw versionConflict((await tx.select().from(theses).where(eq(theses.residentId, residentId)))[0]);
    await recordAudit(tx, ctx, { action: before ? 'update' : 'create', entity: 'thesis', entityId: after.id, before: before ?? null, after });
    return after;
  });
}

/** Egreso requires an approved thesis or research project (DOMAIN §4.6). */
export async function assertThesisApproved(db: Db, residentId: number) {
  const [row] = await db.select({ status: theses.status }).from(theses).where(eq(theses.residentId, residentId));
  if (row?.status !== 'aprobada')
    throw conflict('thesis_required', row ? `La tesis está en estado "${row.status.replace('_', ' ')}"; debe estar aprobada antes del egreso.` : 'Para el egreso se requiere la tesis aprobada; regístrela en el seguimiento de tesis del residente.');
}
