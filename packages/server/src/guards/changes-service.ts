import { type Assignment, can, checkRoster, type RosterInstance } from '@sirem/core';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { guardSwaps, notifications, rosters } from '../db/schema/guards.ts';
import { persons, residents } from '../db/schema/people.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { notifyChanges, rosterDiff } from './notify.ts';
import { getRoster } from './rosters-service.ts';

type Row = typeof rosters.$inferSelect;

/** Starts a new draft version from a published roster; the published one stays as it is. */
export async function reviseRoster(ctx: Ctx, id: number) {
  const current = await getRoster(ctx, id);
  if (current.status !== 'published') throw conflict('roster_not_published', 'Solo se crea una nueva versión a partir del rol publicado vigente.');
  const [row] = await ctx.db.transaction(async (tx) => {
    const [{ version }] = await tx.select({ version: rosters.version }).from(rosters).where(and(eq(rosters.unitId, current.unitId), eq(rosters.groupKey, current.groupKey), eq(rosters.month, current.month))).orderBy(desc(rosters.version)).limit(1) as [{ version: number }];
    const created = await tx.insert(rosters).values({ ...withoutId(current), version: version + 1, status: 'draft', revision: 0, publishedAt: null, createdBy: ctx.actor.userId }).returning({ id: rosters.id });
    await recordAudit(tx, ctx, { action: 'revise', entity: 'roster', entityId: created[0]?.id ?? null, after: { from: id } });
    return created;
  });
  return getRoster(ctx, row?.id as number);
}

const withoutId = (r: Row & Record<string, unknown>) => ({
  unitId: r.unitId, groupKey: r.groupKey, serviceIds: r.serviceIds, month: r.month, ruleSetCode: r.ruleSetCode, params: r.params, coverage: r.coverage,
  assignments: r.assignments, instance: r.instance, report: r.report, seed: r.seed,
});

export const swapInput = z.object({
  rosterId: z.number().int().positive(),
  myDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  partnerResidentId: z.number().int().positive(),
  partnerDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

function swapped(assignments: Assignment[], a: { residentId: number; date: string }, b: { residentId: number; date: string }) {
  return assignments.map((x) =>
    x.residentId === a.residentId && x.date === a.date ? { residentId: a.residentId, date: b.date }
    : x.residentId === b.residentId && x.date === b.date ? { residentId: b.residentId, date: a.date }
    : x,
  );
}

/** Checks a swap against every rule for the two residents involved; the first broken rule is cited. */
function assertSwapKeepsRules(instance: RosterInstance, before: Assignment[], after: Assignment[], ids: number[]) {
  const mine = (list: Assignment[]) => checkRoster(instance, list).filter((v) => v.residentId !== null && ids.includes(v.residentId));
  const already = new Set(mine(before).map((v) => v.message));
  const broken = mine(after).filter((v) => !already.has(v.message));
  if (broken.length) throw conflict('swap_breaks_rules', `El intercambio no procede: ${broken[0]?.message}`, { errors: broken.map((v) => ({ field: v.rule, message: v.message })) });
}

/** A resident asks to exchange one of their published guardias with a colleague of the same grade. */
export async function requestSwap(ctx: Ctx, input: z.infer<typeof swapInput>) {
  const [roster] = await ctx.db.select().from(rosters).where(eq(rosters.id, input.rosterId));
  if (!roster || roster.status !== 'published') throw notFound('El rol publicado');
  const instance = roster.instance as RosterInstance;
  const mine = await ctx.db.select({ id: residents.id }).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).where(eq(persons.userId, ctx.actor.userId));
  const me = instance.residents.find((r) => mine.some((m) => m.id === r.id));
  if (!me) throw forbidden('Solo un residente de este rol puede solicitar un intercambio de sus guardias.');
  const partner = instance.residents.find((r) => r.id === input.partnerResidentId);
  if (!partner || partner.grade !== me.grade) throw badRequest('El intercambio es con un residente del mismo grado en este rol.', [{ field: 'partnerResidentId', message: 'Residente de otro grado o fuera del rol.' }]);
  const assignments = roster.assignments as Assignment[];
  if (!assignments.some((a) => a.residentId === me.id && a.date === input.myDate)) throw badRequest('Usted no tiene guardia ese día.', [{ field: 'myDate', message: 'Sin guardia ese día.' }]);
  if (!assignments.some((a) => a.residentId === partner.id && a.date === input.partnerDate)) throw badRequest('Su compañero no tiene guardia ese día.', [{ field: 'partnerDate', message: 'Sin guardia ese día.' }]);
  assertSwapKeepsRules(instance, assignments, swapped(assignments, { residentId: me.id, date: input.myDate }, { residentId: partner.id, date: input.partnerDate }), [me.id, partner.id]);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(guardSwaps).values({ rosterId: roster.id, requesterResidentId: me.id, requesterDate: input.myDate, partnerResidentId: partner.id, partnerDate: input.partnerDate, createdBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx, { action: 'request', entity: 'guard_swap', entityId: row.id, after: row });
    return row;
  });
}

/** The jefe de servicio (or coordination) decides; an approval is re-validated and published as a new version. */
export async function decideSwap(ctx: Ctx, id: number, decision: { status: 'aprobado' | 'rechazado'; reason?: string | null }) {
  if (!can(ctx.actor.grants, 'guards.manage')) throw forbidden('Solo el jefe de servicio o la coordinación deciden los intercambios.');
  const [swap] = await ctx.db.select().from(guardSwaps).where(eq(guardSwaps.id, id));
  if (!swap) throw notFound('La solicitud de intercambio');
  const current = await getRoster(ctx, swap.rosterId);
  if (swap.status !== 'solicitado') throw conflict('already_decided', `La solicitud ya fue ${swap.status}.`);
  if (decision.status === 'rechazado') {
    await ctx.db.transaction(async (tx) => {
      await tx.update(guardSwaps).set({ status: 'rechazado', reason: decision.reason ?? null, decidedBy: ctx.actor.userId, decidedAt: new Date() }).where(eq(guardSwaps.id, id));
      await recordAudit(tx, ctx, { action: 'reject', entity: 'guard_swap', entityId: id });
    });
    return { status: 'rechazado' };
  }
  if (current.status !== 'published') throw conflict('roster_not_published', 'El rol cambió desde la solicitud; el intercambio debe pedirse sobre la versión publicada vigente.');
  const before = current.assignments as Assignment[];
  const after = swapped(before, { residentId: swap.requesterResidentId, date: swap.requesterDate }, { residentId: swap.partnerResidentId, date: swap.partnerDate });
  assertSwapKeepsRules(current.instance as RosterInstance, before, after, [swap.requesterResidentId, swap.partnerResidentId]);
  const newId = await ctx.db.transaction(async (tx) => {
    const [{ version }] = (await tx.select({ version: rosters.version }).from(rosters).where(and(eq(rosters.unitId, current.unitId), eq(rosters.groupKey, current.groupKey), eq(rosters.month, current.month))).orderBy(desc(rosters.version)).limit(1)) as [{ version: number }];
    await tx.update(rosters).set({ status: 'superseded' }).where(eq(rosters.id, current.id));
    const [created] = await tx.insert(rosters).values({ ...withoutId(current), assignments: after, version: version + 1, status: 'published', publishedAt: new Date(), createdBy: ctx.actor.userId }).returning({ id: rosters.id });
    await tx.update(guardSwaps).set({ status: 'aprobado', reason: decision.reason ?? null, decidedBy: ctx.actor.userId, decidedAt: new Date() }).where(eq(guardSwaps.id, id));
    await notifyChanges(tx, current, rosterDiff(before, after));
    await recordAudit(tx, ctx, { action: 'approve', entity: 'guard_swap', entityId: id, after: { rosterId: created?.id } });
    return created?.id as number;
  });
  return { status: 'aprobado', rosterId: newId };
}

export async function myNotifications(ctx: Ctx) {
  return ctx.db.select().from(notifications).where(eq(notifications.userId, ctx.actor.userId)).orderBy(desc(notifications.id)).limit(100);
}

/** Swap requests of a roster (managers), or the signed-in resident's own requests. */
export async function listSwaps(ctx: Ctx, rosterId: number | undefined) {
  if (can(ctx.actor.grants, 'guards.manage') && rosterId) {
    await getRoster(ctx, rosterId);
    return ctx.db.select().from(guardSwaps).where(eq(guardSwaps.rosterId, rosterId)).orderBy(desc(guardSwaps.id));
  }
  return ctx.db.select().from(guardSwaps).where(eq(guardSwaps.createdBy, ctx.actor.userId)).orderBy(desc(guardSwaps.id));
}
