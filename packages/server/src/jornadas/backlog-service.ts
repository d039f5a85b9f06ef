import { type backlogInput, type backlogQuery, type bedsInput, formatDate, futureDateProblem, mexicoToday, type Point, reductionAcross, resolveScope, scopeCovers } from '@sirem/core';
import { carriedTotals } from '@sirem/core/jornadas/carry';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { units } from '../db/schema/catalog.ts';
import { backlogSnapshots, bedCapacity, jornadas } from '../db/schema/jornadas.ts';
import { unitScopeSql } from '../catalog/scope-sql.ts';
import { badRequest, conflict, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { manageScope } from './access.ts';

async function assertUnit(ctx: Ctx, unitId: number, takenOn: string) {
  const future = futureDateProblem(takenOn, mexicoToday());
  if (future) throw badRequest(future, [{ field: 'takenOn', message: 'Fecha futura.' }]);
  const [unit] = await ctx.db.select({ id: units.id, ooadId: units.ooadId }).from(units).where(eq(units.id, unitId));
  if (!unit) throw badRequest('La unidad no existe.', [{ field: 'unitId', message: 'Unidad inexistente.' }]);
  if (!scopeCovers(manageScope(ctx), { ooadId: unit.ooadId, unitId: unit.id })) throw forbidden('La unidad está fuera de su ámbito.');
}

/**
 * Snapshots are facts: one per unit, service, category and date. Entering the same figure again is
 * a harmless repeat; a different figure is refused with 409 and the stored one, never silently
 * overwritten. A correction names the figure it replaces (`replacing`) and is applied only if that
 * is still the stored one, so of two corrections made from the same figure only one lands.
 */
export async function putBacklog(ctx: Ctx, input: z.infer<typeof backlogInput>) {
  manageScope(ctx);
  await assertUnit(ctx, input.unitId, input.takenOn);
  const { replacing, ...values } = input;
  const key = and(eq(backlogSnapshots.unitId, input.unitId), eq(backlogSnapshots.service, input.service), eq(backlogSnapshots.category, input.category), eq(backlogSnapshots.takenOn, input.takenOn));
  return ctx.db.transaction(async (tx) => {
    const stored = async () => (await tx.select().from(backlogSnapshots).where(key))[0];
    const refuse = (current: typeof backlogSnapshots.$inferSelect | undefined) =>
      conflict('version_conflict', current
        ? `Para ${input.service} el ${formatDate(input.takenOn)} ya está registrada una lista de espera de ${current.waiting} personas. Revise la cifra guardada; para corregirla indique la que reemplaza.`
        : `No hay una lista de espera registrada para ${input.service} el ${formatDate(input.takenOn)} que corregir; regístrela sin indicar la que reemplaza.`, { current: current ?? null });
    if (replacing === undefined) {
      const [created] = await tx
        .insert(backlogSnapshots)
        .values({ ...values, enteredBy: ctx.actor.userId })
        .onConflictDoNothing({ target: [backlogSnapshots.unitId, backlogSnapshots.service, backlogSnapshots.category, backlogSnapshots.takenOn] })
        .returning();
      if (created) {
        await recordAudit(tx, ctx, { action: 'snapshot', entity: 'backlog_snapshot', entityId: created.id, after: created });
        return created;
      }
      const current = await stored();
      if (current?.waiting === input.waiting) return current;
      throw refuse(current);
    }
    const [before] = await tx.select().from(backlogSnapshots).where(key).for('update');
    const [after] = await tx
      .update(backlogSnapshots)
      .set({ waiting: input.waiting, enteredBy: ctx.actor.userId, updatedAt: new Date() })
      .where(and(key, eq(backlogSnapshots.waiting, replacing)))
      .returning();
    if (!after) throw refuse(before);
    await recordAudit(tx, ctx, { action: 'correct', entity: 'backlog_snapshot', entityId: after.id, before, after });
    return after;
  });
}

/** Bed counts are facts too, one per unit and date, repeated harmlessly and corrected by naming the counts replaced. */
export async function putBeds(ctx: Ctx, input: z.infer<typeof bedsInput>) {
  manageScope(ctx);
  await assertUnit(ctx, input.unitId, input.takenOn);
  const { replacing, ...values } = input;
  const key = and(eq(bedCapacity.unitId, input.unitId), eq(bedCapacity.takenOn, input.takenOn));
  return ctx.db.transaction(async (tx) => {
    const refuse = (current: typeof bedCapacity.$inferSelect | undefined) =>
      conflict('version_conflict', current
        ? `El ${formatDate(input.takenOn)} esta unidad ya registró ${current.ordinaryBeds} camas ordinarias y ${current.reconvertedBeds} reconvertidas. Revise las cifras guardadas; para corregirlas indique las que reemplaza.`
        : `No hay camas registradas el ${formatDate(input.takenOn)} que corregir; regístrelas sin indicar las que reemplaza.`, { current: current ?? null });
    if (replacing === undefined) {
      const [created] = await tx
        .insert(bedCapacity)
        .values({ ...values, enteredBy: ctx.actor.userId })
        .onConflictDoNothing({ target: [bedCapacity.unitId, bedCapacity.takenOn] })
        .returning();
      if (created) {
        await recordAudit(tx, ctx, { action: 'snapshot', entity: 'bed_capacity', entityId: created.id, after: created });
        return created;
      }
      const [current] = await tx.select().from(bedCapacity).where(key);
      if (current && current.ordinaryBeds === input.ordinaryBeds && current.reconvertedBeds === input.reconvertedBeds && current.note === input.note) return current;
      throw refuse(current);
    }
    const [before] = await tx.select().from(bedCapacity).where(key).for('update');
    const [after] = await tx
      .update(bedCapacity)
      .set({ ordinaryBeds: input.ordinaryBeds, reconvertedBeds: input.reconvertedBeds, note: input.note, enteredBy: ctx.actor.userId, updatedAt: new Date() })
      .where(and(key, eq(bedCapacity.ordinaryBeds, replacing.ordinaryBeds), eq(bedCapacity.reconvertedBeds, replacing.reconvertedBeds)))
      .returning();
    if (!after) throw refuse(before);
    await recordAudit(tx, ctx, { action: 'correct', entity: 'bed_capacity', entityId: after.id, before, after });
    return after;
  });
}

function readScope(ctx: Ctx) {
  const scope = resolveScope(ctx.actor.grants, 'jornadas.read');
  if (scope.kind === 'none') throw forbidden();
  // A resident's self grant reaches no unit; backlog figures are for those who run units.
  return scope;
}

/** Waiting lists over time within the actor's scope, and the reduction each Jornada accounts for. */
export async function backlogReport(ctx: Ctx, q: z.infer<typeof backlogQuery>) {
  const scope = readScope(ctx);
  const rows = await ctx.db
    .select({ unitId: backlogSnapshots.unitId, service: backlogSnapshots.service, category: backlogSnapshots.category, takenOn: backlogSnapshots.takenOn, waiting: backlogSnapshots.waiting })
    .from(backlogSnapshots)
    .innerJoin(units, eq(units.id, backlogSnapshots.unitId))
    .where(and(unitScopeSql(scope, { ooadId: units.ooadId, unitId: units.id }), q.unitId ? eq(backlogSnapshots.unitId, q.unitId) : undefined, q.category ? eq(backlogSnapshots.category, q.category) : undefined))
    .orderBy(asc(backlogSnapshots.takenOn))
    .limit(100_000);
  const series = new Map<string, Map<string, Point[]>>();
  for (const r of rows) {
    const byUnit = series.get(r.category) ?? new Map<string, Point[]>();
    const key = `${r.unitId}|${r.service}`;
    const points = byUnit.get(key) ?? [];
    points.push({ takenOn: r.takenOn, waiting: r.waiting });
    byUnit.set(key, points);
    series.set(r.category, byUnit);
  }
  // Units report on different dates: each date's total carries every unit's last list forward.
  const totals = [...series].flatMap(([category, byUnit]) =>
    carriedTotals([...byUnit].flatMap(([key, points]) => points.map((p) => ({ series: key, ...p }))), ['waiting']).map((t) => ({ takenOn: t.takenOn, category, waiting: t.waiting })),
  );
  const all = await ctx.db.select({ id: jornadas.id, number: jornadas.number, startsOn: jornadas.startsOn, endsOn: jornadas.endsOn }).from(jornadas).orderBy(jornadas.startsOn);
  return {
    totals: totals.sort((a, b) => a.takenOn.localeCompare(b.takenOn) || a.category.localeCompare(b.category)),
    byJornada: all.flatMap((j) => [...series].map(([category, s]) => ({ jornadaId: j.id, number: j.number, category, ...reductionAcross(s, j.startsOn, j.endsOn) }))).filter((r) => r.units > 0),
  };
}

/**
 * Beds over time within scope: how many are still reconverted and how many have returned to
 * ordinary use. Units report on different dates, so each date carries every unit's last count
 * forward; the peak and what has returned since are read from those carried totals.
 */
export async function bedsReport(ctx: Ctx) {
  const scope = readScope(ctx);
  const rows = await ctx.db
    .select({ unitId: bedCapacity.unitId, takenOn: bedCapacity.takenOn, ordinary: bedCapacity.ordinaryBeds, reconverted: bedCapacity.reconvertedBeds })
    .from(bedCapacity)
    .innerJoin(units, eq(units.id, bedCapacity.unitId))
    .where(unitScopeSql(scope, { ooadId: units.ooadId, unitId: units.id }))
    .orderBy(bedCapacity.takenOn)
    .limit(100_000);
  const series = carriedTotals(rows.map((r) => ({ series: String(r.unitId), takenOn: r.takenOn, ordinary: r.ordinary, reconverted: r.reconverted })), ['ordinary', 'reconverted']);
  const peak = Math.max(0, ...series.map((s) => s.reconverted));
  return { series, peakReconverted: peak, returned: peak - (series.at(-1)?.reconverted ?? 0) };
}
