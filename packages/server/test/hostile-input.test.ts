import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Endpoint, cases, endpoints, rowCounts } from './support/hostile.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';

/**
 * Every JSON endpoint the server publishes, called by an administrator with generated hostile
 * input: no answer may be a 5xx, and a refused request (4xx) must leave every table as it was.
 * `SIREM_HOSTILE_RUNS` sets the cases per endpoint; `SIREM_HOSTILE_PER_CLASS` instead spreads a
 * number of cases over each endpoint class (the benchmark run: 10,000 per class), and
 * `SIREM_HOSTILE_REPORT` names a JSON file for the tally.
 */
const RUNS = Number(process.env.SIREM_HOSTILE_RUNS ?? 8);
const PER_CLASS = Number(process.env.SIREM_HOSTILE_PER_CLASS ?? 0);

describe('hostile input', () => {
  let t: TestContext;
  let admin: Client;
  let list: Endpoint[];

  beforeAll(async () => {
    t = await setupApp();
    admin = await t.userWith('hostil', [national()]);
    await t.app.ready();
    list = endpoints(t.app.swagger() as never);
  });
  afterAll(async () => t.close());

  it('finds the routes in the published API', () => {
    expect(list.length).toBeGreaterThan(50);
    expect(new Set(list.map((e) => e.kind))).toEqual(new Set(['read', 'create', 'update', 'action', 'delete']));
  });

  it('answers every generated request without a server error and writes nothing when it refuses', { timeout: 600_000 }, async () => {
    const problems: string[] = [];
    let before = await rowCounts(t.database.db);
    let sent = 0;
    let expected = 0;
    const tally: Record<string, { endpoints: number; cases: number; statuses: Record<number, number> }> = {};
    for (const [n, ep] of list.entries()) {
      const classSize = list.filter((e) => e.kind === ep.kind).length;
      const runs = PER_CLASS ? Math.ceil(PER_CLASS / classSize) : RUNS;
      expected += runs;
      const row = (tally[ep.kind] ??= { endpoints: 0, cases: 0, statuses: {} });
      row.endpoints++;
      for (const req of cases(ep, runs, 1000 + n)) {
        const res = await admin.request(req.method as never, req.url, req.payload);
        sent++;
        row.cases++;
        row.statuses[res.statusCode] = (row.statuses[res.statusCode] ?? 0) + 1;
        const after = await rowCounts(t.database.db);
        if (res.statusCode >= 500) problems.push(`${req.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 200)} body=${JSON.stringify(req.payload)?.slice(0, 200)}`);
        else if (res.statusCode >= 400 && after !== before && !auditedDenial(res.statusCode, before, after)) problems.push(`${req.method} ${req.url} → ${res.statusCode} but rows changed: ${diff(before, after)}`);
        before = after;
        // A generated request may end the session (a password change, say): sign in again and carry on.
        if (res.statusCode === 401 && !req.url.startsWith('/api/v1/auth/')) {
          admin = await t.login('hostil');
          before = await rowCounts(t.database.db);
        }
      }
    }
    if (process.env.SIREM_HOSTILE_REPORT) writeFileSync(process.env.SIREM_HOSTILE_REPORT, JSON.stringify({ engine: t.database.engine, sent, tally, problems }, null, 1));
    expect(sent).toBe(expected);
    expect(problems.slice(0, 15)).toEqual([]);
  });
});

/** Some refusals must leave a trace (a denied read of someone's wellbeing results): a 403 may add audit rows, nothing else. */
function auditedDenial(status: number, before: string, after: string) {
  return status === 403 && diff(before, after).split(' ').every((t) => t.startsWith('audit_log='));
}

function diff(a: string, b: string) {
  const left = new Set(a.split(' '));
  return b
    .split(' ')
    .filter((x) => !left.has(x))
    .join(' ');
}
