import { resolveScope, type TutorVisibility } from '@sirem/core';
import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { persons, residents, tutorships } from '../db/schema/people.ts';
import { wellbeingAlerts, wellbeingScreenings, wellbeingSharing } from '../db/schema/wellbeing.ts';
import { forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { placementOfUser } from '../people/placement.ts';
import { chainOf, outsideChain } from './liaison-chain.ts';
import { currentTutorship } from '../people/tutorships.ts';

type View = 'self' | 'liaison' | 'tutor';

/**
 * Who may read one person's screenings: the person; the mental-health liaison when the person has
 * an alert within the liaison's scope and outside the liaison's own teaching or managing chain
 * (liaison-chain.ts); the current tutor, only as far as the person allows.
 * Anyone else (a program director included) is refused, and the refusal is audited too.
 */
async function viewFor(ctx: Ctx, personId: number): Promise<{ view: View; tutorSees?: TutorVisibility } | null> {
  const me = await placementOfUser(ctx.db, ctx.actor.userId);
  if (me?.personId === personId) return { view: 'self' };
  const liaison = resolveScope(ctx.actor.grants, 'wellbeing.followup');
  if (liaison.kind !== 'none') {
    const chain = await chainOf(ctx.db, ctx.actor.userId);
    const alerts = await ctx.db.select({ ooadId: wellbeingAlerts.ooadId }).from(wellbeingAlerts).where(and(eq(wellbeingAlerts.personId, personId), outsideChain(chain)));
    if (alerts.some((a) => liaison.kind === 'all' || (a.ooadId !== null && liaison.ooadIds.includes(a.ooadId)))) return { view: 'liaison' };
  }
  if (me) {
    const [tutorOf] = await ctx.db
      .select({ id: tutorships.id })
      .from(tutorships)
      .innerJoin(residents, eq(residents.id, tutorships.residentId))
      .where(and(eq(tutorships.tutorPersonId, me.personId), eq(residents.personId, personId), currentTutorship));
    const [sharing] = await ctx.db.select({ tutorSees: wellbeingSharing.tutorSees }).from(wellbeingSharing).where(eq(wellbeingSharing.personId, personId));
    if (tutorOf && sharing && sharing.tutorSees !== 'nada') return { view: 'tutor', tutorSees: sharing.tutorSees as TutorVisibility };
  }
  return null;
}

export async function personWellbeing(ctx: Ctx, personId: number) {
  const [person] = await ctx.db.select({ id: persons.id, fullName: persons.givenNames, firstSurname: persons.firstSurname }).from(persons).where(eq(persons.id, personId));
  const access = person ? await viewFor(ctx, personId) : null;
  if (!person || !access) {
    // Committed on its own: a refused read leaves its trace even though the request fails.
    await recordAudit(ctx.db, ctx, { action: 'read_denied', entity: 'wellbeing_person', entityId: personId });
    throw forbidden('Los resultados individuales de bienestar solo los ven la persona, el enlace de salud mental y, si ella lo autoriza, su tutor.');
  }
  const rows = await ctx.db
    .select({ id: wellbeingScreenings.id, instrument: wellbeingScreenings.instrument, answers: wellbeingScreenings.answers, score: wellbeingScreenings.score, band: wellbeingScreenings.band, crisis: wellbeingScreenings.crisis, completedAt: wellbeingScreenings.completedAt })
    .from(wellbeingScreenings)
    .where(eq(wellbeingScreenings.personId, personId))
    .orderBy(desc(wellbeingScreenings.completedAt))
    .limit(100);
  await recordAudit(ctx.db, ctx, { action: 'read', entity: 'wellbeing_person', entityId: personId, after: { view: access.view, screenings: rows.length } });
  const screenings =
    access.view === 'tutor'
      ? rows.map((r) => ({ id: r.id, instrument: r.instrument, completedAt: r.completedAt, band: access.tutorSees === 'nivel' ? r.band : null }))
      : rows;
  return { personId, name: `${person.fullName} ${person.firstSurname}`, view: access.view, screenings };
}
