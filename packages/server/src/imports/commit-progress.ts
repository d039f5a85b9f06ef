import type { FastifyRequest } from 'fastify';
import type { Actor } from '../http/context.ts';

type Running = { done: number; total: number; actor: Actor };

/** Commits running in this process, kept in memory: the progress bar must not wait for the database the commit holds. */
const running = new Map<number, Running>();

export function startProgress(batchId: number, actor: Actor, total: number) {
  const entry: Running = { done: 0, total, actor };
  running.set(batchId, entry);
  return entry;
}

export const finishProgress = (batchId: number) => running.delete(batchId);

export const runningProgress = (batchId: number) => running.get(batchId);

/**
 * The actor of the progress request, known without the database: the session that started a
 * commit this process is running for the batch named in the path. On the embedded engine the
 * commit holds the only connection, so a session lookup would wait until it ends. Any other
 * request, or another session, goes through the usual database check.
 */
export function committingActor(request: FastifyRequest, sessionId: string): Actor | null {
  const id = Number((request.params as { id?: string } | undefined)?.id);
  const entry = Number.isSafeInteger(id) ? running.get(id) : undefined;
  return entry && entry.actor.sessionId === sessionId ? entry.actor : null;
}
