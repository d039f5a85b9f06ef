import { type PromotionOutcome, promotionOutcome, type ResidentStatus, id } from '@sirem/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { academicCycles, sedes, units } from '../db/schema/catalog.ts';
import { enrolments, persons, residentEvents, residents } from '../db/schema/people.ts';
import { badRequest } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { nextCycle } from './lifecycle-service.ts';
import { residentColumns, residentJoin, whereAll } from './resident-query.ts';
import { assertMayManage, peopleScopeSql } from './scope.ts';

export const promotionInput = z
  .object({
    cycleId: id,
    unitId: id.optional(),
    ooadId: id.optional(),
    repeatResidentIds: z.array(id).max(5000).default([]),
  })
  .refine((p) => p.unitId || p.ooadId, { path: ['unitId'], message: 'Elija la unidad o el OOAD a promover.' });
export type PromotionInput = z.infer<typeof promotionInput>;

type Candidate = { id: number; personId: number; fullName: string; specialtyName: string; unitName: string; grade: number; durationYears: number; sedeId: number; outcome: PromotionOutcome };

/** Who is promoted, who repeats and who graduates when the cycle closes (1 March), within the actor's scope. */
async function candidates(ctx: Ctx, db: Db, input: PromotionInput): Promise<Candidate[]> {
  const scope = assertMayManage(ctx);
  const repeat = new Set(input.repeatResidentIds);
  const rows = await residentJoin(db, residentColumns).where(
    whereAll(
      peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: residents.sedeId, userId: persons.userId }),
      eq(residents.cycleId, input.cycleId),
      eq(residents.status, 'activo'),
      input.unitId ? eq(sedes.unitId, input.unitId) : undefined,
      input.ooadId ? eq(units.ooadId, input.ooadId) : undefined,
    ),
  );
  return (rows as unknown as Omit<Candidate, 'outcome'>[])
    .map((r) => ({ ...r, outcome: promotionOutcome({ status: 'activo' as ResidentStatus, grade: r.grade, repeat: repeat.has(r.id) }, r.durationYears) }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'es'));
}

export async function previewPromotion(ctx: Ctx, input: PromotionInput) {
  assertMayManage(ctx);
  const [cycle] = await ctx.db.select().from(academicCycles).where(eq(academicCycles.id, input.cycleId));
  if (!cycle) throw badRequest('El ciclo académico no existe.', [{ field: 'cycleId', message: 'Ciclo inexistente.' }]);
  const next = await nextCycle(ctx.db, cycle.id);
  const items = (await candidates(ctx, ctx.db, input)).map((c) => ({ ...c, nextGrade: c.outcome === 'promueve' ? c.grade + 1 : c.grade }));
  const count = (o: PromotionOutcome) => items.filter((i) => i.outcome === o).length;
  return { fromCycle: cycle.code, toCycle: next.code, effectiveOn: next.startsOn, totals: { promueve: count('promueve'), repite: count('repite'), egresa: count('egresa') }, items };
}

/** Applies the previewed promotion in one transaction: all residents move, or none. */
export async function confirmPromotion(ctx: Ctx, input: PromotionInput) {
  assertMayManage(ctx);
  return ctx.db.transaction(async (tx) => {
    const [cycle] = await tx.select().from(academicCycles).where(eq(academicCycles.id, input.cycleId));
    if (!cycle) throw badRequest('El ciclo académico no existe.', [{ field: 'cycleId', message: 'Ciclo inexistente.' }]);
    const next = await nextCycle(tx, cycle.id);
    const list = await candidates(ctx, tx, input);
    const moving = list.filter((c) => c.outcome !== 'egresa');
    const graduating = list.filter((c) => c.outcome === 'egresa');
    if (list.length)
      await tx.update(enrolments).set({ outcome: sql`case when ${inArray(enrolments.residentId, graduating.map((g) => g.id).concat(0))} then 'egresa' when ${inArray(enrolments.residentId, input.repeatResidentIds.concat(0))} then 'repite' else 'promueve' end` }).where(and(eq(enrolments.cycleId, cycle.id), inArray(enrolments.residentId, list.map((c) => c.id))));
    for (const c of moving) {
      const grade = c.outcome === 'promueve' ? c.grade + 1 : c.grade;
      await tx.update(residents).set({ grade, cycleId: next.id, version: sql`${residents.version} + 1`, updatedAt: new Date() }).where(eq(residents.id, c.id));
    }
    if (moving.length)
      await tx.insert(enrolments).values(moving.map((c) => ({ residentId: c.id, personId: c.personId, cycleId: next.id, sedeId: c.sedeId, grade: c.outcome === 'promueve' ? c.grade + 1 : c.grade })));
    if (graduating.length)
      await tx.update(residents).set({ status: 'egresado', graduatedOn: cycle.endsOn, version: sql`${residents.version} + 1`, updatedAt: new Date() }).where(inArray(residents.id, graduating.map((g) => g.id)));
    if (list.length)
      await tx.insert(residentEvents).values(
        list.map((c) => ({
          residentId: c.id,
          kind: c.outcome === 'promueve' ? 'promocion' : c.outcome === 'repite' ? 'repeticion' : 'egreso',
          occurredOn: c.outcome === 'egresa' ? cycle.endsOn : next.startsOn,
          fromStatus: 'activo',
          toStatus: c.outcome === 'egresa' ? 'egresado' : 'activo',
          cycleId: c.outcome === 'egresa' ? cycle.id : next.id,
          details: { grade: c.outcome === 'promueve' ? c.grade + 1 : c.grade, bulk: true },
        })),
      );
    const totals = { promueve: list.filter((c) => c.outcome === 'promueve').length, repite: list.filter((c) => c.outcome === 'repite').length, egresa: graduating.length };
    await recordAudit(tx, ctx, { action: 'bulk_promotion', entity: 'resident', entityId: null, after: { fromCycle: cycle.code, toCycle: next.code, unitId: input.unitId ?? null, ooadId: input.ooadId ?? null, totals, residentIds: list.map((c) => c.id) } });
    return { fromCycle: cycle.code, toCycle: next.code, totals };
  });
}
