import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { coalesce } from '../db/coalesce.ts';
import { staticQuery } from '../db/static-query.ts';
import { auditLog } from '../db/schema/audit.ts';
import type { Ctx } from '../http/context.ts';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Writes one audit row; callers pass the transaction that makes the change so both commit together. */
export async function recordAudit(tx: Db, ctx: Pick<Ctx, 'actor' | 'requestId'> | { actor: null; requestId: string | null }, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: ctx.actor?.userId || null,
    actorName: ctx.actor?.username ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
  });
}

/** Writes many audit rows in one statement (a bulk change audits each record it touched). */
export async function recordAudits(tx: Db, ctx: Pick<Ctx, 'actor' | 'requestId'>, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += 1000)
    await tx.insert(auditLog).values(
      entries.slice(i, i + 1000).map((entry) => ({
        actorId: ctx.actor?.userId || null,
        actorName: ctx.actor?.username ?? null,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId === null ? null : String(entry.entityId),
        before: entry.before ?? null,
        after: entry.after ?? null,
        requestId: ctx.requestId,
      })),
    );
}

type Actorish = Pick<Ctx, 'actor' | 'requestId'>;
type Row = Record<string, unknown>;

type Audited = { values: Row; actorId: number | null; actorName: string | null; requestId: string | null };

// One statement per table, entity and set of columns written, built once: the rows, then their audit rows from them.
const statements = new Map<string, { columns: [string, AnyPgColumn][]; insert: (db: Db, item: Audited) => Promise<Row> }>();
function auditedInsertStatement(table: PgTable, keys: string[], entity: string) {
  const name = `${getTableName(table)}:${entity}:${keys.join(',')}`;
  let statement = statements.get(name);
  if (!statement) {
    const columns = Object.entries(getTableColumns(table)) as [string, AnyPgColumn][];
    const given = columns.filter(([key]) => keys.includes(key));
    const tableName = getTableName(table);
    const fields = sql.raw(columns.map(([key, column]) => `'${key}', ins."${column.name}"`).join(', '));
    // Ids are drawn before inserting, so each row is tied to its call (and its audit row to its actor) by id, not by order.
    const run = staticQuery<{ n: number; row: unknown }>(sql`with v as materialized (
        select nextval((select pg_get_serial_sequence(${tableName}, 'id'))::regclass) as id, e.x, e.n
          from json_array_elements(${sql.placeholder('items')}::json) with ordinality e(x, n)),
      ins as (
        insert into ${table} ("id", ${sql.raw(given.map(([, column]) => `"${column.name}"`).join(', '))})
        select v.id, ${sql.raw(given.map(([, column]) => `r."${column.name}"`).join(', '))}
          from v, json_populate_record(null::${table}, v.x -> 'values') r order by v.n returning *),
      j as (select ins.id, json_build_object(${fields}) as row from ins),
      a as (insert into ${auditLog} (actor_id, actor_name, action, entity, entity_id, after, request_id)
            select (v.x ->> 'actorId')::int, v.x ->> 'actorName', 'create', ${entity}::text, j.id::text, j.row, v.x ->> 'requestId' from j join v on v.id = j.id)
      select v.n, j.row from j join v on v.id = j.id order by v.n`);
    const toColumns = (values: Row) => Object.fromEntries(given.map(([key, column]) => [column.name, values[key] ?? null]));
    const insert = coalesce<Audited, Row>(async (db, items) => {
      const rows = await run(db, { items: JSON.stringify(items.map((item) => ({ values: toColumns(item.values), actorId: item.actorId, actorName: item.actorName, requestId: item.requestId }))) });
      return rows.map(({ row }) => {
        const parsed = (typeof row === 'string' ? JSON.parse(row) : row) as Row;
        for (const [key, column] of columns) if (column.columnType === 'PgTimestamp' && typeof parsed[key] === 'string') parsed[key] = new Date(parsed[key] as string);
        return parsed;
      });
    });
    statement = { columns, insert };
    statements.set(name, statement);
  }
  return statement;
}

/**
 * Inserts one row and its `create` audit row in a single statement, so a hot write path needs
 * neither a transaction nor a second round trip; both are stored or neither is. Rows inserted
 * at the same moment share the statement (see `coalesce`), each with its own audit row, actor
 * and request id. Returns the stored row under the table's property names, as Drizzle would.
 */
export async function insertAudited<T extends PgTable & { id: AnyPgColumn }>(db: Db, ctx: Actorish, table: T, values: T['$inferInsert'], entity: string): Promise<T['$inferSelect']> {
  // An absent value takes the column's default; a column without one is written as null, so
  // calls that leave out different optional fields still fit one statement.
  const columns = getTableColumns(table) as Record<string, AnyPgColumn>;
  const given = Object.fromEntries(
    Object.entries(values as Row)
      .filter(([key, v]) => v !== undefined || !columns[key]?.hasDefault)
      .map(([key, v]) => [key, v ?? null]),
  );
  const { insert } = auditedInsertStatement(table, Object.keys(given), entity);
  return (await insert(db, { values: given, actorId: ctx.actor?.userId || null, actorName: ctx.actor?.username ?? null, requestId: ctx.requestId })) as T['$inferSelect'];
}
