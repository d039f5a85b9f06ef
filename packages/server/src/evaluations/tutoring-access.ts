import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { facultyAppointments, persons, tutorships } from '../db/schema/people.ts';
import type { Ctx } from '../http/context.ts';
import { managesSede, residentOf } from './access.ts';
import { currentTutorship } from '../people/tutorships.ts';

export type Relation = { self: boolean; tutor: boolean; teacher: boolean; manager: boolean };

async function actorPerson(db: Db, userId: number) {
  const [p] = await db.select({ id: persons.id }).from(persons).where(eq(persons.userId, userId));
  return p?.id ?? null;
}

/** How the actor relates to a resident: the resident, their current tutor, a teacher of the sede, a manager in scope. */
export async function relationTo(ctx: Ctx, residentId: number) {
  const resident = await residentOf(ctx.db, residentId);
  const personId = await actorPerson(ctx.db, ctx.actor.userId);
  const [tutorship] = personId ? await ctx.db.select({ id: tutorships.id }).from(tutorships).where(and(eq(tutorships.residentId, residentId), eq(tutorships.tutorPersonId, personId), currentTutorship)) : [];
  const [appointment] = personId
    ? await ctx.db.select({ id: facultyAppointments.id }).from(facultyAppointments).where(and(eq(facultyAppointments.personId, personId), eq(facultyAppointments.sedeId, resident.sedeId), or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, sql`current_date`))))
    : [];
  const relation: Relation = { self: resident.userId === ctx.actor.userId, tutor: Boolean(tutorship), teacher: Boolean(appointment), manager: await managesSede(ctx, resident.sedeId) };
  return { resident, relation };
}
