import { CRISIS_RESOURCES, INSTRUMENTS, type ScreeningInput, type TutorVisibility, answersProblem, can, nextScreeningDue, scoreScreening } from '@sirem/core';
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { roleGrants } from '../db/schema/access.ts';
import { notifications } from '../db/schema/guards.ts';
import { wellbeingAlerts, wellbeingScreenings, wellbeingSharing } from '../db/schema/wellbeing.ts';
import { badRequest, conflict, forbidden, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { placementOfUser } from '../people/placement.ts';
import { chainOf, outsideChain } from './liaison-chain.ts';

/** The actor must be a person who may self-screen; an account without a person record cannot. */
async function screeningPerson(ctx: Ctx) {
  if (!can(ctx.actor.grants, 'wellbeing.screen')) throw forbidden('La autoevaluación de bienestar es para residentes.');
  const place = await placementOfUser(ctx.db, ctx.actor.userId);
  if (!place) throw conflict('account_not_linked', 'Su cuenta no está vinculada a un expediente de persona; pida a la coordinación que la vincule.');
  return place;
}

/**
 * Scores a screening and, when PHQ-9 item 9 is above 0, raises a confidential alert for the
 * mental-health liaison of the resident's OOAD (or national). The program director and
 * professors are never told. The audit row records that a screening happened, not its content.
 */
export async function submitScreening(ctx: Ctx, input: ScreeningInput) {
  const place = await screeningPerson(ctx);
  const problem = answersProblem(input.instrument, input.answers);
  if (problem) throw badRequest(problem, [{ field: 'answers', message: problem }]);
  const scored = scoreScreening(input.instrument, input.answers);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(wellbeingScreenings)
      .values({ personId: place.personId, instrument: input.instrument, instrumentVersion: INSTRUMENTS[input.instrument].version, answers: input.answers, ...scored, sedeId: place.sedeId, ooadId: place.ooadId })
      .returning({ id: wellbeingScreenings.id, completedAt: wellbeingScreenings.completedAt });
    // One audit row, identical with or without an alert: the audit log is read by administrators,
    // who must not learn from it that someone reported thoughts of self-harm.
    await recordAudit(tx, ctx, { action: 'submit', entity: 'wellbeing_screening', entityId: row.id, after: { instrument: input.instrument } });
    if (scored.crisis) {
      const [alert] = await tx.insert(wellbeingAlerts).values({ screeningId: row.id, personId: place.personId, ooadId: place.ooadId }).returning({ id: wellbeingAlerts.id });
      await notifyLiaisons(tx, alert.id, place.ooadId);
    }
    return { id: row.id, completedAt: row.completedAt, instrument: input.instrument, ...scored, resources: scored.crisis ? CRISIS_RESOURCES : [] };
  });
}

/**
 * Liaisons with a national grant, or a grant over the resident's OOAD, except those who teach at or
 * manage the resident's unit (liaison-chain.ts): the program director is never told, even when
 * the same account is also a liaison. The message names nobody.
 */
async function notifyLiaisons(tx: Ctx['db'], alertId: number, ooadId: number | null) {
  const candidates = await tx
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, 'enlace_salud_mental'), or(eq(roleGrants.scopeKind, 'national'), ooadId ? eq(roleGrants.ooadId, ooadId) : sql`false`)));
  const liaisons: number[] = [];
  for (const c of candidates) {
    const [reachable] = await tx.select({ id: wellbeingAlerts.id }).from(wellbeingAlerts).where(and(eq(wellbeingAlerts.id, alertId), outsideChain(await chainOf(tx, c.userId))));
    if (reachable) liaisons.push(c.userId);
  }
  if (liaisons.length)
    await tx.insert(notifications).values(liaisons.map((userId) => ({ userId, kind: 'wellbeing_alert', message: 'Hay una alerta confidencial de bienestar que requiere su atención.', link: '/wellbeing/alerts' })));
}

/** The resident's own history, next due dates per instrument, and what their tutor may see. */
export async function myWellbeing(ctx: Ctx) {
  const place = await screeningPerson(ctx);
  const history = await ctx.db
    .select({ id: wellbeingScreenings.id, instrument: wellbeingScreenings.instrument, score: wellbeingScreenings.score, band: wellbeingScreenings.band, crisis: wellbeingScreenings.crisis, completedAt: wellbeingScreenings.completedAt })
    .from(wellbeingScreenings)
    .where(eq(wellbeingScreenings.personId, place.personId))
    .orderBy(desc(wellbeingScreenings.completedAt))
    .limit(40);
  const [sharing] = await ctx.db.select().from(wellbeingSharing).where(eq(wellbeingSharing.personId, place.personId));
  const today = new Date().toISOString().slice(0, 10);
  const due = Object.fromEntries(
    (['phq9', 'gad7'] as const).map((code) => {
      const last = history.find((h) => h.instrument === code);
      return [code, nextScreeningDue(last ? last.completedAt.toISOString().slice(0, 10) : null, today)];
    }),
  );
  await recordAudit(ctx.db, ctx, { action: 'read', entity: 'wellbeing_person', entityId: place.personId, after: { view: 'self' } });
  return { history, due, sharing: { tutorSees: (sharing?.tutorSees ?? 'nada') as TutorVisibility, version: sharing?.version ?? 0 } };
}

const sharingView = (row: { tutorSees: string; version: number } | undefined) => ({ tutorSees: (row?.tutorSees ?? 'nada') as TutorVisibility, version: row?.version ?? 0 });

/**
 * Version 0 means the resident never chose (the default, nothing shared); the first choice is
 * version 1. The version predicate, or the unique person on insert, lets one of two simultaneous
 * choices through and answers the other with the setting as it now stands.
 */
export async function setSharing(ctx: Ctx, input: { tutorSees: TutorVisibility; version: number }) {
  const place = await screeningPerson(ctx);
  return ctx.db.transaction(async (tx) => {
    const stored = () => tx.select().from(wellbeingSharing).where(eq(wellbeingSharing.personId, place.personId));
    const [before] = await stored();
    if (sharingView(before).version !== input.version) throw versionConflict(sharingView(before));
    const [after] = before
      ? await tx
          .update(wellbeingSharing)
          .set({ tutorSees: input.tutorSees, version: sql`${wellbeingSharing.version} + 1`, updatedAt: new Date() })
          .where(and(eq(wellbeingSharing.personId, place.personId), eq(wellbeingSharing.version, before.version)))
          .returning()
      : await tx.insert(wellbeingSharing).values({ personId: place.personId, tutorSees: input.tutorSees, version: 1 }).onConflictDoNothing({ target: wellbeingSharing.personId }).returning();
    if (!after) throw versionConflict(sharingView((await stored())[0]));
    await recordAudit(tx, ctx, { action: 'share', entity: 'wellbeing_sharing', entityId: place.personId, before: before ?? null, after });
    return after;
  });
}
