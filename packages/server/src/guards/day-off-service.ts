import { can, id, isoDate } from '@sirem/core';
import { and, asc, eq, exists, gte, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { guardDayOffRequests, rosters } from '../db/schema/guards.ts';
import { persons, residents } from '../db/schema/people.ts';
import { clinicalServices, rotations } from '../db/schema/rotations.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { monthRange } from './facts.ts';
import { unitReach } from './guard-scope.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'El mes se escribe aaaa-mm.' });
export const dayOffInput = z.object({
  month,
  dates: z.array(isoDate).max(10, { message: 'Pida como máximo 10 días libres por mes.' }),
  note: z.string().trim().max(300).nullish(),
});
export const dayOffQuery = z.object({ unitId: id.optional(), month: month.optional() });

const columns = { id: guardDayOffRequests.id, residentId: guardDayOffRequests.residentId, date: guardDayOffRequests.date, note: guardDayOffRequests.note, grade: residents.grade, name: sql<string>`${persons.givenNames} || ' ' || ${persons.firstSurname}` };

async function ownResident(ctx: Ctx) {
  const [me] = await ctx.db.select({ id: residents.id }).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).where(eq(persons.userId, ctx.actor.userId)).limit(1);
  return me ?? null;
}

/** The signed-in resident sets the days off they ask for in a month; earlier requests for that month are replaced. */
export async function setDayOffRequests(ctx: Ctx, input: z.infer<typeof dayOffInput>) {
  if (!can(ctx.actor.grants, 'absences.request')) throw forbidden('Solo un residente solicita días libres de guardia.');
  const me = await ownResident(ctx);
  if (!me) throw notFound('Su registro de residente');
  const range = monthRange(input.month);
  const outside = input.dates.filter((d) => d < range.first || d > range.last);
  if (outside.length) throw badRequest(`Los días pedidos deben ser de ${input.month}.`, outside.map((d) => ({ field: 'dates', message: `${d} no es de ${input.month}.` })));
  const [published] = await ctx.db.select({ id: rosters.id }).from(rosters)
    .where(and(eq(rosters.month, input.month), eq(rosters.status, 'published'), sql`${rosters.instance}->'residents' @> ${JSON.stringify([{ id: me.id }])}::jsonb`)).limit(1);
  if (published) throw conflict('roster_published', `El rol de guardias de ${input.month} ya está publicado; para cambiar una guardia solicite un intercambio.`);
  const dates = [...new Set(input.dates)].sort();
  return ctx.db.transaction(async (tx) => {
    const inMonth = and(eq(guardDayOffRequests.residentId, me.id), gte(guardDayOffRequests.date, range.first), lte(guardDayOffRequests.date, range.last));
    const before = await tx.select({ date: guardDayOffRequests.date }).from(guardDayOffRequests).where(inMonth);
    await tx.delete(guardDayOffRequests).where(inMonth);
    if (dates.length) await tx.insert(guardDayOffRequests).values(dates.map((date) => ({ residentId: me.id, date, note: input.note ?? null, createdBy: ctx.actor.userId })));
    await recordAudit(tx, ctx, { action: 'request', entity: 'guard_day_off', entityId: me.id, before: { month: input.month, dates: before.map((b) => b.date) }, after: { month: input.month, dates } });
    return { residentId: me.id, month: input.month, dates };
  });
}

/**
 * Days off asked for: a coordinator sees those of the residents rotating in the unit's services
 * that month, a jefe de servicio those rotating in the services they head; anyone else sees their own.
 */
export async function listDayOffRequests(ctx: Ctx, q: z.infer<typeof dayOffQuery>) {
  const range = q.month ? monthRange(q.month) : null;
  const inMonth = range ? and(gte(guardDayOffRequests.date, range.first), lte(guardDayOffRequests.date, range.last)) : undefined;
  const base = ctx.db.select(columns).from(guardDayOffRequests).innerJoin(residents, eq(residents.id, guardDayOffRequests.residentId)).innerJoin(persons, eq(persons.id, residents.personId));
  if (can(ctx.actor.grants, 'guards.manage') && q.unitId) {
    if (!range) throw badRequest('Indique el mes.', [{ field: 'month', message: 'Requerido con la unidad.' }]);
    const { headed } = await unitReach(ctx, q.unitId);
    const rotatingHere = ctx.db.select({ one: sql`1` }).from(rotations).innerJoin(clinicalServices, eq(clinicalServices.id, rotations.serviceId))
      .where(and(eq(rotations.residentId, residents.id), eq(clinicalServices.unitId, q.unitId), headed ? inArray(clinicalServices.id, headed) : undefined, lte(rotations.startsOn, range.last), gte(rotations.endsOn, range.first)));
    return base.where(and(inMonth, exists(rotatingHere))).orderBy(asc(guardDayOffRequests.date), asc(persons.firstSurname)).limit(5000);
  }
  return base.where(and(inMonth, eq(persons.userId, ctx.actor.userId))).orderBy(asc(guardDayOffRequests.date)).limit(500);
}
