import { type AbsenceInput, type Action, can, checkVacation, isoDate, resolveScope, VACATION_POLICY, id } from '@sirem/core';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { academicCycles, sedes, units } from '../db/schema/catalog.ts';
import { persons, residents } from '../db/schema/people.ts';
import { absences } from '../db/schema/rotations.ts';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertSedeInScope, peopleScopeSql, readScope } from '../people/scope.ts';

export const absenceQuery = z.object({
  residentId: id.optional(),
  unitId: id.optional(),
  status: z.enum(['solicitada', 'aprobada', 'rechazada']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** The institution may set its entitlement (SIREM_VACATION_PERIODS, SIREM_VACATION_DAYS); the default is 2 × 10 working days. */
const vacationPolicy = (env = process.env) => ({
  periodsPerCycle: Number(env.SIREM_VACATION_PERIODS ?? VACATION_POLICY.periodsPerCycle),
  workingDaysPerPeriod: Number(env.SIREM_VACATION_DAYS ?? VACATION_POLICY.workingDaysPerPeriod),
});

async function residentOf(db: Db, id: number) {
  const [r] = await db.select({ id: residents.id, sedeId: residents.sedeId, userId: persons.userId }).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).where(eq(residents.id, id));
  if (!r) throw badRequest('El residente no existe.', [{ field: 'residentId', message: 'Residente inexistente.' }]);
  return r;
}

/** A resident asks for their own absence; a coordinator may register one for a resident in scope. */
export async function requestAbsence(ctx: Ctx, input: AbsenceInput) {
  if (!can(ctx.actor.grants, 'absences.request') && !can(ctx.actor.grants, 'rotations.manage' as Action)) throw forbidden('No tiene permiso para solicitar ausencias.');
  return ctx.db.transaction(async (tx) => {
    const r = await residentOf(tx, input.residentId);
    const own = r.userId === ctx.actor.userId && can(ctx.actor.grants, 'absences.request');
    if (!own) await assertSedeInScope(tx, manageScope(ctx), r.sedeId);
    const [clash] = await tx.select({ id: absences.id }).from(absences).where(and(eq(absences.residentId, input.residentId), inArray(absences.status, ['solicitada', 'aprobada']), lte(absences.startsOn, input.endsOn), gte(absences.endsOn, input.startsOn)));
    if (clash) throw conflict('absence_overlap', 'Ya hay una ausencia solicitada o aprobada en esas fechas.');
    if (input.kind === 'vacaciones') {
      const [cycle] = await tx.select().from(academicCycles).where(and(lte(academicCycles.startsOn, input.startsOn), gte(academicCycles.endsOn, input.startsOn)));
      const taken = cycle ? await tx.$count(absences, and(eq(absences.residentId, input.residentId), eq(absences.kind, 'vacaciones'), inArray(absences.status, ['solicitada', 'aprobada']), gte(absences.startsOn, cycle.startsOn), lte(absences.startsOn, cycle.endsOn))) : 0;
      const problem = checkVacation(input, taken, vacationPolicy());
      if (problem) throw badRequest(problem, [{ field: 'endsOn', message: problem }]);
    }
    const [row] = await tx.insert(absences).values({ ...input, note: input.note ?? null, requestedBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx, { action: 'request', entity: 'absence', entityId: row.id, after: row });
    return row;
  });
}

function manageScope(ctx: Ctx) {
  const scope = resolveScope(ctx.actor.grants, 'rotations.manage');
  if (scope.kind === 'none') throw forbidden('Solo la coordinación aprueba o registra ausencias de otros.');
  return scope;
}

export async function decideAbsence(ctx: Ctx, id: number, decision: { status: 'aprobada' | 'rechazada'; note?: string | null; version: number }) {
  const scope = manageScope(ctx);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(absences).where(eq(absences.id, id));
    if (!before) throw notFound('La ausencia');
    await assertSedeInScope(tx, scope, (await residentOf(tx, before.residentId)).sedeId);
    if (before.status !== 'solicitada') throw conflict('already_decided', `La ausencia ya fue ${before.status}.`);
    const [after] = await tx.update(absences).set({ status: decision.status, note: decision.note ?? before.note, decidedBy: ctx.actor.userId, decidedAt: new Date(), version: sql`${absences.version} + 1` }).where(and(eq(absences.id, id), eq(absences.version, decision.version))).returning();
    if (!after) throw versionConflict(before);
    await recordAudit(tx, ctx, { action: decision.status === 'aprobada' ? 'approve' : 'reject', entity: 'absence', entityId: id, before, after });
    return after;
  });
}

export async function listAbsences(ctx: Ctx, q: z.infer<typeof absenceQuery>) {
  const scope = readScope(ctx);
  return ctx.db
    .select({ id: absences.id, residentId: absences.residentId, kind: absences.kind, startsOn: absences.startsOn, endsOn: absences.endsOn, status: absences.status, note: absences.note, version: absences.version, fullName: sql<string>`${persons.firstSurname} || ' ' || ${persons.givenNames}` })
    .from(absences)
    .innerJoin(residents, eq(residents.id, absences.residentId))
    .innerJoin(persons, eq(persons.id, residents.personId))
    .innerJoin(sedes, eq(sedes.id, residents.sedeId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .where(and(
      peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: residents.sedeId, userId: persons.userId }),
      q.residentId ? eq(absences.residentId, q.residentId) : undefined,
      q.unitId ? eq(sedes.unitId, q.unitId) : undefined,
      q.status ? eq(absences.status, q.status) : undefined,
      q.from ? gte(absences.endsOn, q.from) : undefined,
      q.to ? lte(absences.startsOn, q.to) : undefined,
    ))
    .orderBy(absences.startsOn)
    .limit(2000);
}
