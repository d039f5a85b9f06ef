import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { listTables, type TableSum, tableSums } from '../packages/server/src/db/backup/tables.ts';
import type { Db } from '../packages/server/src/db/client.ts';

// string_agg builds one text value, limited to 1 GB: past this many rows a table is summed in key ranges.
const WHOLE_TABLE_ROWS = 500_000;
const RANGE = 100_000;

/**
 * Per-table row count and checksum. Tables up to WHOLE_TABLE_ROWS rows use tableSums (the backup
 * round-trip check); larger ones with an integer `id` key are summed as the md5 of the md5s of
 * consecutive id ranges, which stays within PostgreSQL's text limit at 10 million rows.
 */
export async function dataChecksums(db: Db, sql: postgres.Sql): Promise<(TableSum & { method: string })[]> {
  const tables = (await listTables(db)).sort((a, b) => a.name.localeCompare(b.name));
  const out: (TableSum & { method: string })[] = [];
  for (const t of tables) {
    const [{ n }] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${t.name}"`);
    if (n > WHOLE_TABLE_ROWS && t.primaryKey.length === 1 && t.primaryKey[0] === 'id') {
      const [row] = await sql.unsafe<{ checksum: string }[]>(`select md5(string_agg(d, '' order by b)) as checksum
        from (select id / ${RANGE} as b, md5(string_agg(x::text, E'\\n' order by id)) as d from "${t.name}" x group by 1) s`);
      out.push({ name: t.name, rows: n, checksum: String(row?.checksum), method: `ranges of ${RANGE.toLocaleString('en')}` });
    } else {
      const [sum] = await tableSums(db, [t]);
      if (sum) out.push({ ...sum, method: 'tableSums' });
    }
  }
  return out;
}

/** One digest over every table's checksum: two builds are equal when their digests are. */
export const digestOf = (sums: TableSum[]) => createHash('md5').update(sums.map((s) => `${s.name} ${s.rows} ${s.checksum}`).join('\n')).digest('hex');

/** Rows and on-disk size (table, indexes and TOAST) of every application table, and of the database. */
export async function sizes(sql: postgres.Sql) {
  const tables = await sql<{ name: string; bytes: number }[]>`
    select c.relname as name, pg_total_relation_size(c.oid)::bigint::float8 as bytes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by pg_total_relation_size(c.oid) desc, c.relname`;
  const exact = new Map<string, number>();
  for (const t of tables) exact.set(t.name, Number((await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${t.name}"`))[0]?.n ?? 0));
  const [{ bytes }] = await sql<{ bytes: number }[]>`select pg_database_size(current_database())::float8 as bytes`;
  return { database: bytes, tables: tables.map((t) => ({ name: t.name, rows: exact.get(t.name) ?? 0, bytes: t.bytes })) };
}
