import { type AnswerInput, answerProblems, can, formatDate, type Question } from '@sirem/core';
import { and, asc, eq, lte } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { surveyAnswers, surveyCampaigns, surveyParticipations, surveyQuestions, surveyResponses, surveys } from '../db/schema/surveys.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { closedWhen, notClosedCampaignSql, campaignToday as today } from './closing-service.ts';
import { respondentPlace, teachersAt } from './respondents.ts';

type Campaign = typeof surveyCampaigns.$inferSelect;

function assertAnswer(ctx: Ctx) {
  if (!can(ctx.actor.grants, 'surveys.answer')) throw forbidden('Las encuestas las responden residentes y profesores.');
}

async function openCampaign(ctx: Ctx, id: number) {
  const [row] = await ctx.db.select({ campaign: surveyCampaigns, purpose: surveys.purpose, title: surveys.title, description: surveys.description }).from(surveyCampaigns).innerJoin(surveys, eq(surveys.id, surveyCampaigns.surveyId)).where(eq(surveyCampaigns.id, id));
  if (!row) throw notFound('La campaña');
  const place = await respondentPlace(ctx.db, ctx.actor.userId, row.campaign);
  if (!place) throw forbidden('Esta encuesta no está dirigida a usted.');
  assertAnswerable(row.campaign);
  return { ...row, place };
}

/** Answers are taken from the opening day through the closing day, unless the campaign was closed earlier. */
function assertAnswerable(c: Campaign) {
  if (c.closedAt) throw conflict('campaign_closed', `La campaña ${closedWhen(c)}; ya no recibe respuestas.`);
  if (today() < c.opensOn || today() > c.closesOn) throw conflict('campaign_closed', `La encuesta se responde del ${formatDate(c.opensOn)} al ${formatDate(c.closesOn)}.`);
}

/** Campaigns open today whose audience includes the actor; answered ones are marked, never linked to the answers. */
export async function myCampaigns(ctx: Ctx) {
  assertAnswer(ctx);
  const open = await ctx.db.select({ id: surveyCampaigns.id, title: surveys.title, purpose: surveys.purpose, closesOn: surveyCampaigns.closesOn, campaign: surveyCampaigns }).from(surveyCampaigns).innerJoin(surveys, eq(surveys.id, surveyCampaigns.surveyId)).where(and(lte(surveyCampaigns.opensOn, today()), notClosedCampaignSql())).limit(100);
  const mine = [];
  for (const c of open) {
    if (!(await respondentPlace(ctx.db, ctx.actor.userId, c.campaign))) continue;
    const answered = await ctx.db.$count(surveyParticipations, and(eq(surveyParticipations.campaignId, c.id), eq(surveyParticipations.userId, ctx.actor.userId)));
    mine.push({ id: c.id, title: c.title, purpose: c.purpose, closesOn: c.closesOn, answered: c.purpose === 'general' ? answered > 0 : false, evaluated: answered });
  }
  return mine;
}

export async function campaignForm(ctx: Ctx, id: number) {
  assertAnswer(ctx);
  const c = await openCampaign(ctx, id);
  const questions = await ctx.db.select({ id: surveyQuestions.id, kind: surveyQuestions.kind, text: surveyQuestions.text, options: surveyQuestions.options, required: surveyQuestions.required }).from(surveyQuestions).where(eq(surveyQuestions.surveyId, c.campaign.surveyId)).orderBy(asc(surveyQuestions.position));
  const teachers = c.purpose === 'docente' ? await teachersAt(ctx.db, c.place.sedeId) : [];
  return { id, title: c.title, description: c.description, purpose: c.purpose, questions, teachers };
}

/**
 * Records one anonymous answer sheet. The participation row (who) and the response row (what)
 * are written in one transaction but share nothing: no id, no time, no place on the participation
 * side. The audit row says who took part in which campaign, never which response is theirs.
 * The campaign row is held (FOR SHARE) while the sheet is written, so a closing that commits
 * first refuses the sheet and one that comes later waits for it: nothing lands after results
 * are published.
 */
export async function submitResponse(ctx: Ctx, id: number, input: AnswerInput) {
  assertAnswer(ctx);
  const c = await openCampaign(ctx, id);
  const questions = (await ctx.db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, c.campaign.surveyId)).orderBy(asc(surveyQuestions.position))) as unknown as Question[];
  const problems = answerProblems(questions, input.answers);
  if (problems.length) throw badRequest('Revise sus respuestas: hay preguntas sin responder o fuera de escala.', problems);
  let subject = 0;
  if (c.purpose === 'docente') {
    const teachers = await teachersAt(ctx.db, c.place.sedeId);
    if (!input.subjectAppointmentId || !teachers.some((t) => t.appointmentId === input.subjectAppointmentId))
      throw badRequest('Elija a un profesor de su sede para evaluar.', [{ field: 'subjectAppointmentId', message: 'Profesor no válido.' }]);
    subject = input.subjectAppointmentId;
  }
  return ctx.db.transaction(async (tx) => {
    const [now] = await tx.select().from(surveyCampaigns).where(eq(surveyCampaigns.id, id)).for('share');
    assertAnswerable(now as Campaign);
    const [took] = await tx.insert(surveyParticipations).values({ campaignId: id, userId: ctx.actor.userId, subjectAppointmentId: subject }).onConflictDoNothing().returning({ campaignId: surveyParticipations.campaignId });
    if (!took) throw conflict('already_answered', subject ? 'Ya evaluó a este profesor en esta campaña.' : 'Ya respondió esta encuesta; cada persona responde una sola vez.');
    const [response] = await tx.insert(surveyResponses).values({ campaignId: id, ...c.place, subjectAppointmentId: subject || null }).returning({ id: surveyResponses.id });
    const kindOf = new Map(questions.map((q) => [q.id, q.kind]));
    const answered = input.answers.filter((a) => a.value != null || a.choices?.length || a.text);
    if (answered.length)
      await tx.insert(surveyAnswers).values(answered.map((a) => { const kind = kindOf.get(a.questionId); return { responseId: response.id, questionId: a.questionId, value: (kind === 'likert' || kind === 'nps') && a.value != null ? String(a.value) : null, choices: kind === 'single' || kind === 'multiple' ? (a.choices ?? null) : null, text: kind === 'text' ? (a.text ?? null) : null }; }));
    await recordAudit(tx, ctx, { action: 'participate', entity: 'survey_campaign', entityId: id });
    return { received: true };
  });
}

