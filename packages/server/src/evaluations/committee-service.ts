import { type decisionInput, mexicoToday } from '@sirem/core';
import { and, avg, count, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { progressSummaries } from '../activity/progress-service.ts';
import { recordAudit } from '../audit/record.ts';
import { academicCycles } from '../db/schema/catalog.ts';
import { users } from '../db/schema/access.ts';
import { evaluations, promotionDecisions, theses, unitEvaluators } from '../db/schema/evaluations.ts';
import { enrolments, facultyAppointments, persons, residents } from '../db/schema/people.ts';
import { absences } from '../db/schema/rotations.ts';
import { badRequest, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertSedeInScope } from '../people/scope.ts';
import { manageScope, residentOf } from './access.ts';

/**
 * The promotion committee's view of one sede and cycle: per resident, the mean grade of each
 * quarter (submitted evaluations), activity progress against the minimums of their grade,
 * approved absence days, thesis status and the decision taken.
 */
export async function committeeView(ctx: Ctx, sedeId: number, cycleId: number) {
  const place = await assertSedeInScope(ctx.db, manageScope(ctx), sedeId);
  const [cycle] = await ctx.db.select().from(academicCycles).where(eq(academicCycles.id, cycleId));
  if (!cycle) throw badRequest('El ciclo no existe.', [{ field: 'cycleId', message: 'Elija un ciclo existente.' }]);
  const roster = await ctx.db.select({ residentId: enrolments.residentId, grade: enrolments.grade, name: sql<string>`${persons.firstSurname} || ' ' || coalesce(${persons.secondSurname} || ' ', '') || ${persons.givenNames}` })
    .from(enrolments).innerJoin(persons, eq(persons.id, enrolments.personId)).where(and(eq(enrolments.sedeId, sedeId), eq(enrolments.cycleId, cycleId))).orderBy(persons.firstSurname).limit(500);
  const ids = roster.map((r) => r.residentId).concat(0);
  const grades = await ctx.db.select({ residentId: evaluations.residentId, period: evaluations.period, mean: avg(evaluations.grade), n: count() }).from(evaluations)
    .where(and(inArray(evaluations.residentId, ids), eq(evaluations.cycleId, cycleId), inArray(evaluations.status, ['enviada', 'reconocida']))).groupBy(evaluations.residentId, evaluations.period);
  const days = sql<number>`coalesce(sum(least(${absences.endsOn}, ${cycle.endsOn}::date) - greatest(${absences.startsOn}, ${cycle.startsOn}::date) + 1), 0)::int`;
  const absent = await ctx.db.select({ residentId: absences.residentId, days }).from(absences)
    .where(and(inArray(absences.residentId, ids), eq(absences.status, 'aprobada'), lte(absences.startsOn, cycle.endsOn), gte(absences.endsOn, cycle.startsOn))).groupBy(absences.residentId);
  const thesis = await ctx.db.select({ residentId: theses.residentId, status: theses.status, title: theses.title }).from(theses).where(inArray(theses.residentId, ids));
  const activity = await progressSummaries(ctx.db, sedeId, roster, cycleFraction(cycle, mexicoToday()));
  const decisions = await ctx.db.select().from(promotionDecisions).where(and(inArray(promotionDecisions.residentId, ids), eq(promotionDecisions.cycleId, cycleId)));
  return {
    sedeId, cycle: { id: cycle.id, code: cycle.code }, evaluators: await sedeAccounts(ctx, sedeId, place.unitId), unitId: place.unitId,
    residents: roster.map((r) => ({
      ...r,
      quarters: [1, 2, 3, 4].map((p) => {
        const g = grades.find((x) => x.residentId === r.residentId && x.period === p);
        return { period: p, evaluations: g ? Number(g.n) : 0, mean: g?.mean == null ? null : Math.round(Number(g.mean) * 10) / 10 };
      }),
      activity: activity.get(r.residentId) ?? null,
      absenceDays: Number(absent.find((a) => a.residentId === r.residentId)?.days ?? 0),
      thesis: thesis.find((t) => t.residentId === r.residentId) ?? null,
      decision: decisions.find((d) => d.residentId === r.residentId) ?? null,
    })),
  };
}

/** How far into the cycle the committee meets: a past cycle counts whole, a future one not at all. */
const cycleFraction = (cycle: { startsOn: string; endsOn: string }, today: string) =>
  Math.min(1, Math.max(0, (Date.parse(today) - Date.parse(cycle.startsOn)) / (Date.parse(cycle.endsOn) - Date.parse(cycle.startsOn))));

/** Accounts that can be assigned as evaluators at a sede: its current teachers, (as peers) its residents and the nursing staff registered at its unit. */
async function sedeAccounts(ctx: Ctx, sedeId: number, unitId: number) {
  const name = sql<string>`${persons.givenNames} || ' ' || ${persons.firstSurname}`;
  const teachers = await ctx.db.selectDistinct({ userId: sql<number>`${persons.userId}`, name, kind: sql<string>`'profesor'` }).from(facultyAppointments).innerJoin(persons, eq(persons.id, facultyAppointments.personId))
    .where(and(eq(facultyAppointments.sedeId, sedeId), isNotNull(persons.userId), or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, sql`current_date`))));
  const peers = await ctx.db.selectDistinct({ userId: sql<number>`${persons.userId}`, name, kind: sql<string>`'par'` }).from(residents).innerJoin(persons, eq(persons.id, residents.personId))
    .where(and(eq(residents.sedeId, sedeId), isNotNull(persons.userId), inArray(residents.status, ['alta', 'activo'])));
  const nurses = await ctx.db.select({ userId: unitEvaluators.userId, name: users.displayName, kind: sql<string>`'enfermeria'` }).from(unitEvaluators).innerJoin(users, eq(users.id, unitEvaluators.userId))
    .where(and(eq(unitEvaluators.unitId, unitId), eq(unitEvaluators.active, true), eq(users.active, true)));
  return [...teachers, ...peers, ...nurses];
}

/** Records or revises the committee's decision; a revision must carry the version it read. */
export async function decide(ctx: Ctx, input: z.infer<typeof decisionInput> & { version?: number }) {
  const scope = manageScope(ctx);
  const resident = await residentOf(ctx.db, input.residentId);
  await assertSedeInScope(ctx.db, scope, resident.sedeId);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(promotionDecisions).where(and(eq(promotionDecisions.residentId, input.residentId), eq(promotionDecisions.cycleId, input.cycleId)));
    if (before && before.version !== input.version) throw versionConflict(before);
    const values = { decision: input.decision, rationale: input.rationale, decidedBy: ctx.actor.userId, decidedAt: new Date() };
    // Two members deciding at once: the unique (resident, cycle) key settles a first decision and the
    // version predicate a revision; whoever lost hears the decision as it now stands.
    const [after] = before
      ? await tx.update(promotionDecisions).set({ ...values, version: sql`${promotionDecisions.version} + 1` }).where(and(eq(promotionDecisions.id, before.id), eq(promotionDecisions.version, before.version))).returning()
      : await tx.insert(promotionDecisions).values({ ...values, residentId: input.residentId, cycleId: input.cycleId }).onConflictDoNothing({ target: [promotionDecisions.residentId, promotionDecisions.cycleId] }).returning();
    if (!after) throw versionConflict((await tx.select().from(promotionDecisions).where(and(eq(promotionDecisions.residentId, input.residentId), eq(promotionDecisions.cycleId, input.cycleId))))[0]);
    await recordAudit(tx, ctx, { action: before ? 'revise' : 'decide', entity: 'promotion_decision', entityId: after.id, before: before ?? null, after });
    return after;
  });
}
