import { bulkInsert } from '../db/bulk.ts';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/audit.ts';
import type { Ctx } from '../http/context.ts';

/** Rows written per step of a commit; progress is reported after each, so the bar moves. */
export const COMMIT_CHUNK = 1000;

/** What a commit needs besides its rows: the transaction, who signs the audit rows, and where to report progress. */
export type CommitJob = { tx: Db; stamp: Pick<Ctx, 'actor' | 'requestId'>; batchId: number; progress: (n: number) => void };

export type UpdateAudit = { entityId: number; before: unknown; after: unknown };

/** One audit row per record an import updates (before and after), inserted in bulk in the commit's transaction. */
export async function auditUpdates(job: CommitJob, entity: string, updates: UpdateAudit[]) {
  const { actor, requestId } = job.stamp;
  await bulkInsert(
    job.tx,
    auditLog,
    updates.map((u) => ({
      actorId: actor.userId,
      actorName: actor.username,
      action: 'import_update',
      entity,
      entityId: String(u.entityId),
      before: u.before,
      after: { ...(u.after as object), importBatchId: job.batchId },
      requestId,
    })),
  );
}

/**
 * Runs a commit a chunk at a time. PGlite answers in microtasks, so a commit would otherwise keep
 * the event loop to itself until it ends; yielding after each chunk lets the progress poll (and
 * any other request) be answered while the transaction is open.
 */
export async function inChunks<T>(job: CommitJob, items: T[], step: (chunk: T[]) => Promise<void>) {
  for (let i = 0; i < items.length; i += COMMIT_CHUNK) {
    const chunk = items.slice(i, i + COMMIT_CHUNK);
    await step(chunk);
    job.progress(chunk.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
