import { api, ApiError, setCsrfToken } from '../api/client.ts';

/** An entry as typed on the phone, waiting in this browser until the server has it. */
export type QueuedEntry = {
  clientKey: string;
  residentId: number;
  performedOn: string;
  unitId: number;
  service: string;
  kind: string;
  organ: string | null;
  supervision: string;
  supervisorPersonId: number | null;
  diagnosisCode: string | null;
  procedureCode: string | null;
  ageBand: string;
  sex: string;
  error?: string;
};

type SyncResult = { clientKey: string; status: 'created' | 'duplicate' | 'rejected'; detail?: string };

// localStorage survives reloads and closing the tab; entries are small and few, so its 5 MB is plenty.
const key = (userId: number, what: string) => `sirem.activity.${what}.${userId}`;

export function readQueue(userId: number): QueuedEntry[] {
  try {
    return JSON.parse(localStorage.getItem(key(userId, 'queue')) ?? '[]') as QueuedEntry[];
  } catch {
    return [];
  }
}

export function writeQueue(userId: number, entries: QueuedEntry[]) {
  localStorage.setItem(key(userId, 'queue'), JSON.stringify(entries));
}

export function newClientKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2, 12)}`;
}

let running: Promise<number> | null = null;

/**
 * Sends every pending entry once; the server answers per entry. Created and duplicate entries
 * (a previous sync that reached the server but not the phone) leave the queue; rejected ones stay
 * with the server's explanation so the resident can fix or discard them. One sync at a time.
 */
export function syncQueue(userId: number): Promise<number> {
  // `finally` runs after the assignment, so an early return cannot leave `running` stuck.
  running ??= sendPending(userId).finally(() => {
    running = null;
  });
  return running;
}

async function sendPending(userId: number): Promise<number> {
  const pending = readQueue(userId).filter((e) => !e.error);
  if (!pending.length || !navigator.onLine) return 0;
  const { results } = await post(pending.map(({ error: _e, ...entry }) => entry));
  const byKey = new Map(results.map((r) => [r.clientKey, r]));
  const left = readQueue(userId)
    .filter((e) => {
      const r = byKey.get(e.clientKey);
      return !r || r.status === 'rejected';
    })
    .map((e) => {
      const r = byKey.get(e.clientKey);
      return r?.status === 'rejected' ? { ...e, error: r.detail ?? 'Rechazada' } : e;
    });
  writeQueue(userId, left);
  return results.filter((r) => r.status !== 'rejected').length;
}

/**
 * A page opened offline has no session token yet (it comes with /auth/me): fetch it and retry
 * once, rather than show the resident a security error for entries that will go through.
 */
async function post(entries: Omit<QueuedEntry, 'error'>[]) {
  try {
    return await api.post<{ results: SyncResult[] }>('/activity/sync', { entries });
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'csrf')) throw err;
    setCsrfToken((await api.get<{ csrfToken: string }>('/auth/me')).csrfToken);
    return api.post<{ results: SyncResult[] }>('/activity/sync', { entries });
  }
}

/** Shortcuts: the combinations used most recently, and the ones marked as favourites. */
export type Shortcut = { kind: string; service: string; diagnosisCode: string | null; procedureCode: string | null };
const same = (a: Shortcut, b: Shortcut) => a.kind === b.kind && a.service === b.service && a.diagnosisCode === b.diagnosisCode && a.procedureCode === b.procedureCode;

export function readShortcuts(userId: number, what: 'recent' | 'favourite'): Shortcut[] {
  try {
    return JSON.parse(localStorage.getItem(key(userId, what)) ?? '[]') as Shortcut[];
  } catch {
    return [];
  }
}

export function rememberRecent(userId: number, s: Shortcut) {
  const list = [s, ...readShortcuts(userId, 'recent').filter((r) => !same(r, s))].slice(0, 5);
  localStorage.setItem(key(userId, 'recent'), JSON.stringify(list));
}

export function toggleFavourite(userId: number, s: Shortcut) {
  const list = readShortcuts(userId, 'favourite');
  const next = list.some((f) => same(f, s)) ? list.filter((f) => !same(f, s)) : [...list, s].slice(0, 8);
  localStorage.setItem(key(userId, 'favourite'), JSON.stringify(next));
  return next;
}

/** The form's context (resident, unit, supervisors) kept for when the phone has no signal. */
export function cacheContext<T>(userId: number, value?: T): T | null {
  if (value !== undefined) localStorage.setItem(key(userId, 'context'), JSON.stringify(value));
  try {
    return JSON.parse(localStorage.getItem(key(userId, 'context')) ?? 'null') as T | null;
  } catch {
    return null;
  }
}
