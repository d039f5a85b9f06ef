import { and, eq, inArray } from 'drizzle-orm';
import { facultyAppointments, persons } from '../db/schema/people.ts';
import { surveyCampaigns, surveyResponses, surveys } from '../db/schema/surveys.ts';
import { forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { indicatorTable } from './results-service.ts';

/** A teacher's own evaluations by residents, only as an aggregate per campaign (suppressed under 5). */
export async function myTeachingResults(ctx: Ctx) {
  const mine = await ctx.db.select({ id: facultyAppointments.id }).from(facultyAppointments).innerJoin(persons, eq(persons.id, facultyAppointments.personId)).where(eq(persons.userId, ctx.actor.userId));
  if (!mine.length) throw forbidden('Solo los profesores consultan los resultados de su evaluación docente.');
  const ids = mine.map((m) => m.id);
  const campaigns = await ctx.db.selectDistinct({ id: surveyCampaigns.id, title: surveys.title }).from(surveyResponses).innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyResponses.campaignId)).innerJoin(surveys, eq(surveys.id, surveyCampaigns.surveyId)).where(inArray(surveyResponses.subjectAppointmentId, ids));
  const out = [];
  for (const c of campaigns) out.push({ campaignId: c.id, title: c.title, ...(await indicatorTable(ctx.db, and(eq(surveyResponses.campaignId, c.id), inArray(surveyResponses.subjectAppointmentId, ids)), 'nation')).total });
  return out;
}
