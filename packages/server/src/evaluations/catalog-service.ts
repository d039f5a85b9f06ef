import { can, type competencyInput, DEFAULT_RUBRIC, type templateInput } from '@sirem/core';
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { competencies, evaluationItems, evaluationTemplates } from '../db/schema/evaluations.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

function assertDesign(ctx: Ctx) {
  if (!can(ctx.actor.grants, 'evaluations.design')) throw forbidden('Solo el nivel central define competencias y plantillas de evaluación.');
}

export const listCompetencies = (ctx: Ctx) => ctx.db.select().from(competencies).where(eq(competencies.active, true)).orderBy(asc(competencies.specialtyId), asc(competencies.code)).limit(500);

export async function createCompetency(ctx: Ctx, input: z.infer<typeof competencyInput>) {
  assertDesign(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(competencies).values({ ...input, specialtyId: input.specialtyId ?? null }).onConflictDoNothing().returning();
    if (!row) throw conflict('duplicate', `Ya existe la competencia con clave ${input.code}.`);
    await recordAudit(tx, ctx, { action: 'create', entity: 'competency', entityId: row.id, after: row });
    return row;
  });
}

export async function templateWithItems(db: Db, templateId: number) {
  const [template] = await db.select().from(evaluationTemplates).where(eq(evaluationTemplates.id, templateId));
  if (!template) return null;
  const items = await db.select({ id: evaluationItems.id, text: evaluationItems.text, competencyId: evaluationItems.competencyId, competency: competencies.name }).from(evaluationItems).innerJoin(competencies, eq(competencies.id, evaluationItems.competencyId)).where(eq(evaluationItems.templateId, templateId)).orderBy(asc(evaluationItems.position));
  return { ...template, items };
}

export async function listTemplates(ctx: Ctx) {
  const rows = await ctx.db.select({ id: evaluationTemplates.id }).from(evaluationTemplates).orderBy(asc(evaluationTemplates.id)).limit(200);
  return Promise.all(rows.map((r) => templateWithItems(ctx.db, r.id)));
}

/** Templates are not edited once created, so submitted evaluations keep their meaning. */
export async function createTemplate(ctx: Ctx, input: z.infer<typeof templateInput>) {
  assertDesign(ctx);
  const ids = [...new Set(input.items.map((i) => i.competencyId))];
  const known = await ctx.db.select({ id: competencies.id }).from(competencies).where(inArray(competencies.id, ids));
  if (known.length !== ids.length) throw badRequest('Hay reactivos con una competencia inexistente.', [{ field: 'items', message: 'Elija competencias del catálogo.' }]);
  return ctx.db.transaction(async (tx) => {
    const [template] = await tx.insert(evaluationTemplates).values({ name: input.name, specialtyId: input.specialtyId ?? null, levels: input.levels ?? DEFAULT_RUBRIC }).returning();
    await tx.insert(evaluationItems).values(input.items.map((i, n) => ({ templateId: template.id, competencyId: i.competencyId, position: n + 1, text: i.text })));
    await recordAudit(tx, ctx, { action: 'create', entity: 'evaluation_template', entityId: template.id, after: { ...template, items: input.items.length } });
    return templateWithItems(tx, template.id);
  });
}
