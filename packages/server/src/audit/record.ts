import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
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

// A table's columns and the json_build_object arguments naming them as Drizzle does, built once per table.
const shapes = new WeakMap<PgTable, { columns: [string, AnyPgColumn][]; fields: SQL }>();
function rowShape(table: PgTable) {
  let shape = shapes.get(table);
  if (!shape) {
    const columns = Object.entries(getTableColumns(table)) as [string, AnyPgColumn][];
    shape = { columns, fields: sql.raw(columns.map(([key, column]) => `'${key}', ins."${column.name}"`).join(', ')) };
    shapes.set(table, shape);
  }
  return shape;
}

/**
 * Inserts one row and its `create` audit row in a single statement, so a hot write path needs
 * neither a transaction nor a second round trip; both are stored or neither is. Returns the stored
 * row under the table's property names, as Drizzle would.
 */
export async function insertAudited<T extends PgTable & { id: AnyPgColumn }>(db: Db, ctx: Actorish, table: T, values: T['$inferInsert'], entity: string): Promise<T['$inferSelect']> {
  const { columns, fields } = rowShape(table);
  // Written out rather than through the insert builder, which costs more than the database does here.
  const given = columns.filter(([key]) => (values as Record<string, unknown>)[key] !== undefined);
  const insert = sql`insert into ${table} (${sql.raw(given.map(([, column]) => `"${column.name}"`).join(', '))})
    values (${sql.join(given.map(([key, column]) => sql.param((values as Record<string, unknown>)[key], column)), sql`, `)}) returning *`;
  const result = await db.execute(sql`with ins as (${insert}),
    j as (select ins.id, json_build_object(${fields}) as row from ins),
    a as (insert into ${auditLog} (actor_id, actor_name, action, entity, entity_id, after, request_id)
          select ${ctx.actor?.userId || null}::int, ${ctx.actor?.username ?? null}::text, 'create', ${entity}::text, j.id::text, j.row, ${ctx.requestId}::text from j)
    select row from j`);
  const [first] = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { row: unknown }[];
  const row = (typeof first.row === 'string' ? JSON.parse(first.row) : first.row) as Record<string, unknown>;
  for (const [key, column] of columns) if (column.columnType === 'PgTimestamp' && typeof row[key] === 'string') row[key] = new Date(row[key] as string);
  return row as T['$inferSelect'];
}
