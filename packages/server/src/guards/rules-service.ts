import { applyStricter, resolveScope, type RuleParams, ruleSetInForce, scopeCovers } from '@sirem/core';
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { guardRuleOverrides, guardRuleSets } from '../db/schema/guards.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

export const overrideInput = z.object({
  ooadId: z.number().int().positive().nullish(),
  unitId: z.number().int().positive().nullish(),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Fecha inválida: use aaaa-mm-dd.' }),
  params: z.object({
    maxGuardsPerWeek: z.number().int().min(0).optional(),
    minDaysBetween: z.number().int().min(0).optional(),
    maxContinuousHours: z.number().int().min(1).nullable().optional(),
    restAfter24h: z.boolean().optional(),
    maxWeeklyHours: z.number().int().min(1).nullable().optional(),
    averagingWeeks: z.number().int().min(1).optional(),
  }),
});

export async function listRuleSets(ctx: Ctx) {
  const sets = await ctx.db.select().from(guardRuleSets).orderBy(asc(guardRuleSets.effectiveFrom));
  const overrides = await ctx.db.select().from(guardRuleOverrides).orderBy(asc(guardRuleOverrides.effectiveFrom));
  return { sets, overrides };
}

/** An institution's stricter parameters: refused, parameter by parameter, where looser than the official set in force. */
export async function createOverride(ctx: Ctx, input: z.infer<typeof overrideInput>) {
  const scope = resolveScope(ctx.actor.grants, 'guards.manage');
  if (scope.kind === 'none') throw forbidden('No tiene permiso para ajustar la normativa de guardias.');
  // A jefe de servicio runs the guardias of one service; the rules bind the whole unit, so they stay with its coordination.
  if (scope.kind === 'some' && !scope.ooadIds.length && !scope.unitIds.length && !scope.sedeIds.length)
    throw forbidden('El jefe de servicio no ajusta la normativa de guardias; lo hace la coordinación de educación de la unidad o del OOAD.');
  if (!input.ooadId && !input.unitId && scope.kind !== 'all') throw forbidden('Solo el nivel central fija parámetros nacionales.');
  if (input.unitId) {
    const [u] = await ctx.db.select({ ooadId: units.ooadId }).from(units).where(eq(units.id, input.unitId));
    if (!u || !scopeCovers(scope, { ooadId: u.ooadId, unitId: input.unitId })) throw forbidden('La unidad está fuera de su ámbito.');
  } else if (input.ooadId && scope.kind !== 'all' && !(scope.kind === 'some' && scope.ooadIds.includes(input.ooadId))) throw forbidden('El OOAD está fuera de su ámbito.');
  const base = await effectiveParams(ctx.db, input.effectiveFrom, { ooadId: input.ooadId ?? null, unitId: input.unitId ?? null });
  const { errors } = applyStricter(base.params, input.params as Partial<RuleParams>);
  if (errors.length) throw badRequest(`Solo se permite endurecer la normativa. ${errors.map((e) => e.message).join(' ')}`, errors.map((e) => ({ field: `params.${e.field}`, message: e.message })));
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(guardRuleOverrides).values({ ooadId: input.ooadId ?? null, unitId: input.unitId ?? null, effectiveFrom: input.effectiveFrom, params: input.params, createdBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx, { action: 'create', entity: 'guard_rule_override', entityId: row.id, after: row });
    return row;
  });
}

/**
 * The parameters in force on a date for a place: the official set, tightened by the national, then
 * the OOAD, then the unit overrides in force (each can only make them stricter).
 */
export async function effectiveParams(db: Db, date: string, place: { ooadId: number | null; unitId: number | null }) {
  const set = ruleSetInForce(await db.select().from(guardRuleSets), date);
  if (!set) throw badRequest(`No hay normativa de guardias vigente el ${date}.`);
  let params = set.params as RuleParams;
  let ooadId = place.ooadId;
  if (place.unitId && !ooadId) ooadId = (await db.select({ ooadId: units.ooadId }).from(units).where(eq(units.id, place.unitId)))[0]?.ooadId ?? null;
  const levels = [
    and(isNull(guardRuleOverrides.ooadId), isNull(guardRuleOverrides.unitId)),
    ooadId ? and(eq(guardRuleOverrides.ooadId, ooadId), isNull(guardRuleOverrides.unitId)) : undefined,
    place.unitId ? eq(guardRuleOverrides.unitId, place.unitId) : undefined,
  ];
  for (const level of levels) {
    if (!level) continue;
    const rows = await db.select().from(guardRuleOverrides).where(and(level, lte(guardRuleOverrides.effectiveFrom, date))).orderBy(asc(guardRuleOverrides.effectiveFrom));
    for (const o of rows) params = applyStricter(params, o.params as Partial<RuleParams>).params;
  }
  const base = set.params as RuleParams;
  const overridden = (Object.keys(params) as (keyof RuleParams)[]).filter((k) => params[k] !== base[k]);
  return { code: set.code, name: set.name, params, overridden };
}
