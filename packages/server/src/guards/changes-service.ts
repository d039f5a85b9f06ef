import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { notifications, rosters } from '../db/schema/guards.ts';
import { conflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { getRoster } from './rosters-service.ts';

type Row = typeof rosters.$inferSelect;

/** Starts a new draft version from a published roster; the published one stays as it is. */
export async function reviseRoster(ctx: Ctx, id: number) {
  const current = await getRoster(ctx, id);
  if (current.status !== 'published') throw conflict('roster_not_published', 'Solo se crea una nueva versión a partir del rol publicado vigente.');
  const [row] = await ctx.db.transaction(async (tx) => {
    const [{ version }] = await tx.select({ version: rosters.version }).from(rosters).where(and(eq(rosters.unitId, current.unitId), eq(rosters.groupKey, current.groupKey), eq(rosters.month, current.month))).orderBy(desc(rosters.version)).limit(1) as [{ version: number }];
    const created = await tx.insert(rosters).values({ ...withoutId(current), version: version + 1, status: 'draft', revision: 0, publishedAt: null, createdBy: ctx.actor.userId }).returning({ id: rosters.id });
    await recordAudit(tx, ctx, { action: 'revise', entity: 'roster', entityId: created[0]?.id ?? null, after: { from: id } });
    return created;
  });
  return getRoster(ctx, row?.id as number);
}

export const withoutId = (r: Row & Record<string, unknown>) => ({
  unitId: r.unitId, groupKey: r.groupKey, serviceIds: r.serviceIds, month: r.month, ruleSetCode: r.ruleSetCode, params: r.params, coverage: r.coverage,
  assignments: r.assignments, instance: r.instance, report: r.report, seed: r.seed,
});

export async function myNotifications(ctx: Ctx) {
  return ctx.db.select().from(notifications).where(eq(notifications.userId, ctx.actor.userId)).orderBy(desc(notifications.id)).limit(100);
}
