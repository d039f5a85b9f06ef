import { type SurveyInput, can, campaignInput } from '@sirem/core';
import { asc, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { academicCycles } from '../db/schema/catalog.ts';
import { surveyCampaigns, surveyQuestions, surveys } from '../db/schema/surveys.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertSedeInScope } from '../people/scope.ts';
import { isClosed } from './closing-service.ts';
import { resolveScope } from '@sirem/core';

export const pageQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) });

function assertManage(ctx: Ctx) {
  if (!can(ctx.actor.grants, 'surveys.manage')) throw forbidden('Solo el nivel central diseña encuestas y abre campañas.');
}
function assertReadDesign(ctx: Ctx) {
  if (!can(ctx.actor.grants, 'surveys.manage') && !can(ctx.actor.grants, 'surveys.results')) throw forbidden('No tiene acceso a las encuestas.');
}

/** A survey is never edited once created: answers must keep meaning what was asked. A change is a new survey. */
export async function createSurvey(ctx: Ctx, input: SurveyInput) {
  assertManage(ctx);
  return ctx.db.transaction(async (tx) => {
    const [survey] = await tx.insert(surveys).values({ title: input.title, description: input.description, purpose: input.purpose, createdBy: ctx.actor.userId }).returning();
    const questions = await tx
      .insert(surveyQuestions)
      .values(input.questions.map((q, i) => ({ surveyId: survey.id, position: i + 1, kind: q.kind, text: q.text, options: q.options ?? null, required: q.required, measures: q.measures ?? null })))
      .returning();
    await recordAudit(tx, ctx, { action: 'create', entity: 'survey', entityId: survey.id, after: { ...survey, questions: questions.length } });
    return { ...survey, questions };
  });
}

export async function listSurveys(ctx: Ctx, q: z.infer<typeof pageQuery>) {
  assertReadDesign(ctx);
  const before = q.cursor ? decodeCursor(q.cursor)[1] : undefined;
  const rows = await ctx.db.select().from(surveys).where(before ? lt(surveys.id, before) : undefined).orderBy(desc(surveys.id)).limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id, last.id) : null };
}

export async function getSurvey(ctx: Ctx, id: number) {
  assertReadDesign(ctx);
  const [survey] = await ctx.db.select().from(surveys).where(eq(surveys.id, id));
  if (!survey) throw notFound('La encuesta');
  const questions = await ctx.db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, id)).orderBy(asc(surveyQuestions.position));
  const campaigns = await ctx.db.select({ id: surveyCampaigns.id, cycleId: surveyCampaigns.cycleId, cycleCode: academicCycles.code, audience: surveyCampaigns.audience, sedeId: surveyCampaigns.sedeId, opensOn: surveyCampaigns.opensOn, closesOn: surveyCampaigns.closesOn, closedAt: surveyCampaigns.closedAt, version: surveyCampaigns.version })
    .from(surveyCampaigns).innerJoin(academicCycles, eq(academicCycles.id, surveyCampaigns.cycleId)).where(eq(surveyCampaigns.surveyId, id)).orderBy(asc(academicCycles.startsOn));
  return { ...survey, questions, campaigns: campaigns.map((c) => ({ ...c, closed: isClosed(c) })) };
}

export async function createCampaign(ctx: Ctx, input: z.infer<typeof campaignInput>) {
  assertManage(ctx);
  return ctx.db.transaction(async (tx) => {
    const [survey] = await tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.id, input.surveyId));
    if (!survey) throw badRequest('La encuesta no existe.', [{ field: 'surveyId', message: 'Elija una encuesta existente.' }]);
    const [cycle] = await tx.select({ id: academicCycles.id }).from(academicCycles).where(eq(academicCycles.id, input.cycleId));
    if (!cycle) throw badRequest('El ciclo no existe.', [{ field: 'cycleId', message: 'Elija un ciclo existente.' }]);
    if (input.sedeId) await assertSedeInScope(tx, resolveScope(ctx.actor.grants, 'surveys.manage'), input.sedeId);
    const [row] = await tx.insert(surveyCampaigns).values({ ...input, sedeId: input.audience === 'residentes_sede' ? (input.sedeId ?? null) : null }).returning();
    await recordAudit(tx, ctx, { action: 'create', entity: 'survey_campaign', entityId: row.id, after: row });
    return row;
  });
}
