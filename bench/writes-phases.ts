import type autocannon from 'autocannon';
import { CONNECTIONS, type Load, load, pct, SECONDS } from './http-support.ts';
import { auditsSince, type Pools, refreshVersions, type Sql, storedMarkers, type WriteKind } from './writes-kinds.ts';

/**
 * One measured phase of the write benchmark (a write alone or the mix), through HTTP or as direct
 * SQL, followed by the check that the database holds exactly the writes that were answered.
 */
export type Check = {
  kind: string;
  /** Answered 2xx, answered otherwise, sent but unanswered when the run stopped. */
  ok: number;
  refused: number;
  unanswered: number;
  /** Of the unanswered, how many the server stored anyway (they were in flight at the stop). */
  landed: number;
  /** 2xx answers whose write is missing, and refused writes that were stored nonetheless. */
  lost: number;
  refusedButStored: number;
  /** Row changes and audit rows the phase left, which must be equal and equal to ok + landed. */
  rows: number;
  audits: number;
  passed: boolean;
};
export type Phase = Load & { checks: Check[] };

let serial = 0;
/** Each write gets a number of its own across phases, so its marker is unique in the database. */
export const nextSerial = () => serial++;

const maxAuditId = async (sql: Sql) => Number((await sql<{ m: string }[]>`select coalesce(max(id), 0) as m from audit_log`)[0]?.m);

/** Waits until the server has finished what was in flight: the kinds' counts stop moving. */
async function settled(sql: Sql, kinds: WriteKind[], p: Pools) {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const now = JSON.stringify(await Promise.all(kinds.map((k) => k.written(sql, p))));
    if (now === last) return;
    last = now;
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Tally = { ok: string[]; refused: string[]; sent: Set<string> };

async function check(sql: Sql, p: Pools, kind: WriteKind, tally: Tally, before: number, mark: number): Promise<Check> {
  const unanswered = [...tally.sent];
  const stored = await storedMarkers(sql, kind, [...tally.ok, ...tally.refused, ...unanswered]);
  const rows = (await kind.written(sql, p)) - before;
  const audits = await auditsSince(sql, kind, mark);
  const landed = unanswered.filter((m) => stored.has(m)).length;
  const lost = tally.ok.filter((m) => !stored.has(m)).length;
  const refusedButStored = tally.refused.filter((m) => stored.has(m)).length;
  const passed = lost === 0 && refusedButStored === 0 && rows === audits && audits === tally.ok.length + landed;
  return { kind: kind.name, ok: tally.ok.length, refused: tally.refused.length, unanswered: unanswered.length, landed, lost, refusedButStored, rows, audits, passed };
}

/** The kinds through HTTP with autocannon (each connection cycles through them), then the check. */
export async function httpPhase(name: string, base: string, sql: Sql, p: Pools, kinds: WriteKind[], sessions: Record<WriteKind['account'], Record<string, string>>): Promise<Phase> {
  await refreshVersions(sql, p);
  const before = await Promise.all(kinds.map((k) => k.written(sql, p)));
  const mark = await maxAuditId(sql);
  const tallies: Tally[] = kinds.map(() => ({ ok: [], refused: [], sent: new Set() }));
  const requests: autocannon.Request[] = kinds.map((kind, i) => {
    const tally = tallies[i] as Tally;
    return {
      path: '/',
      headers: { ...sessions[kind.account], 'content-type': 'application/json' },
      setupRequest: (req, context) => {
        const write = kind.http(p, nextSerial());
        tally.sent.add(write.marker);
        context.marker = write.marker;
        return { ...req, method: write.method, path: write.path, body: JSON.stringify(write.body) };
      },
      onResponse: (status, body, context) => {
        const marker = context.marker as string;
        tally.sent.delete(marker);
        (status < 300 ? tally.ok : tally.refused).push(marker);
        if (status < 300) kind.answered?.(p, body);
      },
    };
  });
  const result = await load(name, base, requests);
  await settled(sql, kinds, p);
  const checks = [];
  for (const [i, kind] of kinds.entries()) checks.push(await check(sql, p, kind, tallies[i] as Tally, before[i] as number, mark));
  return { ...result, checks };
}

/**
 * Floor: the same row and audit writes as direct SQL, each in its own transaction through
 * postgres.js, from as many concurrent workers as autocannon has connections, for as long.
 */
export async function directPhase(name: string, sql: Sql, p: Pools, kinds: WriteKind[]): Promise<Phase> {
  await refreshVersions(sql, p);
  const before = await Promise.all(kinds.map((k) => k.written(sql, p)));
  const mark = await maxAuditId(sql);
  const times: number[] = [];
  const done = kinds.map(() => 0);
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let i = worker; performance.now() < end; i += CONNECTIONS) {
        const k = i % kinds.length;
        const kind = kinds[k] as WriteKind;
        const n = nextSerial();
        const t0 = performance.now();
        try {
          await sql.begin((tx) => kind.direct(tx, p, n));
          done[k] = (done[k] as number) + 1;
        } catch {
          errors++;
        }
        times.push(performance.now() - t0);
      }
    }),
  );
  const checks: Check[] = [];
  for (const [k, kind] of kinds.entries()) {
    const rows = (await kind.written(sql, p)) - (before[k] as number);
    const audits = await auditsSince(sql, kind, mark);
    const ok = done[k] as number;
    checks.push({ kind: kind.name, ok, refused: 0, unanswered: 0, landed: 0, lost: 0, refusedButStored: 0, rows, audits, passed: rows === audits && audits === ok });
  }
  return { name, rps: times.length / SECONDS, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), errors, non2xx: 0, requests: times.length, checks };
}
