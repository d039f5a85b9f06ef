import type { Db } from './client.ts';

type Waiting<I, O> = { item: I; resolve: (out: O) => void; reject: (error: unknown) => void };

/**
 * An error PostgreSQL itself reported (a severity and a SQLSTATE, as both drivers give them): the
 * statement failed as a whole and changed nothing. A socket error (EPIPE, a closed connection)
 * says nothing of whether it ran, so its calls are never run again.
 */
const isStatementError = (error: unknown) => {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  return typeof severity === 'string' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
};

export type CoalesceOptions = {
  /** Statements of this kind running at once; calls made meanwhile wait and go together in the next one. */
  inFlight?: number;
  /** Calls in one statement at most. */
  maxBatch?: number;
};

/**
 * Turns a statement that serves many calls at once (`runMany`, one result per item, in order)
 * into a function of one call. Calls made in the same turn of the event loop, or while
 * `inFlight` such statements are already running, go to the database together: on the hottest
 * paths the round trips, not PostgreSQL's work, are what a busy server spends its time on. When
 * a shared statement fails with an error of PostgreSQL (so it changed nothing), each call is run
 * again on its own, so one bad call gets its own error and the others go through.
 *
 * One queue per database, so tests and instances with their own database never mix.
 */
export function coalesce<I, O>(runMany: (db: Db, items: I[]) => Promise<O[]>, options: CoalesceOptions = {}) {
  const inFlight = options.inFlight ?? 2;
  const maxBatch = options.maxBatch ?? 64;
  const queues = new WeakMap<Db, { waiting: Waiting<I, O>[]; running: number; scheduled: boolean }>();

  const settle = async (db: Db, batch: Waiting<I, O>[]) => {
    try {
      const outs = await runMany(db, batch.map((w) => w.item));
      if (outs.length !== batch.length) throw new Error(`coalesced statement answered ${outs.length} results for ${batch.length} calls`);
      batch.forEach((w, i) => w.resolve(outs[i] as O));
    } catch (error) {
      if (batch.length === 1 || !isStatementError(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      await Promise.all(batch.map((w) => runMany(db, [w.item]).then(([out]) => w.resolve(out as O), w.reject)));
    }
  };

  const pump = (db: Db) => {
    const queue = queues.get(db);
    if (!queue) return;
    queue.scheduled = false;
    while (queue.running < inFlight && queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, maxBatch);
      queue.running++;
      void settle(db, batch).finally(() => {
        queue.running--;
        pump(db);
      });
    }
  };

  return (db: Db, item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      let queue = queues.get(db);
      if (!queue) {
        queue = { waiting: [], running: 0, scheduled: false };
        queues.set(db, queue);
      }
      queue.waiting.push({ item, resolve, reject });
      if (!queue.scheduled && queue.running < inFlight) {
        queue.scheduled = true;
        setImmediate(pump, db);
      }
    });
}
