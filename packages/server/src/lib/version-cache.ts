import type { Scope } from '@sirem/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';

/**
 * Results (report figures, list totals) cached per scope until the data change. Every mutation writes its audit row in its own
 * transaction, so the newest audit id is the data's version, with one gap: a write still open
 * may already hold a lower audit id, and its commit would then not move the newest one. So the
 * version also lists the transactions in flight when the data were read; when any of them ends,
 * the version changes and the figures are computed again. Work that bypasses the audit trail (a
 * CLI seed against a running server) is caught by the age limit.
 */
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 500;
type Entry = { version: string; at: number; value: unknown };
const entries = new Map<string, Entry>();
/** Computations under way, so many viewers asking at once after a change share one. */
const pending = new Map<string, Promise<unknown>>();

async function dataVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ version: string | null }>(
    db,
    sql`select (select max(id) from audit_log)::text || '/' || coalesce((select string_agg(x::text, ',' order by x) from pg_snapshot_xip(pg_current_snapshot()) x), '') as version`,
  );
  return row?.version ?? '0/';
}

/** `compute` for this report and scope, or its cached result when nothing has changed since. */
export async function cachedUntilChanged<T>(db: Db, report: string, scope: Scope, userId: number, compute: () => Promise<T>): Promise<T> {
  // A self scope reads the viewer's own records: their cache entry is theirs alone.
  const key = `${report}|${JSON.stringify(scope)}|${scope.kind === 'some' && scope.self ? userId : ''}`;
  const version = await dataVersion(db);
  const hit = entries.get(key);
  if (hit && hit.version === version && Date.now() - hit.at < MAX_AGE_MS) return hit.value as T;
  const flight = `${key}@${version}`;
  const shared = pending.get(flight);
  if (shared) return shared as Promise<T>;
  const running = compute();
  pending.set(flight, running);
  let value: T;
  try {
    value = await running;
  } finally {
    if (pending.get(flight) === running) pending.delete(flight);
  }
  entries.delete(key);
  entries.set(key, { version, at: Date.now(), value });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}
