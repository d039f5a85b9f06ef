import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
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

// One statement per table and set of columns written, built once: the row, then its audit row from it.
const statements = new Map<string, { columns: [string, AnyPgColumn][]; run: (db: Db, values: Row) => Promise<{ row: unknown }[]> }>();
function auditedInsertStatement(table: PgTable, keys: string[]) {
  const name = `${getTableName(table)}:${keys.join(',')}`;
  let statement = statements.get(name);
  if (!statement) {
    const columns = Object.entries(getTableColumns(table)) as [string, AnyPgColumn][];
    const given = columns.filter(([key]) => keys.includes(key));
    const fields = sql.raw(columns.map(([key, column]) => `'${key}', ins."${column.name}"`).join(', '));
    const run = staticQuery<{ row: unknown }>(sql`with ins as (
        insert into ${table} (${sql.raw(given.map(([, column]) => `"${column.name}"`).join(', '))})
        values (${sql.join(given.map(([key, column]) => sql.param(sql.placeholder(key), column)), sql`, `)}) returning *),
      j as (select ins.id, json_build_object(${fields}) as row from ins),
      a as (insert into ${auditLog} (actor_id, actor_name, action, entity, entity_id, after, request_id)
            select ${sql.placeholder('$actorId')}::int, ${sql.placeholder('$actorName')}::text, 'create', ${sql.placeholder('$entity')}::text, j.id::text, j.row, ${sql.placeholder('$requestId')}::text from j)
      select row from j`);
    statement = { columns, run };
    statements.set(name, statement);
  }
  return statement;
}

/**
 * Inserts one row and its `create` audit row in a single statement, so a hot write path needs
 * neither a transaction nor a second round trip; both are stored or neither is. Returns the stored
 * row under the table's property names, as Drizzle would.
 */
export async function insertAudited<T extends PgTable & { id: AnyPgColumn }>(db: Db, ctx: Actorish, table: T, values: T['$inferInsert'], entity: string): Promise<T['$inferSelect']> {
  const given = Object.entries(values as Row).filter(([, v]) => v !== undefined);
  const { columns, run } = auditedInsertStatement(table, given.map(([key]) => key));
  const [first] = await run(db, { ...Object.fromEntries(given), $actorId: ctx.actor?.userId || null, $actorName: ctx.actor?.username ?? null, $entity: entity, $requestId: ctx.requestId });
  const row = (typeof first?.row === 'string' ? JSON.parse(first.row) : first?.row) as Row;
  for (const [key, column] of columns) if (column.columnType === 'PgTimestamp' && typeof row[key] === 'string') row[key] = new Date(row[key] as string);
  return row as T['$inferSelect'];
}
