import { type Assignment, can, checkRoster, type RosterInstance } from '@sirem/core';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { guardSwaps, rosters } from '../db/schema/guards.ts';
import { persons, residents } from '../db/schema/people.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { withoutId } from './changes-service.ts';
import { collisionsElsewhere } from './elsewhere.ts';
import { withCurrentFacts } from './facts.ts';
import { notifyChanges, rosterDiff } from './notify.ts';
import { citeRule } from './rule-citation.ts';
import { getRoster, onePublished } from './rosters-service.ts';

export const swapInput = z.object({
  rosterId: z.number().int().positive(),
  myDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  partnerResidentId: z.number().int().positive(),
  partnerDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

type Side = { residentId: number; date: string };
function swapped(assignments: Assignment[], a: Side, b: Side) {
  return assignments.map((x) =>
    x.residentId === a.residentId && x.date === a.date ? { residentId: a.residentId, date: b.date }
    : x.residentId === b.residentId && x.date === b.date ? { residentId: b.residentId, date: a.date }
    : x,
  );
}

type Place = { unitId: number; groupKey: string; month: string };

/**
 * Checks a swap against every rule for the two residents involved, with today's absences and
 * rotations and their guardias in other published rosters; the first broken rule is cited with the
 * rule set in force.
 */
async function assertSwapKeepsRules(db: Db, roster: Place & { ruleSetCode: string }, instance: RosterInstance, before: Assignment[], after: Assignment[], ids: number[]) {
  const mine = (list: Assignment[]) => checkRoster(instance, list).filter((v) => v.residentId !== null && ids.includes(v.residentId));
  const already = new Set(mine(before).map((v) => v.message));
  const broken = mine(after).filter((v) => !already.has(v.message));
  const ours = (list: Assignment[]) => list.filter((a) => ids.includes(a.residentId));
  const known = new Set((await collisionsElsewhere(db, roster, instance, ours(before))).map((v) => v.message));
  const clash = (await collisionsElsewhere(db, roster, instance, ours(after))).find((v) => !known.has(v.message));
  if (clash) throw conflict('swap_collides', `El intercambio no procede: choca con otro rol publicado. ${clash.message}`, { errors: [{ field: clash.rule, message: clash.message }] });
  const first = broken[0];
  if (!first) return;
  const rule = await citeRule(db, roster.ruleSetCode, instance.params, first.rule);
  throw conflict('swap_breaks_rules', `El intercambio no procede según ${rule}. ${first.message}`, { errors: broken.map((v) => ({ field: v.rule, message: v.message })) });
}

/** A resident asks to exchange one of their published guardias with a colleague of the same grade. */
export async function requestSwap(ctx: Ctx, input: z.infer<typeof swapInput>) {
  const [roster] = await ctx.db.select().from(rosters).where(eq(rosters.id, input.rosterId));
  if (!roster || roster.status !== 'published') throw notFound('El rol publicado');
  const instance = await withCurrentFacts(ctx.db, roster);
  const mine = await ctx.db.select({ id: residents.id }).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).where(eq(persons.userId, ctx.actor.userId));
  const me = instance.residents.find((r) => mine.some((m) => m.id === r.id));
  if (!me) throw forbidden('Solo un residente de este rol puede solicitar un intercambio de sus guardias.');
  if (input.partnerResidentId === me.id) throw badRequest('Un intercambio es con otro residente, no consigo mismo.', [{ field: 'partnerResidentId', message: 'Elija a un compañero.' }]);
  if (input.partnerDate === input.myDate) throw badRequest('Las dos guardias son el mismo día; el intercambio no cambiaría nada.', [{ field: 'partnerDate', message: 'Elija otro día.' }]);
  const partner = instance.residents.find((r) => r.id === input.partnerResidentId);
  if (!partner || partner.grade !== me.grade) throw badRequest('El intercambio es con un residente del mismo grado en este rol.', [{ field: 'partnerResidentId', message: 'Residente de otro grado o fuera del rol.' }]);
  const assignments = roster.assignments as Assignment[];
  if (!assignments.some((a) => a.residentId === me.id && a.date === input.myDate)) throw badRequest('Usted no tiene guardia ese día.', [{ field: 'myDate', message: 'Sin guardia ese día.' }]);
  if (!assignments.some((a) => a.residentId === partner.id && a.date === input.partnerDate)) throw badRequest('Su compañero no tiene guardia ese día.', [{ field: 'partnerDate', message: 'Sin guardia ese día.' }]);
  await assertSwapKeepsRules(ctx.db, roster, instance, assignments, swapped(assignments, { residentId: me.id, date: input.myDate }, { residentId: partner.id, date: input.partnerDate }), [me.id, partner.id]);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(guardSwaps).values({ rosterId: roster.id, requesterResidentId: me.id, requesterDate: input.myDate, partnerResidentId: partner.id, partnerDate: input.partnerDate, createdBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx, { action: 'request', entity: 'guard_swap', entityId: row.id, after: row });
    return row;
  });
}

const alreadyDecided = () => conflict('already_decided', 'Otra persona ya decidió esta solicitud de intercambio; recargue para ver el resultado.');

/**
 * The jefe de servicio (or coordination) decides; an approval is re-validated against today's facts
 * and published as a new version. Both writes carry the state they expect, so of two approvals
 * racing each other exactly one succeeds.
 */
export async function decideSwap(ctx: Ctx, id: number, decision: { status: 'aprobado' | 'rechazado'; reason?: string | null }) {
  if (!can(ctx.actor.grants, 'guards.manage')) throw forbidden('Solo el jefe de servicio o la coordinación deciden los intercambios.');
  const [swap] = await ctx.db.select().from(guardSwaps).where(eq(guardSwaps.id, id));
  if (!swap) throw notFound('La solicitud de intercambio');
  const current = await getRoster(ctx, swap.rosterId);
  if (swap.status !== 'solicitado') throw conflict('already_decided', `La solicitud ya fue ${swap.status}.`);
  const decide = (tx: Db) => tx.update(guardSwaps).set({ status: decision.status, reason: decision.reason ?? null, decidedBy: ctx.actor.userId, decidedAt: new Date() })
    .where(and(eq(guardSwaps.id, id), eq(guardSwaps.status, 'solicitado'))).returning({ id: guardSwaps.id });
  if (decision.status === 'rechazado') {
    await ctx.db.transaction(async (tx) => {
      if (!(await decide(tx)).length) throw alreadyDecided();
      await recordAudit(tx, ctx, { action: 'reject', entity: 'guard_swap', entityId: id });
    });
    return { status: 'rechazado' };
  }
  if (current.status !== 'published') throw conflict('roster_not_published', 'El rol cambió desde la solicitud; el intercambio debe pedirse sobre la versión publicada vigente.');
  const instance = await withCurrentFacts(ctx.db, current);
  const before = current.assignments as Assignment[];
  const after = swapped(before, { residentId: swap.requesterResidentId, date: swap.requesterDate }, { residentId: swap.partnerResidentId, date: swap.partnerDate });
  await assertSwapKeepsRules(ctx.db, current, instance, before, after, [swap.requesterResidentId, swap.partnerResidentId]);
  const newId = await onePublished(() => ctx.db.transaction(async (tx) => {
    if (!(await decide(tx)).length) throw alreadyDecided();
    const superseded = await tx.update(rosters).set({ status: 'superseded' }).where(and(eq(rosters.id, current.id), eq(rosters.status, 'published'))).returning({ id: rosters.id });
    if (!superseded.length) throw conflict('roster_not_published', 'El rol cambió mientras se decidía; el intercambio debe pedirse sobre la versión publicada vigente.');
    const [{ version }] = (await tx.select({ version: rosters.version }).from(rosters).where(and(eq(rosters.unitId, current.unitId), eq(rosters.groupKey, current.groupKey), eq(rosters.month, current.month))).orderBy(desc(rosters.version)).limit(1)) as [{ version: number }];
    const [created] = await tx.insert(rosters).values({ ...withoutId(current), instance, assignments: after, version: version + 1, status: 'published', publishedAt: new Date(), createdBy: ctx.actor.userId }).returning({ id: rosters.id });
    await notifyChanges(tx, current, rosterDiff(before, after));
    await recordAudit(tx, ctx, { action: 'approve', entity: 'guard_swap', entityId: id, after: { rosterId: created?.id } });
    return created?.id as number;
  }));
  return { status: 'aprobado', rosterId: newId };
}

/** Swap requests of a roster (managers), or the signed-in resident's own requests. */
export async function listSwaps(ctx: Ctx, rosterId: number | undefined) {
  if (can(ctx.actor.grants, 'guards.manage') && rosterId) {
    await getRoster(ctx, rosterId);
    return ctx.db.select().from(guardSwaps).where(eq(guardSwaps.rosterId, rosterId)).orderBy(desc(guardSwaps.id));
  }
  return ctx.db.select().from(guardSwaps).where(eq(guardSwaps.createdBy, ctx.actor.userId)).orderBy(desc(guardSwaps.id));
}
