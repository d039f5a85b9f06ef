import { type feedbackInput, type actionPlanInput, type planUpdate, reminderDue, type sessionInput } from '@sirem/core';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/access.ts';
import { actionPlans, feedbackNotes, tutoringSessions } from '../db/schema/evaluations.ts';
import { notifications } from '../db/schema/guards.ts';
import { persons, residents, tutorships } from '../db/schema/people.ts';
import { forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { placementOfUser } from '../people/placement.ts';
import { relationTo } from './tutoring-access.ts';
import { currentTutorship } from '../people/tutorships.ts';

/** Sessions, feedback and action plans of one resident: for the resident, their tutor and the sede's direction. */
export async function followUp(ctx: Ctx, residentId: number) {
  const { resident, relation } = await relationTo(ctx, residentId);
  if (!relation.self && !relation.tutor && !relation.manager) throw forbidden('El seguimiento lo ven el residente, su tutor y la dirección del curso.');
  const sessions = await ctx.db.select().from(tutoringSessions).where(eq(tutoringSessions.residentId, residentId)).orderBy(desc(tutoringSessions.heldOn)).limit(200);
  const feedback = await ctx.db.select({ id: feedbackNotes.id, kind: feedbackNotes.kind, body: feedbackNotes.body, createdAt: feedbackNotes.createdAt, author: users.displayName }).from(feedbackNotes).innerJoin(users, eq(users.id, feedbackNotes.authorUserId)).where(eq(feedbackNotes.residentId, residentId)).orderBy(desc(feedbackNotes.id)).limit(200);
  const plans = await ctx.db.select().from(actionPlans).where(eq(actionPlans.residentId, residentId)).orderBy(actionPlans.dueOn).limit(200);
  return { residentId, name: `${resident.name} ${resident.surname}`, relation, sessions, feedback, plans };
}

export async function myFollowUp(ctx: Ctx) {
  const place = await placementOfUser(ctx.db, ctx.actor.userId);
  if (!place?.residentId) throw forbidden('Su cuenta no corresponde a un residente en curso.');
  return followUp(ctx, place.residentId);
}

export async function addSession(ctx: Ctx, residentId: number, input: z.infer<typeof sessionInput>) {
  const { relation } = await relationTo(ctx, residentId);
  if (!relation.tutor) throw forbidden('Solo el tutor asignado registra sesiones de tutoría.');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(tutoringSessions).values({ ...input, residentId, tutorUserId: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx, { action: 'create', entity: 'tutoring_session', entityId: row.id, after: row });
    return row;
  });
}

/** Any professor of the resident's sede (or the tutor, or the direction) may leave feedback. */
export async function addFeedback(ctx: Ctx, residentId: number, input: z.infer<typeof feedbackInput>) {
  const { resident, relation } = await relationTo(ctx, residentId);
  if (!relation.teacher && !relation.tutor && !relation.manager) throw forbidden('La retroalimentación la dan los profesores de la sede del residente.');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(feedbackNotes).values({ ...input, residentId, authorUserId: ctx.actor.userId }).returning();
    if (resident.userId) await tx.insert(notifications).values({ userId: resident.userId, kind: 'feedback', message: 'Recibió una nueva retroalimentación de un profesor.', link: '/evaluations/follow-up' });
    await recordAudit(tx, ctx, { action: 'create', entity: 'feedback_note', entityId: row.id, after: row });
    return row;
  });
}

export async function addPlan(ctx: Ctx, residentId: number, input: z.infer<typeof actionPlanInput>) {
  const { relation } = await relationTo(ctx, residentId);
  if (!relation.tutor && !relation.manager) throw forbidden('Los planes de acción los acuerdan el tutor o la dirección del curso.');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(actionPlans).values({ ...input, residentId, createdBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx, { action: 'create', entity: 'action_plan', entityId: row.id, after: row });
    return row;
  });
}

export async function updatePlan(ctx: Ctx, id: number, input: z.infer<typeof planUpdate>) {
  const [before] = await ctx.db.select().from(actionPlans).where(eq(actionPlans.id, id));
  if (!before) throw notFound('El plan de acción');
  const { relation } = await relationTo(ctx, before.residentId);
  if (!relation.tutor && !relation.manager) throw forbidden('Solo el tutor o la dirección del curso cierran un plan de acción.');
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx.update(actionPlans).set({ status: input.status, version: sql`${actionPlans.version} + 1` }).where(and(eq(actionPlans.id, id), eq(actionPlans.version, input.version))).returning();
    if (!after) throw versionConflict((await tx.select().from(actionPlans).where(eq(actionPlans.id, id)))[0]);
    await recordAudit(tx, ctx, { action: 'update', entity: 'action_plan', entityId: id, before, after });
    return after;
  });
}

/**
 * Sends each open plan's reminder once, to the resident and their current tutor, when it is due
 * within the reminder window. Runs on a timer on every server instance; safe to run any number of
 * times, also at the same moment on several instances.
 */
export async function sendPlanReminders(db: Db, today: string) {
  const open = await db.select().from(actionPlans).where(and(eq(actionPlans.status, 'abierto'), isNull(actionPlans.remindedOn))).limit(5000);
  let sent = 0;
  for (const plan of open.filter((p) => reminderDue(p, today))) if (await remindOnce(db, plan.id, today)) sent++;
  return sent;
}

/**
 * Claims the plan by stamping reminded_on only where it is still unset, then notifies and audits in
 * the same transaction: an instance that loses the claim (or finds the plan closed meanwhile) gets
 * no row back and sends nothing.
 */
async function remindOnce(db: Db, planId: number, today: string) {
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .update(actionPlans)
      .set({ remindedOn: today })
      .where(and(eq(actionPlans.id, planId), eq(actionPlans.status, 'abierto'), isNull(actionPlans.remindedOn)))
      .returning({ id: actionPlans.id, residentId: actionPlans.residentId, title: actionPlans.title, dueOn: actionPlans.dueOn });
    if (!plan) return false;
    const [owner] = await tx.select({ userId: persons.userId }).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).where(eq(residents.id, plan.residentId));
    const tutors = await tx.select({ userId: persons.userId }).from(tutorships).innerJoin(persons, eq(persons.id, tutorships.tutorPersonId)).where(and(eq(tutorships.residentId, plan.residentId), currentTutorship));
    const to = [owner?.userId, ...tutors.map((t) => t.userId)].filter((u): u is number => Boolean(u));
    const message = `El plan de acción "${plan.title}" vence el ${plan.dueOn.split('-').reverse().join('/')}.`;
    if (to.length) await tx.insert(notifications).values(to.map((userId) => ({ userId, kind: 'action_plan', message, link: '/evaluations/follow-up' })));
    await recordAudit(tx, { actor: null, requestId: null }, { action: 'remind', entity: 'action_plan', entityId: plan.id, after: { to: to.length } });
    return true;
  });
}
