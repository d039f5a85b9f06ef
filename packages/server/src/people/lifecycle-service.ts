import { checkTransition, checkTransitionDate, type ResidentStatus, type TransitionInput } from '@sirem/core';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { academicCycles } from '../db/schema/catalog.ts';
import { enrolments, residentEvents, residents } from '../db/schema/people.ts';
import { badRequest, conflict, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertThesisApproved } from '../evaluations/thesis-service.ts';
import { getResident, sedeDuration } from './residents-service.ts';
import { assertMayManage, assertSedeInScope } from './scope.ts';

export async function nextCycle(db: Db, cycleId: number) {
  const [current] = await db.select().from(academicCycles).where(eq(academicCycles.id, cycleId));
  const [next] = await db.select().from(academicCycles).where(gt(academicCycles.startsOn, current?.startsOn ?? '9999-12-31')).orderBy(academicCycles.startsOn).limit(1);
  if (!next) throw badRequest(`No existe el ciclo académico siguiente a ${current?.code ?? ''}; dé de alta el ciclo primero.`);
  return next;
}

/** Refuses a date that would put the timeline out of order or outside the resident's cycle. */
async function assertTransitionDate(tx: Db, residentId: number, before: typeof residents.$inferSelect, input: TransitionInput) {
  const [latest] = await tx
    .select({ kind: residentEvents.kind, occurredOn: residentEvents.occurredOn })
    .from(residentEvents)
    .where(eq(residentEvents.residentId, residentId))
    .orderBy(desc(residentEvents.occurredOn), desc(residentEvents.id))
    .limit(1);
  const [cycle] = await tx.select({ code: academicCycles.code, startsOn: academicCycles.startsOn, endsOn: academicCycles.endsOn }).from(academicCycles).where(eq(academicCycles.id, before.cycleId));
  const next = input.kind === 'promocion' || input.kind === 'repeticion' ? await nextCycle(tx, before.cycleId) : null;
  const dated = checkTransitionDate(input.kind, input.occurredOn, { fromStatus: before.status as ResidentStatus, latest: latest ?? null, cycle, next });
  if (!dated.ok) throw badRequest(dated.message, [{ field: 'occurredOn', message: dated.message }]);
}

/** Applies one lifecycle transition to a resident, with its event, enrolment and audit row in one transaction. */
export async function applyTransition(ctx: Ctx, residentId: number, input: TransitionInput) {
  const scope = assertMayManage(ctx);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(residents).where(eq(residents.id, residentId));
    if (!before) throw notFound('El residente');
    await assertSedeInScope(tx, scope, before.sedeId);
    if (before.version !== input.version) throw versionConflict(await getResident({ ...ctx, db: tx }, residentId));
    const { durationYears } = await sedeDuration(tx, before.sedeId);
    const check = checkTransition(input.kind, { status: before.status as ResidentStatus, grade: before.grade }, durationYears);
    if (!check.ok) throw conflict('invalid_transition', check.message);
    await assertTransitionDate(tx, residentId, before, input);
    if (input.kind === 'diploma' && before.diplomaNumber)
      throw conflict('diploma_recorded', `El residente ya tiene registrado el diploma ${before.diplomaNumber}.`);
    const changes: Partial<typeof residents.$inferInsert> = { status: check.to, grade: check.grade };
    let cycleId = before.cycleId;
    if (input.kind === 'promocion' || input.kind === 'repeticion') {
      const next = await nextCycle(tx, before.cycleId);
      const [taken] = await tx.select({ id: enrolments.id }).from(enrolments).where(and(eq(enrolments.personId, before.personId), eq(enrolments.cycleId, next.id)));
      if (taken) throw conflict('already_enrolled', `El residente ya está inscrito en el ciclo ${next.code}.`);
      await tx.update(enrolments).set({ outcome: input.kind === 'promocion' ? 'promueve' : 'repite' }).where(and(eq(enrolments.residentId, residentId), eq(enrolments.cycleId, before.cycleId)));
      await tx.insert(enrolments).values({ residentId, personId: before.personId, cycleId: next.id, sedeId: before.sedeId, grade: check.grade });
      cycleId = next.id;
      changes.cycleId = next.id;
    }
    if (input.kind === 'egreso') {
      await assertThesisApproved(tx, residentId);
      Object.assign(changes, { graduatedOn: input.occurredOn, diplomaNumber: input.diplomaNumber });
      await tx.update(enrolments).set({ outcome: 'egresa' }).where(and(eq(enrolments.residentId, residentId), eq(enrolments.cycleId, before.cycleId)));
    }
    if (input.kind === 'diploma') changes.diplomaNumber = input.diplomaNumber;
    if (input.kind === 'baja')
      await tx.update(enrolments).set({ outcome: 'baja' }).where(and(eq(enrolments.residentId, residentId), eq(enrolments.cycleId, before.cycleId)));
    if (input.kind === 'contratacion') Object.assign(changes, { hired: input.hired, hiredUnitId: input.hired ? input.hiredUnitId : null, hiredOn: input.hired ? input.occurredOn : null });
    const [after] = await tx
      .update(residents)
      .set({ ...changes, version: sql`${residents.version} + 1`, updatedAt: new Date() })
      .where(and(eq(residents.id, residentId), eq(residents.version, input.version)))
      .returning();
    if (!after) throw versionConflict(await getResident({ ...ctx, db: tx }, residentId));
    await tx.insert(residentEvents).values({
      residentId,
      kind: input.kind,
      occurredOn: input.occurredOn,
      fromStatus: before.status,
      toStatus: check.to,
      reason: input.reason ?? null,
      cycleId,
      details: { note: input.note ?? null, grade: check.grade, diplomaNumber: input.diplomaNumber ?? null, hired: input.hired ?? null, hiredUnitId: input.hiredUnitId ?? null },
    });
    await recordAudit(tx, ctx, { action: input.kind, entity: 'resident', entityId: residentId, before, after });
  });
  return getResident(ctx, residentId);
}
