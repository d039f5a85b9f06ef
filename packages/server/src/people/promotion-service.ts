import { DIPLOMA_PENDING } from '@sirem/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit, recordAudits } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { academicCycles } from '../db/schema/catalog.ts';
import { enrolments, residentEvents, residents } from '../db/schema/people.ts';
import { badRequest } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { nextCycle } from './lifecycle-service.ts';
import { assertAreaInScope, type BulkOutcome, type Candidate, candidates, type PromotionInput } from './promotion-candidates.ts';
import { assertMayManage } from './scope.ts';

export { promotionInput } from './promotion-candidates.ts';

const KIND = { promueve: 'promocion', repite: 'repeticion', egresa: 'egreso' } as const;

async function cycles(db: Db, cycleId: number) {
  const [cycle] = await db.select().from(academicCycles).where(eq(academicCycles.id, cycleId));
  if (!cycle) throw badRequest('El ciclo académico no existe.', [{ field: 'cycleId', message: 'Ciclo inexistente.' }]);
  return { cycle, next: await nextCycle(db, cycle.id) };
}

const totalsOf = (list: Candidate[]) => {
  const count = (o: BulkOutcome) => list.filter((c) => c.outcome === o).length;
  return { promueve: count('promueve'), repite: count('repite'), egresa: count('egresa'), bloqueado: count('bloqueado') };
};

export async function previewPromotion(ctx: Ctx, input: PromotionInput) {
  const scope = assertMayManage(ctx);
  await assertAreaInScope(ctx.db, scope, input);
  const { cycle, next } = await cycles(ctx.db, input.cycleId);
  const items = (await candidates(ctx, ctx.db, scope, input)).map((c) => ({
    ...c,
    nextGrade: c.outcome === 'promueve' ? c.grade + 1 : c.grade,
    // A bulk egreso records no diploma number; it is filled in later on the resident's record.
    diplomaPending: c.outcome === 'egresa',
  }));
  const totals = totalsOf(items);
  return { fromCycle: cycle.code, toCycle: next.code, effectiveOn: next.startsOn, totals, diplomaNote: totals.egresa ? DIPLOMA_PENDING : null, items };
}

/** Applies the previewed promotion in one transaction: all residents move, or none. Blocked graduates stay as they are. */
export async function confirmPromotion(ctx: Ctx, input: PromotionInput) {
  const scope = assertMayManage(ctx);
  return ctx.db.transaction(async (tx) => {
    await assertAreaInScope(tx, scope, input);
    const { cycle, next } = await cycles(tx, input.cycleId);
    const all = await candidates(ctx, tx, scope, input);
    const list = all.filter((c) => c.outcome !== 'bloqueado');
    const blocked = all.filter((c) => c.outcome === 'bloqueado').map((c) => ({ id: c.id, fullName: c.fullName, reason: c.blockedReason }));
    const ids = list.map((c) => c.id);
    const moving = list.filter((c) => c.outcome !== 'egresa');
    const graduating = list.filter((c) => c.outcome === 'egresa');
    const before = ids.length ? await tx.select().from(residents).where(inArray(residents.id, ids)) : [];
    if (list.length)
      await tx.update(enrolments).set({ outcome: sql`case when ${inArray(enrolments.residentId, graduating.map((g) => g.id).concat(0))} then 'egresa' when ${inArray(enrolments.residentId, input.repeatResidentIds.concat(0))} then 'repite' else 'promueve' end` }).where(and(eq(enrolments.cycleId, cycle.id), inArray(enrolments.residentId, ids)));
    for (const c of moving) {
      const grade = c.outcome === 'promueve' ? c.grade + 1 : c.grade;
      await tx.update(residents).set({ grade, cycleId: next.id, version: sql`${residents.version} + 1`, updatedAt: new Date() }).where(eq(residents.id, c.id));
    }
    if (moving.length)
      await tx.insert(enrolments).values(moving.map((c) => ({ residentId: c.id, personId: c.personId, cycleId: next.id, sedeId: c.sedeId, grade: c.outcome === 'promueve' ? c.grade + 1 : c.grade })));
    if (graduating.length)
      await tx.update(residents).set({ status: 'egresado', graduatedOn: cycle.endsOn, version: sql`${residents.version} + 1`, updatedAt: new Date() }).where(inArray(residents.id, graduating.map((g) => g.id)));
    if (list.length) {
      await tx.insert(residentEvents).values(
        list.map((c) => ({
          residentId: c.id,
          kind: KIND[c.outcome as keyof typeof KIND],
          occurredOn: c.outcome === 'egresa' ? cycle.endsOn : next.startsOn,
          fromStatus: 'activo',
          toStatus: c.outcome === 'egresa' ? 'egresado' : 'activo',
          cycleId: c.outcome === 'egresa' ? cycle.id : next.id,
          details: { grade: c.outcome === 'promueve' ? c.grade + 1 : c.grade, bulk: true, ...(c.outcome === 'egresa' ? { diplomaPending: true } : {}) },
        })),
      );
      const after = new Map((await tx.select().from(residents).where(inArray(residents.id, ids))).map((r) => [r.id, r]));
      const outcomeOf = new Map(list.map((c) => [c.id, c.outcome]));
      await recordAudits(tx, ctx, before.map((b) => ({ action: KIND[outcomeOf.get(b.id) as keyof typeof KIND], entity: 'resident', entityId: b.id, before: b, after: after.get(b.id) })));
    }
    const totals = totalsOf(all);
    await recordAudit(tx, ctx, { action: 'bulk_promotion', entity: 'resident', entityId: null, after: { fromCycle: cycle.code, toCycle: next.code, unitId: input.unitId ?? null, ooadId: input.ooadId ?? null, totals, residentIds: ids, blockedIds: blocked.map((b) => b.id) } });
    return { fromCycle: cycle.code, toCycle: next.code, totals, blocked, diplomaNote: totals.egresa ? DIPLOMA_PENDING : null };
  });
}
