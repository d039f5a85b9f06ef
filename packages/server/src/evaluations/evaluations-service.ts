import { type assignmentInput, cycleQuarters, type evaluationInput, gradeFromLevels, scoresProblem } from '@sirem/core';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { academicCycles } from '../db/schema/catalog.ts';
import { evaluations } from '../db/schema/evaluations.ts';
import { persons, residents } from '../db/schema/people.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertSedeInScope } from '../people/scope.ts';
import { managesSede, manageScope, residentOf } from './access.ts';
import { templateWithItems } from './catalog-service.ts';
import { assertEvaluatorBelongs } from './evaluator-check.ts';

/** Assigns an evaluator to a resident for one quarter; self-evaluations go to the resident's own account. */
export async function assignEvaluation(ctx: Ctx, input: z.infer<typeof assignmentInput>) {
  const scope = manageScope(ctx);
  const resident = await residentOf(ctx.db, input.residentId);
  const place = await assertSedeInScope(ctx.db, scope, resident.sedeId);
  const [cycle] = await ctx.db.select().from(academicCycles).where(eq(academicCycles.id, input.cycleId));
  if (!cycle) throw badRequest('El ciclo no existe.', [{ field: 'cycleId', message: 'Elija un ciclo existente.' }]);
  if (!(await templateWithItems(ctx.db, input.templateId))) throw badRequest('La plantilla no existe.', [{ field: 'templateId', message: 'Elija una plantilla existente.' }]);
  const evaluator = input.evaluatorKind === 'autoevaluacion' ? resident.userId : input.evaluatorUserId;
  if (!evaluator) throw badRequest(input.evaluatorKind === 'autoevaluacion' ? 'El residente no tiene cuenta para autoevaluarse.' : 'Elija a la persona que evalúa.', [{ field: 'evaluatorUserId', message: 'Falta el evaluador.' }]);
  if (input.evaluatorKind !== 'autoevaluacion' && evaluator === resident.userId) throw badRequest('Para que el residente se evalúe a sí mismo, use el tipo autoevaluación.', [{ field: 'evaluatorKind', message: 'Use autoevaluación.' }]);
  await assertEvaluatorBelongs(ctx.db, input.evaluatorKind, evaluator, resident, place.unitId);
  const quarter = cycleQuarters(cycle.startsOn)[input.period - 1];
  return ctx.db.transaction(async (tx) => {
    // No unique key covers an assignment, so simultaneous requests for one resident queue on the
    // resident's row (a lock that still lets other rows referencing the resident be written).
    await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, input.residentId)).for('no key update');
    const [dup] = await tx.select({ id: evaluations.id }).from(evaluations).where(and(eq(evaluations.residentId, input.residentId), eq(evaluations.cycleId, input.cycleId), eq(evaluations.period, input.period), eq(evaluations.templateId, input.templateId), eq(evaluations.evaluatorUserId, evaluator)));
    if (dup) throw conflict('duplicate', 'Esa persona ya tiene asignada esta evaluación del residente en ese trimestre.');
    const [row] = await tx.insert(evaluations).values({ residentId: input.residentId, cycleId: input.cycleId, period: input.period, periodStartsOn: quarter.startsOn, periodEndsOn: quarter.endsOn, templateId: input.templateId, evaluatorKind: input.evaluatorKind, evaluatorUserId: evaluator, assignedBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx, { action: 'assign', entity: 'evaluation', entityId: row.id, after: row });
    return row;
  });
}

const listColumns = { id: evaluations.id, residentId: evaluations.residentId, residentName: sql<string>`${persons.givenNames} || ' ' || ${persons.firstSurname}`, cycleId: evaluations.cycleId, period: evaluations.period, evaluatorKind: evaluations.evaluatorKind, status: evaluations.status, grade: evaluations.grade, version: evaluations.version };

/** What the actor has to fill in (or may still correct before the resident acknowledges), newest first. */
export async function assignedToMe(ctx: Ctx, q: { cursor?: string; limit: number }) {
  const before = q.cursor ? decodeCursor(q.cursor)[1] : undefined;
  const rows = await ctx.db.select(listColumns).from(evaluations).innerJoin(residents, eq(residents.id, evaluations.residentId)).innerJoin(persons, eq(persons.id, residents.personId))
    .where(and(eq(evaluations.evaluatorUserId, ctx.actor.userId), inArray(evaluations.status, ['asignada', 'enviada']), before ? lt(evaluations.id, before) : undefined)).orderBy(desc(evaluations.id)).limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id, last.id) : null };
}

/** The resident's own evaluations once submitted (drafts stay with the evaluator). */
export async function myEvaluations(ctx: Ctx) {
  return ctx.db.select(listColumns).from(evaluations).innerJoin(residents, eq(residents.id, evaluations.residentId)).innerJoin(persons, eq(persons.id, residents.personId))
    .where(and(eq(persons.userId, ctx.actor.userId), inArray(evaluations.status, ['enviada', 'reconocida']))).orderBy(desc(evaluations.cycleId), desc(evaluations.period)).limit(200);
}

async function loadFor(ctx: Ctx, id: number) {
  const [row] = await ctx.db.select().from(evaluations).where(eq(evaluations.id, id));
  if (!row) throw notFound('La evaluación');
  const resident = await residentOf(ctx.db, row.residentId);
  const role = row.evaluatorUserId === ctx.actor.userId ? 'evaluator' : resident.userId === ctx.actor.userId ? 'resident' : (await managesSede(ctx, resident.sedeId)) ? 'manager' : null;
  if (!role || (role === 'resident' && row.status === 'asignada')) throw forbidden('Esta evaluación no está a su alcance.');
  return { row, resident, role };
}

export async function getEvaluation(ctx: Ctx, id: number) {
  const { row, resident, role } = await loadFor(ctx, id);
  return { ...row, residentName: `${resident.name} ${resident.surname}`, viewerRole: role, template: await templateWithItems(ctx.db, row.templateId) };
}

/** The evaluator fills or corrects the rubric; refused once the resident has acknowledged it. */
export async function submitEvaluation(ctx: Ctx, id: number, input: z.infer<typeof evaluationInput>) {
  const { row, role } = await loadFor(ctx, id);
  if (role !== 'evaluator') throw forbidden('Solo la persona asignada llena esta evaluación.');
  if (row.status === 'reconocida') throw conflict('acknowledged', 'El residente ya firmó de enterado esta evaluación; ya no se puede modificar. Si hay un error, asigne una evaluación nueva.');
  const template = await templateWithItems(ctx.db, row.templateId);
  const levels = template?.levels ?? [];
  const problem = scoresProblem(template?.items.map((i) => i.id) ?? [], input.scores, levels);
  if (problem) throw badRequest(problem, [{ field: 'scores', message: problem }]);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx.update(evaluations)
      .set({ scores: input.scores, grade: String(gradeFromLevels(input.scores.map((s) => s.level), levels)), comment: input.comment, status: 'enviada', submittedAt: new Date(), version: sql`${evaluations.version} + 1` })
      .where(and(eq(evaluations.id, id), eq(evaluations.version, input.version), inArray(evaluations.status, ['asignada', 'enviada']))).returning();
    if (!after) {
      const [current] = await tx.select().from(evaluations).where(eq(evaluations.id, id));
      if (current?.status === 'reconocida') throw conflict('acknowledged', 'El residente ya firmó de enterado esta evaluación; ya no se puede modificar.');
      throw versionConflict(current);
    }
    await recordAudit(tx, ctx, { action: row.status === 'asignada' ? 'submit' : 'correct', entity: 'evaluation', entityId: id, before: row, after });
    return after;
  });
}

/** The resident acknowledges having seen a submitted evaluation; from then on it is final. */
export async function acknowledgeEvaluation(ctx: Ctx, id: number, version: number) {
  const { row, role } = await loadFor(ctx, id);
  if (role !== 'resident') throw forbidden('Solo el residente evaluado firma de enterado.');
  if (row.status !== 'enviada') throw conflict('not_submitted', row.status === 'reconocida' ? 'Ya había firmado de enterado esta evaluación.' : 'La evaluación aún no ha sido enviada.');
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx.update(evaluations).set({ status: 'reconocida', acknowledgedAt: new Date(), version: sql`${evaluations.version} + 1` }).where(and(eq(evaluations.id, id), eq(evaluations.version, version))).returning();
    if (!after) throw versionConflict((await tx.select().from(evaluations).where(eq(evaluations.id, id)))[0]);
    await recordAudit(tx, ctx, { action: 'acknowledge', entity: 'evaluation', entityId: id, before: { status: row.status }, after: { status: after.status, version: after.version } });
    return after;
  });
}
