import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/rows.ts';

/**
 * Hostile requests for every JSON endpoint, generated from the OpenAPI document the server
 * publishes (so a new route is covered the day it is added). Bodies follow each route's schema
 * loosely: right names with wrong, extreme or malicious values, missing fields and junk.
 */
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; const?: unknown; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; format?: string };
type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { in: string; name: string; schema?: Schema }[] };
export type EndpointClass = 'read' | 'create' | 'update' | 'action' | 'delete';
export type Endpoint = { method: string; path: string; body: Schema | null; query: { name: string; schema?: Schema }[]; kind: EndpointClass };

/** Routes left out: logging out would end the session the rest of the run needs. */
const SKIP = new Set(['POST /api/v1/auth/logout']);

export function endpoints(spec: { paths: Record<string, Record<string, Operation>> }): Endpoint[] {
  const out: Endpoint[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(ops)) {
      const m = method.toUpperCase();
      if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(m) || SKIP.has(`${m} ${path}`)) continue;
      const hasId = path.includes('{');
      const kind: EndpointClass = m === 'GET' ? 'read' : m === 'DELETE' ? 'delete' : m === 'POST' ? (hasId ? 'action' : 'create') : 'update';
      out.push({ method: m, path, kind, body: op.requestBody?.content?.['application/json']?.schema ?? null, query: (op.parameters ?? []).filter((p) => p.in === 'query') });
    }
  }
  return out;
}

const nasty = fc.constantFrom('', ' ', 'null', 'undefined', '0', '-1', '1e309', '9'.repeat(40), "'; drop table users; --", '<script>alert(1)</script>', '\u0000', '../../etc/passwd', '2026-02-30', '2026-13-01', '31/12/2026', '%', '%00', 'ÑÁÉÍÓÚ ñ 🩺', 'a'.repeat(5000), '{"$ne":null}', 'NaN', 'true');
const junk: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.string(),
  fc.integer(),
  fc.constantFrom(-1, 0, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1.5, 1e308),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
);

const types = (s: Schema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A value shaped by a schema, often plausible, sometimes hostile, at every level. */
function shaped(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return junk;
  const alts = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alts?.length) return fc.oneof(...alts.map((s) => shaped(s, depth + 1)));
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), junk);
  if (schema.enum) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: junk });
  const options: fc.Arbitrary<unknown>[] = [];
  for (const t of types(schema)) {
    if (t === 'object') {
      const props = Object.entries(schema.properties ?? {});
      options.push(fc.record(Object.fromEntries(props.map(([k, s]) => [k, shaped(s, depth + 1)])), { requiredKeys: [] }));
    } else if (t === 'array') options.push(fc.array(shaped(schema.items, depth + 1), { maxLength: 4 }));
    else if (t === 'integer') options.push(fc.integer({ min: -2, max: 3000 }));
    else if (t === 'number') options.push(fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    else if (t === 'boolean') options.push(fc.boolean());
    else if (t === 'null') options.push(fc.constant(null));
    else if (t === 'string') options.push(schema.format === 'date' ? fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) : fc.string({ maxLength: 40 }));
  }
  return options.length ? fc.oneof({ weight: 4, arbitrary: fc.oneof(...options) }, { weight: 1, arbitrary: junk }) : junk;
}

const pathValue = fc.oneof(fc.integer({ min: -1, max: 3000 }).map(String), nasty.map(encodeURIComponent), fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent));

export type HostileRequest = { method: string; url: string; payload?: unknown };

/** Deterministic cases for one endpoint. */
export function cases(ep: Endpoint, runs: number, seed: number): HostileRequest[] {
  const params = [...ep.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const arb = fc.record({
    params: fc.tuple(...params.map(() => pathValue)),
    query: fc.record(Object.fromEntries(ep.query.map((q) => [q.name, shaped(q.schema)])), { requiredKeys: [] }),
    body: ep.body ? fc.oneof({ weight: 5, arbitrary: shaped(ep.body) }, { weight: 1, arbitrary: junk }) : fc.constant(undefined),
  });
  return fc.sample(arb, { numRuns: runs, seed }).map(({ params: values, query, body }) => {
    let i = 0;
    const path = ep.path.replace(/\{\w+\}/g, () => values[i++] as string);
    const qs = Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
      .join('&');
    return { method: ep.method, url: qs ? `${path}?${qs}` : path, ...(ep.method === 'GET' || ep.method === 'DELETE' ? {} : { payload: body === undefined ? {} : body }) };
  });
}

/**
 * Row counts of every application table in one round trip, each with the newest transaction id
 * among its rows: an insert or delete changes the count, and an update writes a new row version
 * whose xmin is newer, so a refused request that changed a row in place is caught too.
 */
export async function rowCounts(db: Db): Promise<string> {
  const tables = await queryRows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  // A session's sliding expiry is refreshed by any request, refused or not: only its count matters.
  const version = (name: string) => (name === 'sessions' ? `''` : `coalesce(max(xmin::text::bigint), 0)::text`);
  const parts = tables.map((t) => `select '${t.name}' as t, count(*)::int as n, ${version(t.name)} as x from "${t.name}"`).join(' union all ');
  const rows = await queryRows<{ t: string; n: number; x: string }>(db, sql.raw(`${parts} order by 1`));
  return rows.map((r) => `${r.t}=${r.n}@${r.x}`).join(' ');
}
