import { resultsPendingMessage } from '@sirem/core';
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { facultyAppointments, persons } from '../db/schema/people.ts';
import { surveyCampaigns, surveyResponses, surveys } from '../db/schema/surveys.ts';
import { forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { closedCampaignSql, notClosedCampaignSql, campaignToday } from './closing-service.ts';
import { campaignCells, indicatorTable } from './result-cells.ts';

/**
 * A teacher's own evaluations by residents, only as an aggregate per campaign. The teacher's cells
 * must be whole publishing blocks, so a colleague evaluated by fewer than 5 at the same sede
 * cannot be worked out from the sede's results minus the teacher's own. Only closed campaigns show
 * figures; open teaching campaigns that reach the teacher's sedes are listed as pending whether or
 * not anyone has evaluated them yet, so a new row never signals that someone just did.
 */
export async function myTeachingResults(ctx: Ctx) {
  const mine = await ctx.db.select({ id: facultyAppointments.id, sedeId: facultyAppointments.sedeId }).from(facultyAppointments).innerJoin(persons, eq(persons.id, facultyAppointments.personId)).where(eq(persons.userId, ctx.actor.userId));
  if (!mine.length) throw forbidden('Solo los profesores consultan los resultados de su evaluación docente.');
  const ids = mine.map((m) => m.id);
  const pending = await ctx.db
    .select({ id: surveyCampaigns.id, title: surveys.title, closesOn: surveyCampaigns.closesOn })
    .from(surveyCampaigns)
    .innerJoin(surveys, eq(surveys.id, surveyCampaigns.surveyId))
    .where(and(eq(surveys.purpose, 'docente'), lte(surveyCampaigns.opensOn, campaignToday()), notClosedCampaignSql(), or(isNull(surveyCampaigns.sedeId), inArray(surveyCampaigns.sedeId, mine.map((m) => m.sedeId)))))
    .orderBy(surveyCampaigns.closesOn)
    .limit(50);
  const closed = await ctx.db.selectDistinct({ id: surveyCampaigns.id, title: surveys.title }).from(surveyResponses).innerJoin(surveyCampaigns, eq(surveyCampaigns.id, surveyResponses.campaignId)).innerJoin(surveys, eq(surveys.id, surveyCampaigns.surveyId)).where(and(inArray(surveyResponses.subjectAppointmentId, ids), closedCampaignSql()));
  const out = [];
  for (const c of pending) out.push({ campaignId: c.id, title: c.title, published: false as const, closesOn: c.closesOn, message: resultsPendingMessage(c.closesOn) });
  for (const c of closed) out.push({ campaignId: c.id, title: c.title, published: true as const, ...indicatorTable(await campaignCells(ctx.db, c.id), (cell) => cell.subject !== null && ids.includes(cell.subject), 'nation').total });
  return out;
}
