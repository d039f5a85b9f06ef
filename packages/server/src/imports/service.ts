import { FACULTY_IMPORT_COLUMNS, type ImportColumn, matchHeader, RESIDENT_IMPORT_COLUMNS } from '@sirem/core';
import { eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { importBatches } from '../db/schema/imports.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertMayManage } from '../people/scope.ts';
import type { CommitJob } from './commit-job.ts';
import { finishProgress, runningProgress, startProgress } from './commit-progress.ts';
import { commitFacultyRows } from './faculty-commit.ts';
import { checkFacultyRows } from './faculty-import.ts';
import { parseUpload } from './parse.ts';
import { commitResidentRows } from './residents-commit.ts';
import { checkResidentRows } from './residents-import.ts';
import { type Change, type Checked, type ImportItem, type RawRow, rowReader, staleImport } from './rows.ts';
import { type Scope, scopeCovers } from '@sirem/core';
import { sedes, units } from '../db/schema/catalog.ts';

export const IMPORT_KINDS = ['residents', 'faculty'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

type Handler = {
  columns: ImportColumn[];
  check: (db: Db, scope: Scope, rows: RawRow[]) => Promise<Checked<ImportItem>[]>;
  commit: (job: CommitJob, items: never[]) => Promise<void>;
};
const HANDLERS: Record<ImportKind, Handler> = {
  residents: { columns: RESIDENT_IMPORT_COLUMNS, check: checkResidentRows, commit: commitResidentRows },
  faculty: { columns: FACULTY_IMPORT_COLUMNS, check: checkFacultyRows, commit: commitFacultyRows },
};

type Summary = { total: number; create: number; update: number; unchanged: number; errors: number };
type StoredErrors = { headers: string[]; rows: { line: number; cells: string[]; issues: { column: string; message: string }[] }[] };
const SHOWN = 500;

/** Each row to update with what would change, for the coordinator to review before applying. */
const updatesOf = (items: ImportItem[]) =>
  items
    .filter((i) => i.changes?.length)
    .slice(0, SHOWN)
    .map((i) => ({ line: i.line, key: i.person.curp ?? i.person.tempKey ?? '', name: [i.person.givenNames, i.person.firstSurname, i.person.secondSurname].filter(Boolean).join(' '), changes: i.changes as Change[] }));
const errorsOf = (errors: StoredErrors['rows']) => errors.slice(0, SHOWN).flatMap((e) => e.issues.map((i) => ({ line: e.line, ...i })));

/** Step 1: parse and check the whole file; nothing is written but the batch itself. */
export async function validateImport(ctx: Ctx, kind: ImportKind, bytes: Buffer, fileName: string) {
  const scope = assertMayManage(ctx);
  const handler = HANDLERS[kind];
  const sheet = await parseUpload(bytes, fileName);
  const header = matchHeader(sheet.rows.map((r) => r.cells), handler.columns);
  if (!sheet.rows.length) throw badRequest('El archivo no tiene filas de datos.');
  if (header.missing.length)
    throw badRequest(`Faltan columnas obligatorias: ${header.missing.join(', ')}. La primera fila de encabezados debe nombrarlas.`, header.missing.map((m) => ({ field: m, message: 'Columna faltante.' })));
  const read = rowReader(handler.columns, header.map);
  const data = sheet.rows.slice(header.headerIndex + 1).map((r) => read(r.line, r.cells));
  if (!data.length) throw badRequest('El archivo no tiene filas de datos debajo de los encabezados.');
  const checked = await handler.check(ctx.db, scope, data);
  const errors = checked.filter((c) => c.issues.length).map((c) => ({ line: c.line, cells: c.cells, issues: c.issues }));
  const ok = checked.filter((c) => c.value && c.action);
  const count = (a: string) => ok.filter((c) => c.action === a).length;
  const summary: Summary = { total: checked.length, create: count('create'), update: count('update'), unchanged: count('unchanged'), errors: errors.length };
  const headers = sheet.rows[header.headerIndex]?.cells ?? [];
  const [batch] = await ctx.db
    .insert(importBatches)
    .values({ kind, fileName, status: 'validated', createdBy: ctx.actor.userId, summary, rows: ok.filter((c) => c.action !== 'unchanged').map((c) => c.value), errors: { headers, rows: errors } })
    .returning({ id: importBatches.id });
  const toWrite = ok.filter((c) => c.action !== 'unchanged').map((c) => c.value as ImportItem);
  return { id: batch.id, kind, fileName, status: 'validated', summary, errors: errorsOf(errors), updates: updatesOf(toWrite) };
}

async function loadBatch(ctx: Ctx, id: number) {
  const [batch] = await ctx.db.select().from(importBatches).where(eq(importBatches.id, id));
  if (!batch) throw notFound('La importación');
  if (batch.createdBy !== ctx.actor.userId) throw forbidden('Solo quien cargó el archivo puede consultarlo o aplicarlo.');
  return batch;
}

export async function getImport(ctx: Ctx, id: number) {
  assertMayManage(ctx);
  const batch = await loadBatch(ctx, id);
  const live = runningProgress(id);
  return {
    id: batch.id, kind: batch.kind, fileName: batch.fileName, status: batch.status, summary: batch.summary, committedAt: batch.committedAt,
    progress: live ? { done: live.done, total: live.total } : null,
    errors: errorsOf((batch.errors as StoredErrors).rows),
    updates: updatesOf(batch.rows as ImportItem[]),
  };
}

/**
 * The progress bar's poll. While this process commits the batch for this user the answer comes
 * from memory, without the database (which the commit holds on the embedded engine); otherwise
 * from the stored batch.
 */
export async function importProgress(ctx: Ctx, id: number) {
  assertMayManage(ctx);
  const live = runningProgress(id);
  if (live && live.actor.userId === ctx.actor.userId) return { id, status: 'committing', done: live.done, total: live.total };
  const [batch] = await ctx.db.select({ createdBy: importBatches.createdBy, status: importBatches.status, summary: importBatches.summary }).from(importBatches).where(eq(importBatches.id, id));
  if (!batch) throw notFound('La importación');
  if (batch.createdBy !== ctx.actor.userId) throw forbidden('Solo quien cargó el archivo puede consultarlo o aplicarlo.');
  const summary = batch.summary as Summary;
  const total = summary.create + summary.update;
  return { id, status: batch.status, done: batch.status === 'committed' ? total : 0, total };
}

/** Step 2: all rows or none. A batch already applied is reported, not applied twice. */
export async function commitImport(ctx: Ctx, id: number) {
  const scope = assertMayManage(ctx);
  const batch = await loadBatch(ctx, id);
  if (batch.status === 'committed') return { id, status: 'committed', summary: batch.summary, alreadyCommitted: true };
  const summary = batch.summary as { errors: number };
  if (summary.errors > 0) throw conflict('import_has_errors', 'El archivo tiene filas con errores; corríjalas y vuelva a cargarlo. No se guardó nada.');
  const handler = HANDLERS[batch.kind as ImportKind];
  const items = batch.rows as never[];
  await assertStillInScope(ctx.db, scope, items as { sedeId: number }[]);
  if (runningProgress(id)) throw conflict('import_running', 'Esta importación ya se está aplicando; espere a que termine.');
  const progress = startProgress(id, ctx.actor, items.length);
  try {
    await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.update(importBatches).set({ status: 'committing' }).where(eq(importBatches.id, id)).returning({ status: importBatches.status });
      if (!locked) throw notFound('La importación');
      await handler.commit({ tx, stamp: ctx, batchId: id, progress: (n) => (progress.done += n) }, items);
      await tx.update(importBatches).set({ status: 'committed', committedAt: new Date() }).where(eq(importBatches.id, id));
      await recordAudit(tx, ctx, { action: 'import', entity: `import_${batch.kind}`, entityId: id, after: { fileName: batch.fileName, summary: batch.summary } });
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { cause?: { code?: string }; code?: string }).cause?.code ?? (err as { code?: string }).code;
    if (code === '23505') throw staleImport();
    throw err;
  } finally {
    finishProgress(id);
  }
  return { id, status: 'committed', summary: batch.summary, alreadyCommitted: false };
}

/**
 * Rows were checked against the uploader's scope when the file was validated; a grant may have
 * changed since, so the sedes are checked again against today's scope before anything is written.
 */
async function assertStillInScope(db: Db, scope: Scope, items: { sedeId: number }[]) {
  if (scope.kind === 'all') return;
  const ids = [...new Set(items.map((i) => i.sedeId))];
  if (!ids.length) return;
  const places = await db.select({ sedeId: sedes.id, unitId: sedes.unitId, ooadId: units.ooadId, name: units.name }).from(sedes).innerJoin(units, eq(units.id, sedes.unitId)).where(inArray(sedes.id, ids));
  const outside = places.filter((p) => !scopeCovers(scope, { ooadId: p.ooadId, unitId: p.unitId, sedeIds: [p.sedeId] }));
  if (outside.length)
    throw forbidden(`Desde que validó el archivo su ámbito cambió y ya no incluye ${outside.length === 1 ? 'la sede de' : `${outside.length} sedes, entre ellas la de`} ${outside[0]?.name}; vuelva a cargar el archivo para revisarlo con su ámbito actual. No se guardó nada.`);
}

export async function errorRows(ctx: Ctx, id: number) {
  assertMayManage(ctx);
  const batch = await loadBatch(ctx, id);
  return batch.errors as StoredErrors;
}
