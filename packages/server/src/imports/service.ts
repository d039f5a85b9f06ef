import { FACULTY_IMPORT_COLUMNS, type ImportColumn, matchHeader, RESIDENT_IMPORT_COLUMNS } from '@sirem/core';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { importBatches } from '../db/schema/imports.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertMayManage } from '../people/scope.ts';
import { checkFacultyRows, commitFacultyRows } from './faculty-import.ts';
import { parseUpload } from './parse.ts';
import { checkResidentRows, commitResidentRows } from './residents-import.ts';
import { type Checked, type RawRow, rowReader } from './rows.ts';
import type { Scope } from '@sirem/core';

export const IMPORT_KINDS = ['residents', 'faculty'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

type Handler = {
  columns: ImportColumn[];
  check: (db: Db, scope: Scope, rows: RawRow[]) => Promise<Checked<unknown>[]>;
  commit: (tx: Db, items: never[], progress: (n: number) => void) => Promise<void>;
};
const HANDLERS: Record<ImportKind, Handler> = {
  residents: { columns: RESIDENT_IMPORT_COLUMNS, check: checkResidentRows, commit: commitResidentRows },
  faculty: { columns: FACULTY_IMPORT_COLUMNS, check: checkFacultyRows, commit: commitFacultyRows },
};

/** Progress of commits running in this process, for the progress bar. */
const running = new Map<number, { done: number; total: number }>();

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
  const summary = { total: checked.length, create: count('create'), update: count('update'), unchanged: count('unchanged'), errors: errors.length };
  const headers = sheet.rows[header.headerIndex]?.cells ?? [];
  const [batch] = await ctx.db
    .insert(importBatches)
    .values({ kind, fileName, status: 'validated', createdBy: ctx.actor.userId, summary, rows: ok.filter((c) => c.action !== 'unchanged').map((c) => c.value), errors: { headers, rows: errors } })
    .returning({ id: importBatches.id });
  return { id: batch.id, kind, fileName, status: 'validated', summary, errors: errors.slice(0, 500).flatMap((e) => e.issues.map((i) => ({ line: e.line, ...i }))) };
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
  const errors = batch.errors as { rows: { line: number; issues: { column: string; message: string }[] }[] };
  return {
    id: batch.id, kind: batch.kind, fileName: batch.fileName, status: batch.status, summary: batch.summary, committedAt: batch.committedAt,
    progress: running.get(id) ?? null,
    errors: errors.rows.slice(0, 500).flatMap((e) => e.issues.map((i) => ({ line: e.line, ...i }))),
  };
}

/** Step 2: all rows or none. A batch already applied is reported, not applied twice. */
export async function commitImport(ctx: Ctx, id: number) {
  assertMayManage(ctx);
  const batch = await loadBatch(ctx, id);
  if (batch.status === 'committed') return { id, status: 'committed', summary: batch.summary, alreadyCommitted: true };
  const summary = batch.summary as { errors: number };
  if (summary.errors > 0) throw conflict('import_has_errors', 'El archivo tiene filas con errores; corríjalas y vuelva a cargarlo. No se guardó nada.');
  const handler = HANDLERS[batch.kind as ImportKind];
  const items = batch.rows as never[];
  const progress = { done: 0, total: items.length };
  running.set(id, progress);
  try {
    await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.update(importBatches).set({ status: 'committing' }).where(eq(importBatches.id, id)).returning({ status: importBatches.status });
      if (!locked) throw notFound('La importación');
      await handler.commit(tx, items, (n) => (progress.done += n));
      await tx.update(importBatches).set({ status: 'committed', committedAt: new Date() }).where(eq(importBatches.id, id));
      await recordAudit(tx, ctx, { action: 'import', entity: `import_${batch.kind}`, entityId: id, after: { fileName: batch.fileName, summary: batch.summary } });
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { cause?: { code?: string }; code?: string }).cause?.code ?? (err as { code?: string }).code;
    if (code === '23505') throw conflict('import_stale', 'Los datos cambiaron desde la validación (otra carga o captura registró a alguna de estas personas). Vuelva a cargar el archivo. No se guardó nada.');
    throw err;
  } finally {
    running.delete(id);
  }
  return { id, status: 'committed', summary: batch.summary, alreadyCommitted: false };
}

export async function errorRows(ctx: Ctx, id: number) {
  assertMayManage(ctx);
  const batch = await loadBatch(ctx, id);
  return batch.errors as { headers: string[]; rows: { line: number; cells: string[]; issues: { column: string; message: string }[] }[] };
}
