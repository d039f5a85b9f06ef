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

/**
 * A job queue on the database: a job is claimed by exactly one runner (FOR UPDATE SKIP LOCKED),
 * runs, and records its result or error. Works the same on PGlite and PostgreSQL.
 */
export class JobRunner {
  private busy = false;
  private stopped = false;
  constructor(private db: Db, private handlers: Record<string, Handler>) {}

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
        const rows = await queryRows<{ id: number; kind: string; input: unknown }>(this.db, sql`update jobs set status = 'running', started_at = now() where id = (select id from jobs where status = 'queued' order by id for update skip locked limit 1) returning id, kind, input`);
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
              await this.db.update(jobs).set({ progress: pct }).where(eq(jobs.id, job.id));
            }
          });
          await this.db.update(jobs).set({ status: 'done', progress: 100, result, finishedAt: new Date() }).where(eq(jobs.id, job.id));
        } catch (err) {
          await this.db.update(jobs).set({ status: 'failed', error: err instanceof Error ? err.message : String(err), finishedAt: new Date() }).where(eq(jobs.id, job.id));
        }
      }
    } finally {
      this.busy = false;
    }
  }

  stop() {
    this.stopped = true;
  }
}
