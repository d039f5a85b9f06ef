import { egresoThesisProblem, id, type PromotionOutcome, promotionOutcome, type ResidentStatus, type Scope, scopeCovers } from '@sirem/core';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { sedes, units } from '../db/schema/catalog.ts';
import { theses } from '../db/schema/evaluations.ts';
import { persons, residents } from '../db/schema/people.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { residentColumns, residentJoin, whereAll } from './resident-query.ts';
import { peopleScopeSql } from './scope.ts';

export const promotionInput = z
  .object({
    cycleId: id,
    unitId: id.optional(),
    ooadId: id.optional(),
    repeatResidentIds: z.array(id).max(5000).default([]),
  })
  .refine((p) => p.unitId || p.ooadId, { path: ['unitId'], message: 'Elija la unidad o el OOAD a promover.' });
export type PromotionInput = z.infer<typeof promotionInput>;

/** A bulk promotion's decision per resident; 'bloqueado' is a graduate who cannot graduate yet. */
export type BulkOutcome = Exclude<PromotionOutcome, 'sin_cambio'> | 'bloqueado';
export type Candidate = {
  id: number;
  personId: number;
  fullName: string;
  specialtyName: string;
  unitName: string;
  grade: number;
  durationYears: number;
  sedeId: number;
  outcome: BulkOutcome;
  blockedReason: string | null;
};

/** The unit or OOAD asked for must lie within the actor's scope: an empty preview would hide the refusal. */
export async function assertAreaInScope(db: Db, scope: Scope, input: PromotionInput) {
  if (scope.kind === 'all') return;
  if (input.ooadId && !(scope.kind === 'some' && scope.ooadIds.includes(input.ooadId)))
    throw forbidden('El OOAD elegido está fuera de su ámbito; elija su unidad o su OOAD.');
  if (input.unitId) {
    const [unit] = await db.select({ id: units.id, ooadId: units.ooadId }).from(units).where(eq(units.id, input.unitId));
    if (!unit) throw notFound('La unidad');
    const sedeIds = (await db.select({ id: sedes.id }).from(sedes).where(eq(sedes.unitId, unit.id))).map((s) => s.id);
    if (!scopeCovers(scope, { ooadId: unit.ooadId, unitId: unit.id, sedeIds })) throw forbidden('La unidad elegida está fuera de su ámbito (OOAD o unidad asignados).');
  }
}

/** Who is promoted, who repeats and who graduates when the cycle closes (1 March), within the actor's scope. */
export async function candidates(ctx: Ctx, db: Db, scope: Scope, input: PromotionInput): Promise<Candidate[]> {
  const repeat = new Set(input.repeatResidentIds);
  const rows = await residentJoin(db, { ...residentColumns, thesisStatus: theses.status })
    .leftJoin(theses, eq(theses.residentId, residents.id))
    .where(
      whereAll(
        peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: residents.sedeId, userId: persons.userId }),
        eq(residents.cycleId, input.cycleId),
        eq(residents.status, 'activo'),
        input.unitId ? eq(sedes.unitId, input.unitId) : undefined,
        input.ooadId ? eq(units.ooadId, input.ooadId) : undefined,
      ),
    );
  return (rows as unknown as (Omit<Candidate, 'outcome' | 'blockedReason'> & { thesisStatus: string | null })[])
    .map(({ thesisStatus, ...r }) => {
      const outcome = promotionOutcome({ status: 'activo' as ResidentStatus, grade: r.grade, repeat: repeat.has(r.id) }, r.durationYears) as Exclude<PromotionOutcome, 'sin_cambio'>;
      const blockedReason = outcome === 'egresa' ? egresoThesisProblem(thesisStatus) : null;
      return { ...r, outcome: blockedReason ? ('bloqueado' as const) : outcome, blockedReason };
    })
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'es'));
}
