import { Worker } from 'node:worker_threads';
import type { RosterInstance, RosterResult } from '@sirem/core';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { jobs } from '../db/schema/guards.ts';

const WORKER = new URL('./solver-worker.mjs', import.meta.url);

/** Solves in a worker thread, reporting progress (0–1) as it goes. */
export function solveInWorker(instance: RosterInstance, seed: number, onProgress: (fraction: number) => void): Promise<RosterResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { instance, seed } });
    worker.on('message', (m: { progress?: number; result?: RosterResult }) => {
      if (m.result) resolve(m.result);
      else if (m.progress !== undefined) onProgress(m.progress);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`El proceso de cálculo terminó con código ${code}.`)));
  });
}

type Handler = (db: Db, input: unknown, progress: (fraction: number) => Promise<void>) => Promise<unknown>;

/** A running job that has not reported for this long was left by a runner that died; it runs again. */
const LEASE = sql`interval '2 minutes'`;

/**
 * A job queue on the database: a job is claimed by exactly one runner (FOR UPDATE SKIP LOCKED),
 * runs, and records its result or error. Every server instance polls the queue, so a job queued
 * on one instance runs even if that instance stops; a job whose runner died (no heartbeat within
 * the lease) is claimed again. Works the same on PGlite and PostgreSQL.
 */
export class JobRunner {
  private busy = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private db: Db,
    private handlers: Record<string, Handler>,
    private log: { error: (obj: object, msg: string) => void } = { error: () => {} },
  ) {}

  /** Polls the queue every `intervalMs` (SIREM_JOB_POLL_MS, 2 s by default) and drains it now. */
  start(intervalMs = Number(process.env.SIREM_JOB_POLL_MS ?? 2000)) {
    this.timer = setInterval(() => void this.drain(), intervalMs);
    this.timer.unref();
    void this.drain();
  }

  async enqueue(kind: string, input: unknown, userId: number | null) {
    const [job] = await this.db.insert(jobs).values({ kind, input, createdBy: userId }).returning({ id: jobs.id });
    void this.drain();
    return job.id;
  }

  /** Runs queued jobs one after another until none is left. */
  async drain(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      for (;;) {
        const rows = await queryRows<{ id: number; kind: string; input: unknown }>(
          this.db,
          sql`update jobs set status = 'running', started_at = now(), heartbeat_at = now(), attempts = attempts + 1
              where id = (select id from jobs where status = 'queued' or (status = 'running' and heartbeat_at < now() - ${LEASE}) order by id for update skip locked limit 1)
              returning id, kind, input`,
        );
        const job = rows[0];
        if (!job || this.stopped) break;
        const handler = this.handlers[job.kind];
        try {
          if (!handler) throw new Error(`Tipo de trabajo desconocido: ${job.kind}`);
          let last = 0;
          const result = await handler(this.db, job.input, async (fraction) => {
            const pct = Math.round(fraction * 100);
            if (pct - last >= 5 || pct === 100) {
              last = pct;
              await this.db.update(jobs).set({ progress: pct, heartbeatAt: new Date() }).where(eq(jobs.id, job.id));
            }
          });
          await this.db.update(jobs).set({ status: 'done', progress: 100, result, finishedAt: new Date() }).where(eq(jobs.id, job.id));
        } catch (err) {
          await this.db.update(jobs).set({ status: 'failed', error: err instanceof Error ? err.message : String(err), finishedAt: new Date() }).where(eq(jobs.id, job.id));
        }
      }
    } catch (err) {
      // A poll that fails (the database restarting, say) is retried by the next one; it must not crash the server.
      if (!this.stopped) this.log.error({ err }, 'job queue poll failed');
    } finally {
      this.busy = false;
    }
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }
}
