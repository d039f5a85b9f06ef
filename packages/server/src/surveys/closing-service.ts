import { type CloseCampaignInput, campaignClosed, can, formatDate, mexicoToday, resolveScope } from '@sirem/core';
import { and, eq, gte, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { surveyCampaigns } from '../db/schema/surveys.ts';
import { conflict, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertSedeInScope } from '../people/scope.ts';

type Campaign = typeof surveyCampaigns.$inferSelect;

/**
 * Campaign days are calendar days in Mexico City, as activity dates are: a campaign closing on the
 * 15th takes answers until midnight there, not until 18:00 (midnight UTC).
 */
export const campaignToday = () => mexicoToday();

export const isClosed = (c: Pick<Campaign, 'closesOn' | 'closedAt'>) => campaignClosed(c, campaignToday());

/** The same rule as campaignClosed, for queries that may only read closed campaigns. */
export const closedCampaignSql = () => or(isNotNull(surveyCampaigns.closedAt), lt(surveyCampaigns.closesOn, campaignToday()));
export const notClosedCampaignSql = () => and(isNull(surveyCampaigns.closedAt), gte(surveyCampaigns.closesOn, campaignToday()));

/** When a closed campaign closed, for the messages that refuse an answer or a second closing. */
export const closedWhen = (c: Pick<Campaign, 'closesOn' | 'closedAt'>) =>
  c.closedAt ? `se cerró el ${formatDate(c.closedAt)}` : `cerró el ${formatDate(c.closesOn)}, su fecha de cierre`;

/**
 * Closes a campaign before its closing day so its results can be published, within the same
 * scope that may open it. The version predicate lets one of two simultaneous closings through;
 * the other hears 409 with the campaign as it now stands.
 */
export async function closeCampaign(ctx: Ctx, id: number, input: CloseCampaignInput) {
  if (!can(ctx.actor.grants, 'surveys.manage')) throw forbidden('Solo el nivel central cierra campañas de encuestas.');
  const scope = resolveScope(ctx.actor.grants, 'surveys.manage');
  return ctx.db.transaction(async (tx) => {
    const stored = async () => (await tx.select().from(surveyCampaigns).where(eq(surveyCampaigns.id, id)))[0];
    const before = await stored();
    if (!before) throw notFound('La campaña');
    if (before.sedeId) await assertSedeInScope(tx, scope, before.sedeId);
    if (isClosed(before)) throw conflict('campaign_closed', `La campaña ya ${closedWhen(before)}; no hay nada que cerrar.`, { current: before });
    if (before.version !== input.version) throw versionConflict(before);
    const [after] = await tx
      .update(surveyCampaigns)
      .set({ closedAt: new Date(), closedBy: ctx.actor.userId, version: sql`${surveyCampaigns.version} + 1` })
      .where(and(eq(surveyCampaigns.id, id), eq(surveyCampaigns.version, input.version), isNull(surveyCampaigns.closedAt)))
      .returning();
    if (!after) throw versionConflict(await stored());
    await recordAudit(tx, ctx, { action: 'close', entity: 'survey_campaign', entityId: id, before, after });
    return after;
  });
}
