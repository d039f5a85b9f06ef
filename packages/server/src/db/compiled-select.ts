import { isDeepStrictEqual } from 'node:util';
import { Column, is, SQL } from 'drizzle-orm';
import { PgDialect, type PgSelect } from 'drizzle-orm/pg-core';

const dialect = new PgDialect();
const MAX_SHAPES = 500;

type Decode = (value: unknown) => unknown;
type Shape = { text: string; map: (row: unknown[]) => unknown };
type Raw = { unsafe: (text: string, params: unknown[], options: { prepare: boolean }) => { values: () => Promise<unknown[][]> } };

const shapes = new Map<string, Shape | 'drizzle'>();
const misses = new Map<string, number>();

/**
 * Runs a list page's select without building its SQL or mapping its rows through Drizzle on every
 * request. On a busy list, Drizzle's query building and row mapping cost the server more CPU
 * than PostgreSQL spent running the query (a quarter of a profiled residents page).
 *
 * `key` must name everything of the select but its WHERE clause: the table, joins and selected
 * fields, the order and the page size. The WHERE clause is still built on every call (it holds
 * the caller's scope, filters and cursor) and its text joins the key, so two requests share a
 * statement only when the whole text is the same; its values are bound as parameters. `tail`
 * holds the parameters that follow the WHERE clause (a page size sent as a parameter).
 *
 * The first call of a shape runs through Drizzle and again raw, and the shape is kept only when
 * its text is the WHERE clause's with nothing else bound and both give equal rows. Only flat
 * selections on postgres.js qualify; anything else (PGlite, nested objects) stays with Drizzle.
 */
export async function compiledRows<T>(query: PgSelect, key: string, where: SQL | undefined, tail: unknown[] = []): Promise<T[]> {
  const client = (query as unknown as { session?: { client?: Partial<Raw> } }).session?.client;
  if (typeof client?.unsafe !== 'function') return (await query) as T[];
  const clause = where ? dialect.sqlToQuery(where) : { sql: '', params: [] };
  const full = `${key}\u0000${clause.sql}`;
  const shape = shapes.get(full);
  const params = [...clause.params, ...tail];
  if (shape) return shape === 'drizzle' ? ((await query) as T[]) : mapRows<T>(shape, await (client as Raw).unsafe(shape.text, params, { prepare: true }).values());
  // Once the table of shapes is full, a new shape simply runs through Drizzle, without the trial.
  if (shapes.size >= MAX_SHAPES) return (await query) as T[];

  const rows = (await query) as T[];
  const candidate = compile(query, clause.sql, params);
  if (!candidate) return remember(full, 'drizzle'), rows;
  const raw = mapRows<T>(candidate, await (client as Raw).unsafe(candidate.text, params, { prepare: true }).values());
  if (isDeepStrictEqual(raw, rows)) remember(full, candidate);
  // Rows may differ because a write landed between the two reads; after three tries, Drizzle keeps it.
  else if ((misses.get(full) ?? 0) >= 2) remember(full, 'drizzle');
  else misses.set(full, (misses.get(full) ?? 0) + 1);
  return rows;
}

function remember(full: string, shape: Shape | 'drizzle') {
  misses.delete(full);
  if (shapes.size < MAX_SHAPES) shapes.set(full, shape);
}

/** The statement's text and a decoder per column, when the select binds nothing but `params` and is flat. */
function compile(query: PgSelect, clauseText: string, params: unknown[]): Shape | null {
  const built = query.toSQL();
  if (!isDeepStrictEqual(built.params, params)) return null;
  if (clauseText && !built.sql.includes(clauseText)) return null;
  const fields = (query as unknown as { config?: { fields?: Record<string, unknown> } }).config?.fields;
  if (!fields) return null;
  const keys: string[] = [];
  const decoders: Decode[] = [];
  for (const [name, field] of Object.entries(fields)) {
    keys.push(name);
    if (is(field, Column)) decoders.push((v) => field.mapFromDriverValue(v));
    else if (is(field, SQL)) decoders.push(decoderOf(field));
    else if (is(field, SQL.Aliased)) decoders.push(decoderOf(field.sql));
    else return null;
  }
  return { text: built.sql, map: rowMapper(keys, decoders) };
}

/**
 * One function per shape that builds a row object literal with the fields in order, so every row
 * of a shape has the same hidden class (fast to read and to serialize). The keys are the select's
 * own field names, written as JSON string literals.
 */
function rowMapper(keys: string[], decoders: Decode[]): (row: unknown[]) => unknown {
  const body = keys.map((k, i) => `${JSON.stringify(k)}: row[${i}] === null ? null : d[${i}](row[${i}])`).join(',\n');
  const build = new Function('d', `return (row) => ({\n${body}\n});`) as (d: Decode[]) => (row: unknown[]) => unknown;
  return build(decoders);
}

/** An SQL field's decoder (`mapWith`, or the identity), which Drizzle keeps internal. */
function decoderOf(field: SQL): Decode {
  const { decoder } = field as unknown as { decoder: { mapFromDriverValue: Decode } };
  return (v) => decoder.mapFromDriverValue(v);
}

function mapRows<T>(shape: Shape, rows: unknown[][]): T[] {
  return rows.map(shape.map) as T[];
}
