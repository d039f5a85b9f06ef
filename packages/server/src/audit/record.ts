import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/audit.ts';
import type { Ctx } from '../http/context.ts';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Writes one audit row; callers pass the transaction that makes the change so both commit together. */
export async function recordAudit(tx: Db, ctx: Pick<Ctx, 'actor' | 'requestId'> | { actor: null; requestId: string | null }, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: ctx.actor?.userId || null,
    actorName: ctx.actor?.username ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
  });
}

/** Writes many audit rows in one statement (a bulk change audits each record it touched). */
export async function recordAudits(tx: Db, ctx: Pick<Ctx, 'actor' | 'requestId'>, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += 1000)
    await tx.insert(auditLog).values(
      entries.slice(i, i + 1000).map((entry) => ({
        actorId: ctx.actor?.userId || null,
        actorName: ctx.actor?.username ?? null,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId === null ? null : String(entry.entityId),
        before: entry.before ?? null,
        after: entry.after ?? null,
        requestId: ctx.requestId,
      })),
    );
}
