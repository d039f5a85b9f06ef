import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { queryRows } from '../rows.ts';

export type TableInfo = { name: string; primaryKey: string[]; columns: string[]; serial: string | null };
export type TableSum = { name: string; rows: number; checksum: string };

export const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);
const identList = (names: string[]) => sql.raw(names.map((n) => `"${n.replaceAll('"', '""')}"`).join(', '));

/**
 * The application's tables (derived ones excepted) in an order where every table comes after those it references, with
 * what a copy needs: primary key (row order), the columns that can be written (generated columns
 * are derived again on restore) and the serial column whose sequence must follow the data.
 */
export async function listTables(db: Pick<Db, 'execute'>): Promise<TableInfo[]> {
  // Derived tables (their comment says so) are left out: a restore rebuilds them from the data they derive from.
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
          and coalesce(obj_description(format('public.%I', table_name)::regclass, 'pg_class'), '') not like 'sirem:derived%' order by table_name`,
  );
  const columns = await queryRows<{ table: string; column: string; generated: string; serial: boolean }>(
    db,
    sql`select table_name as "table", column_name as "column", is_generated as generated, coalesce(column_default like 'nextval(%', false) as serial
        from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const keys = await queryRows<{ table: string; column: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column" from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join lateral unnest(i.indkey) with ordinality as k(attnum, pos) on true join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where i.indisprimary and n.nspname = 'public' order by c.relname, k.pos`,
  );
  const refs = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint f join pg_class c on c.oid = f.conrelid join pg_class p on p.oid = f.confrelid
        join pg_namespace n on n.oid = c.relnamespace where f.contype = 'f' and n.nspname = 'public'`,
  );
  const infos = new Map<string, TableInfo>(tables.map((t) => [t.name, { name: t.name, primaryKey: [], columns: [], serial: null }]));
  for (const c of columns) {
    const info = infos.get(c.table);
    if (!info) continue;
    if (c.generated === 'NEVER') info.columns.push(c.column);
    if (c.serial) info.serial = c.column;
  }
  for (const k of keys) infos.get(k.table)?.primaryKey.push(k.column);
  return topological([...infos.values()], refs);
}

function topological(tables: TableInfo[], refs: { child: string; parent: string }[]): TableInfo[] {
  const parents = new Map(tables.map((t) => [t.name, new Set(refs.filter((r) => r.child === t.name && r.parent !== t.name).map((r) => r.parent))]));
  const done = new Set<string>();
  const order: TableInfo[] = [];
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && [...(parents.get(t.name) ?? [])].every((p) => done.has(p)));
    // A reference cycle between tables would stall the sort; take the rest in name order then.
    for (const t of ready.length ? ready : tables.filter((x) => !done.has(x.name))) {
      done.add(t.name);
      order.push(t);
    }
  }
  return order;
}

/** Row order for a copy: by primary key, or by every column when a table has none. */
export const orderBy = (t: TableInfo) => identList(t.primaryKey.length ? t.primaryKey : t.columns);

/** Row count and an md5 over every row's text, in key order: equal sums mean equal data. */
export async function tableSums(db: Pick<Db, 'execute'>, tables: TableInfo[]): Promise<TableSum[]> {
  const sums: TableSum[] = [];
  for (const t of tables) {
    const [row] = await queryRows<{ rows: number; checksum: string }>(
      db,
      sql`select count(*)::int as rows, md5(coalesce(string_agg(x::text, E'\n' order by ${orderBy(t)}), '')) as checksum from ${ident(t.name)} x`,
    );
    sums.push({ name: t.name, rows: Number(row?.rows ?? 0), checksum: String(row?.checksum) });
  }
  return sums;
}

/** Which migrations the database has applied (drizzle keeps their hashes), in order. */
export async function appliedMigrations(db: Pick<Db, 'execute'>): Promise<string[]> {
  const rows = await queryRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations order by id`);
  return rows.map((r) => r.hash);
}
