import { type Scope, resolveScope } from '@sirem/core';
import { type SQL, and, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { sedes, units } from '../db/schema/catalog.ts';
import { persons } from '../db/schema/people.ts';
import { wellbeingAlerts, wellbeingScreenings } from '../db/schema/wellbeing.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { conflict, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { chainOf, outsideChain } from './liaison-chain.ts';
import { ALERT_STATUSES, type alertUpdate } from '@sirem/core';

export const alertQuery = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

function liaisonScope(ctx: Ctx): Scope {
  const scope = resolveScope(ctx.actor.grants, 'wellbeing.followup');
  if (scope.kind === 'none') throw forbidden('Las alertas de bienestar son confidenciales: solo las atiende el enlace de salud mental.');
  return scope;
}

const inScope = (scope: Scope): SQL | undefined =>
  scope.kind === 'all' ? undefined : scope.kind === 'some' && scope.ooadIds.length ? inArray(wellbeingAlerts.ooadId, scope.ooadIds) : sql`false`;

/** Newest first, by id, leaving out residents in the liaison's own teaching or managing chain; the list names people, so reading it is audited. */
export async function listAlerts(ctx: Ctx, q: z.infer<typeof alertQuery>) {
  const scope = liaisonScope(ctx);
  const chain = await chainOf(ctx.db, ctx.actor.userId);
  const before = q.cursor ? decodeCursor(q.cursor)[1] : undefined;
  const rows = await ctx.db
    .select({
      id: wellbeingAlerts.id, personId: wellbeingAlerts.personId, status: wellbeingAlerts.status, note: wellbeingAlerts.note, version: wellbeingAlerts.version, createdAt: wellbeingAlerts.createdAt,
      fullName: sql<string>`${persons.givenNames} || ' ' || ${persons.firstSurname} || coalesce(' ' || ${persons.secondSurname}, '')`,
      phone: persons.phone, email: persons.email, unit: units.name, score: wellbeingScreenings.score, band: wellbeingScreenings.band,
    })
    .from(wellbeingAlerts)
    .innerJoin(persons, eq(persons.id, wellbeingAlerts.personId))
    .innerJoin(wellbeingScreenings, eq(wellbeingScreenings.id, wellbeingAlerts.screeningId))
    .leftJoin(sedes, eq(sedes.id, wellbeingScreenings.sedeId))
    .leftJoin(units, eq(units.id, sedes.unitId))
    .where(and(inScope(scope), outsideChain(chain), q.status ? eq(wellbeingAlerts.status, q.status) : undefined, before ? lt(wellbeingAlerts.id, before) : undefined))
    .orderBy(sql`${wellbeingAlerts.id} desc`)
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  await recordAudit(ctx.db, ctx, { action: 'read', entity: 'wellbeing_alerts', entityId: null, after: { alertIds: items.map((i) => i.id) } });
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id, last.id) : null };
}

export async function updateAlert(ctx: Ctx, id: number, input: z.infer<typeof alertUpdate>) {
  const scope = liaisonScope(ctx);
  const chain = await chainOf(ctx.db, ctx.actor.userId);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(wellbeingAlerts).where(and(eq(wellbeingAlerts.id, id), inScope(scope), outsideChain(chain)));
    if (!before) throw notFound('La alerta');
    if (before.status === 'cerrada' && input.status !== 'cerrada') throw conflict('alert_closed', 'La alerta ya está cerrada; si hay una nueva situación, se abrirá otra alerta.');
    const [after] = await tx
      .update(wellbeingAlerts)
      .set({ status: input.status, note: input.note ?? before.note, handledBy: ctx.actor.userId, updatedAt: new Date(), version: sql`${wellbeingAlerts.version} + 1` })
      .where(and(eq(wellbeingAlerts.id, id), eq(wellbeingAlerts.version, input.version)))
      .returning();
    if (!after) throw versionConflict(before);
    // The note may hold clinical detail: the audit keeps the status change only.
    await recordAudit(tx, ctx, { action: 'update', entity: 'wellbeing_alert', entityId: id, before: { status: before.status, version: before.version }, after: { status: after.status, version: after.version } });
    return after;
  });
}
