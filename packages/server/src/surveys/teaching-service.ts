import { eq, inArray } from 'drizzle-orm';
import { facultyAppointments, persons } from '../db/schema/people.ts';
import { surveyCampaigns, surveyResponses, surveys } from '../db/schema/surveys.ts';
import { forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { campaignCells, indicatorTable } from './result-cells.ts';

/**
 * A teacher's own evaluations by residents, only as an aggregate per campaign. The teacher's cells
 * must be whole publishing blocks, so a colleague evaluated by fewer than 5 at the same sede
 * cannot be worked out from the sede's results minus the teacher's own.
 */
export async function myTeachingResults(ctx: Ctx) {
  const mine = await ctx.db.select({ id: facultyAppointments.id }).from(facultyAppointments).innerJoin(persons, eq(persons.id, facultyAppointments.personId)).where(eq(persons.userId, ctx.actor.userId));
  if (!mine.length) throw forbidden('Solo los profesores consultan los resultados de su evaluación docente.');
  const ids = mine.map((m) => m.id);
  const campaigns = await ctx.db.selectDistinct({ id: surveyCampaigns.id, title: surveys.title }).from(surveyResponses).innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyResponses.campaignId)).innerJoin(surveys, eq(surveys.id, surveyCampaigns.surveyId)).where(inArray(surveyResponses.subjectAppointmentId, ids));
  const out = [];
  for (const c of campaigns) out.push({ campaignId: c.id, title: c.title, ...indicatorTable(await campaignCells(ctx.db, c.id), (cell) => cell.subject !== null && ids.includes(cell.subject), 'nation').total });
  return out;
}
