import { can, mexicoToday } from '@sirem/core';
import { type RequirementInput, type RequirementsListQuery, validFromProblem } from '@sirem/core/activity/requirements';
import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { activityRequirements } from '../db/schema/activity.ts';
import { specialties } from '../db/schema/catalog.ts';
import { badRequest, conflict, type FieldError, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

export const MANAGE_REFUSED = 'Solo nivel central fija los mínimos de actividad clínica; la coordinación los consulta.';
const LIST_LIMIT = 5000;

export type RequirementRow = typeof activityRequirements.$inferSelect;
/** What saving a minimum would do to the row already stored for the same specialty, grade, group and date. */
export type Plan = { action: 'create' | 'unchanged' } | { action: 'update'; before: RequirementRow } | { action: 'refuse'; message: string };

/**
 * A minimum already in force is history: progress was measured against it, so a change must be a
 * new row from a later cycle. One not yet in force may still be corrected.
 */
export function planFor(existing: RequirementRow | undefined, minimum: number, today: string): Plan {
  if (!existing) return { action: 'create' };
  if (existing.minimum === minimum) return { action: 'unchanged' };
  if (existing.validFrom <= today)
    return { action: 'refuse', message: `Ya rige un mínimo de ${existing.minimum} desde ${existing.validFrom}; para cambiarlo fije un mínimo nuevo a partir de un ciclo posterior.` };
  return { action: 'update', before: existing };
}

/** Minimums by specialty and grade; with `on`, only those in force that day, otherwise the whole history. */
export async function listRequirements(ctx: Ctx, q: RequirementsListQuery) {
  if (!can(ctx.actor.grants, 'catalog.read')) throw forbidden('No tiene acceso a los catálogos.');
  const r = activityRequirements;
  const ranked = ctx.db.$with('ranked').as(
    ctx.db
      .select({
        id: r.id, specialtyId: r.specialtyId, specialtyCode: specialties.code, specialtyName: specialties.name, durationYears: specialties.durationYears,
        grade: r.grade, group: r.group, minimum: r.minimum, validFrom: r.validFrom,
        until: sql<string | null>`lead(${r.validFrom}) over (partition by ${r.specialtyId}, ${r.grade}, ${r.group} order by ${r.validFrom})`.as('until'),
      })
      .from(r)
      .innerJoin(specialties, eq(specialties.id, r.specialtyId))
      .where(and(q.specialtyId ? eq(r.specialtyId, q.specialtyId) : undefined, q.grade ? eq(r.grade, q.grade) : undefined)),
  );
  const rows = await ctx.db
    .with(ranked)
    .select()
    .from(ranked)
    .where(q.on ? and(lte(ranked.validFrom, q.on), or(isNull(ranked.until), gt(ranked.until, q.on))) : undefined)
    .orderBy(asc(ranked.specialtyCode), asc(ranked.grade), asc(ranked.group), asc(ranked.validFrom))
    .limit(LIST_LIMIT);
  const today = mexicoToday();
  return { items: rows.map((row) => ({ ...row, inForce: row.validFrom <= today && (!row.until || row.until > today) })), canManage: can(ctx.actor.grants, 'catalog.manage') };
}

/** Sets the minimum of a specialty, grade and group from a cycle on: a new dated row, audited. */
export async function setRequirement(ctx: Ctx, input: RequirementInput) {
  if (!can(ctx.actor.grants, 'catalog.manage')) throw forbidden(MANAGE_REFUSED);
  const today = mexicoToday();
  const [specialty] = await ctx.db.select({ id: specialties.id, code: specialties.code, durationYears: specialties.durationYears }).from(specialties).where(eq(specialties.id, input.specialtyId));
  const errors: FieldError[] = [];
  if (!specialty) errors.push({ field: 'specialtyId', message: 'La especialidad no existe.' });
  else if (input.grade > specialty.durationYears) errors.push({ field: 'grade', message: `${specialty.code} dura ${specialty.durationYears} años; no tiene grado ${input.grade}.` });
  const dateProblem = validFromProblem(input.validFrom, today);
  if (dateProblem) errors.push({ field: 'validFrom', message: dateProblem });
  if (errors.length) throw badRequest(errors.map((e) => e.message).join(' '), errors);
  return ctx.db.transaction(async (tx) => {
    const existing = await storedAt(tx, input);
    const plan = planFor(existing, input.minimum, today);
    if (plan.action === 'refuse') throw conflict('requirement_in_force', plan.message, { current: existing });
    if (plan.action === 'unchanged') return existing as RequirementRow;
    return saveRequirement(tx, ctx, input, plan);
  });
}

export async function storedAt(db: Db, key: { specialtyId: number; grade: number; group: string; validFrom: string }) {
  const r = activityRequirements;
  const [row] = await db.select().from(r).where(and(eq(r.specialtyId, key.specialtyId), eq(r.grade, key.grade), eq(r.group, key.group), eq(r.validFrom, key.validFrom)));
  return row;
}

/** Writes one planned change with its audit row, inside the caller's transaction. */
export async function saveRequirement(tx: Db, ctx: Ctx, input: Omit<RequirementInput, 'group'> & { group: string }, plan: Plan) {
  const values = { specialtyId: input.specialtyId, grade: input.grade, group: input.group, minimum: input.minimum, validFrom: input.validFrom };
  if (plan.action === 'update') {
    const [after] = await tx.update(activityRequirements).set({ minimum: input.minimum }).where(eq(activityRequirements.id, plan.before.id)).returning();
    await recordAudit(tx, ctx, { action: 'update', entity: 'activity_requirement', entityId: plan.before.id, before: plan.before, after });
    return after as RequirementRow;
  }
  const [row] = await tx.insert(activityRequirements).values(values).returning();
  await recordAudit(tx, ctx, { action: 'create', entity: 'activity_requirement', entityId: row?.id ?? null, after: row });
  return row as RequirementRow;
}
