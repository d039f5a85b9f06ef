import { scopeCovers, type unitEvaluatorInput } from '@sirem/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hashPassword } from '../access/passwords.ts';
import { recordAudit } from '../audit/record.ts';
import { users } from '../db/schema/access.ts';
import { units } from '../db/schema/catalog.ts';
import { unitEvaluators } from '../db/schema/evaluations.ts';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { manageScope } from './access.ts';

/** Nursing staff are registered at a unit, so only those who manage evaluations for the whole unit (coordination, OOAD, centre) register them. */
async function assertUnitManaged(ctx: Ctx, unitId: number) {
  const scope = manageScope(ctx);
  const [unit] = await ctx.db.select({ id: units.id, ooadId: units.ooadId }).from(units).where(eq(units.id, unitId));
  if (!unit) throw badRequest('La unidad no existe.', [{ field: 'unitId', message: 'Elija una unidad existente.' }]);
  if (!scopeCovers(scope, { ooadId: unit.ooadId, unitId: unit.id })) throw forbidden('Solo la coordinación de educación de la unidad (o su OOAD) registra al personal de enfermería que evalúa.');
}

const columns = { id: unitEvaluators.id, unitId: unitEvaluators.unitId, userId: unitEvaluators.userId, kind: unitEvaluators.kind, active: unitEvaluators.active, version: unitEvaluators.version, username: users.username, displayName: users.displayName };

export async function listUnitEvaluators(ctx: Ctx, unitId: number) {
  await assertUnitManaged(ctx, unitId);
  return ctx.db.select(columns).from(unitEvaluators).innerJoin(users, eq(users.id, unitEvaluators.userId)).where(eq(unitEvaluators.unitId, unitId)).orderBy(asc(users.displayName)).limit(500);
}

/** Opens the account (no role: it signs in only to fill what is assigned to it) and registers it at the unit, in one transaction. */
export async function registerUnitEvaluator(ctx: Ctx, input: z.infer<typeof unitEvaluatorInput>) {
  await assertUnitManaged(ctx, input.unitId);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ username: input.username, displayName: input.displayName, email: input.email ?? null, passwordHash, mustChangePassword: true }).onConflictDoNothing({ target: users.username }).returning({ id: users.id });
    if (!user) throw conflict('duplicate', `El usuario «${input.username}» ya existe; elija otro nombre de usuario.`, { errors: [{ field: 'username', message: 'Usuario ya registrado.' }] });
    const [row] = await tx.insert(unitEvaluators).values({ unitId: input.unitId, userId: user.id, kind: 'enfermeria', registeredBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx, { action: 'create', entity: 'unit_evaluator', entityId: row.id, after: { ...row, username: input.username, displayName: input.displayName } });
    return { ...row, username: input.username, displayName: input.displayName };
  });
}

/** Ends the registration: pending assignments stay with the person, but no new ones can be made. */
export async function endUnitEvaluator(ctx: Ctx, id: number, version: number) {
  manageScope(ctx);
  const [before] = await ctx.db.select().from(unitEvaluators).where(eq(unitEvaluators.id, id));
  if (!before) throw notFound('El registro del evaluador');
  await assertUnitManaged(ctx, before.unitId);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx.update(unitEvaluators).set({ active: false, updatedAt: new Date(), version: sql`${unitEvaluators.version} + 1` }).where(and(eq(unitEvaluators.id, id), eq(unitEvaluators.version, version))).returning();
    if (!after) throw versionConflict((await tx.select().from(unitEvaluators).where(eq(unitEvaluators.id, id)))[0]);
    await recordAudit(tx, ctx, { action: 'end', entity: 'unit_evaluator', entityId: id, before, after });
    return after;
  });
}
