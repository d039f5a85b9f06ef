import { type ListQuery, type Page, type Scope, can, resolveScope, scopeCovers } from '@sirem/core';
import { type SQL, and, asc, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { compiledRows } from '../db/compiled-select.ts';
import { AppError, badRequest, forbidden, notFound, versionConflict } from '../http/errors.ts';
import { cachedTotal } from '../lib/cached-total.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { allPages } from '../lib/pages.ts';
import { searchWords } from '../lib/search.ts';
import type { Ctx, Resource, Row } from './resource.ts';

const PAGE = 50;
const CAST = { text: sql.raw('text'), int: sql.raw('int'), date: sql.raw('date') };

function catalogScope(ctx: Ctx): Scope {
  const scope = resolveScope(ctx.actor.grants, 'catalog.read');
  if (scope.kind === 'none') throw forbidden('No tiene acceso al catálogo.');
  return scope;
}

function readScopeOf<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, scope = catalogScope(ctx)): SQL | undefined {
  return r.readScope?.(scope);
}

function baseWhere<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, query: Q, scope: Scope): SQL | undefined {
  const conditions: (SQL | undefined)[] = [readScopeOf(r, ctx, scope), ...(r.filters?.(query) ?? [])];
  if (query.active !== 'all') conditions.push(eq(r.table.active, query.active !== 'false'));
  if (r.search) conditions.push(searchWords(r.search, query.q));

  return and(...conditions);
}

export async function listRows<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, query: Q): Promise<Page<Row>> {
  // hasOwn, not `in`: ?sort=toString must not reach Object.prototype.
  const sortName = query.sort && Object.hasOwn(r.sortable, query.sort) ? query.sort : r.defaultSort;
  const sort = r.sortable[sortName];
  const descending = query.dir === 'desc';
  const limit = query.limit ?? PAGE;
  const scope = catalogScope(ctx);
  const where = baseWhere(r, ctx, query, scope);
  let pageWhere = where;
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    const op = descending ? sql`<` : sql`>`;
    pageWhere = and(where, sql`(${sort.expr}, ${r.table.id}) ${op} (${value}::${CAST[sort.type]}, ${id}::int)`);
  }
  const order = descending ? [desc(sort.expr), desc(r.table.id)] : [asc(sort.expr), asc(r.table.id)];
  // A resource's projection and joins are fixed, so its entity and the order name the statement;
  // the total is kept per scope and filters until the catalogue changes (`cachedTotal`).
  const counted = async () => Number((await compiledRows<{ n: number }>(r.count(ctx.db).where(where), `catalog:${r.entity}|count`, where))[0]?.n ?? 0);
  const [rows, total] = await Promise.all([
    compiledRows<Row>(r.query(ctx.db).where(pageWhere).orderBy(...order).limit(limit + 1), `catalog:${r.entity}|${sortName}|${descending ? 'desc' : 'asc'}`, pageWhere, [limit + 1]),
    cachedTotal(ctx, `catalog:${r.entity}`, scope, query as Record<string, unknown>)(counted),
  ]);
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, total, nextCursor: more && last ? encodeCursor(cursorValue(last, sortName), last.id) : null };
}

function cursorValue(row: Row, sortName: string): string | number {
  const v = row[sortName];
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? v : String(v);
}

export const exportPages = <I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, query: Q) => allPages((cursor) => listRows(r, ctx, { ...query, cursor, limit: 1000 }));

export async function getRow<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, id: number): Promise<Row> {
  const [row] = (await r.query(ctx.db).where(and(eq(r.table.id, id), readScopeOf(r, ctx)))) as Row[];
  if (!row) throw notFound(r.label);
  return row;
}

/** Permission first: a role that may never write here hears 403 before any row is looked up. */
function assertMayWrite<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx) {
  if (!can(ctx.actor.grants, r.writeAction)) throw forbidden(`No tiene permiso para modificar ${r.label.toLowerCase()}.`);
}

async function assertWritable<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, db: Db, values: Record<string, unknown>) {
  const scope: Scope = resolveScope(ctx.actor.grants, r.writeAction);
  if (scope.kind === 'none') throw forbidden(`No tiene permiso para modificar ${r.label.toLowerCase()}.`);
  if (scope.kind === 'all') return;
  if (!r.placeOf) throw forbidden(`Solo el nivel central modifica ${r.label.toLowerCase()}.`);
  if (!scopeCovers(scope, await r.placeOf(db, values)))
    throw forbidden(`${r.label} quedaría fuera de su ámbito (OOAD o unidad asignados).`);
}

async function validated<I, Q extends ListQuery>(r: Resource<I, Q>, db: Db, input: I, id: number | null) {
  const errors = (await r.validate?.(db, input, id)) ?? [];
  if (errors.length) throw badRequest(`Revise los datos: ${errors.map((e) => e.message).join(' ')}`, errors);
}

async function storedRow<I, Q extends ListQuery>(r: Resource<I, Q>, db: Db, id: number) {
  const [row] = (await db.select().from(r.table).where(eq(r.table.id, id))) as Row[];
  return row;
}

/** Reads the stored row for a write, hiding rows outside the actor's read scope. */
async function visibleStored<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, db: Db, id: number) {
  await getRow(r, { ...ctx, db }, id);
  return storedRow(r, db, id);
}

const strip = (row: Row | undefined) => {
  if (!row) return row;
  const { search: _s, ...rest } = row;
  return rest;
};

export async function createRow<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, input: I): Promise<Row> {
  assertMayWrite(r, ctx);
  const values = r.toValues(input);
  const id = await ctx.db.transaction(async (tx) => {
    await assertWritable(r, ctx, tx, values);
    await validated(r, tx, input, null);
    const [row] = (await tx.insert(r.table).values(values).returning()) as Row[];
    await recordAudit(tx, ctx, { action: 'create', entity: r.entity, entityId: row.id, after: strip(row) });
    return row.id;
  });
  return getRow(r, ctx, id);
}

export async function updateRow<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, id: number, input: I, version: number): Promise<Row> {
  assertMayWrite(r, ctx);
  const values = r.toValues(input);
  await ctx.db.transaction(async (tx) => {
    const before = await visibleStored(r, ctx, tx, id);
    await assertWritable(r, ctx, tx, before);
    await assertWritable(r, ctx, tx, values);
    await validated(r, tx, input, id);
    const [after] = (await tx
      .update(r.table)
      .set({ ...values, version: sql`${r.table.version} + 1`, updatedAt: new Date() })
      .where(and(eq(r.table.id, id), eq(r.table.version, version)))
      .returning()) as Row[];
    if (!after) throw versionConflict(await getRow(r, { ...ctx, db: tx }, id));
    await recordAudit(tx, ctx, { action: 'update', entity: r.entity, entityId: id, before: strip(before), after: strip(after) });
  });
  return getRow(r, ctx, id);
}

export async function deactivateRow<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, id: number, version: number, validTo: string | null) {
  assertMayWrite(r, ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await visibleStored(r, ctx, tx, id);
    await assertWritable(r, ctx, tx, before);
    const [after] = (await tx
      .update(r.table)
      .set({ active: false, validTo: validTo ?? sql`current_date`, version: sql`${r.table.version} + 1`, updatedAt: new Date() })
      .where(and(eq(r.table.id, id), eq(r.table.version, version)))
      .returning()) as Row[];
    if (!after) throw versionConflict(await getRow(r, { ...ctx, db: tx }, id));
    await recordAudit(tx, ctx, { action: 'deactivate', entity: r.entity, entityId: id, before: strip(before), after: strip(after) });
  });
  return getRow(r, ctx, id);
}

export async function deleteRow<I, Q extends ListQuery>(r: Resource<I, Q>, ctx: Ctx, id: number) {
  assertMayWrite(r, ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await visibleStored(r, ctx, tx, id);
    await assertWritable(r, ctx, tx, before);
    for (const ref of r.references ?? []) {
      const n = await ref.count(tx, id);
      if (n > 0) throw new AppError(409, 'referenced', `${ref.message(n)} Desactívelo(a) con una fecha de fin de vigencia en lugar de eliminarlo(a).`);
    }
    await tx.delete(r.table).where(eq(r.table.id, id));
    await recordAudit(tx, ctx, { action: 'delete', entity: r.entity, entityId: id, before: strip(before) });
  });
}
