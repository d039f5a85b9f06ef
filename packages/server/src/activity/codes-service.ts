import type { CodeSystem } from '@sirem/core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { bulkInsert } from '../db/bulk.ts';
import type { Db } from '../db/client.ts';
import { codes, codeVersions } from '../db/schema/activity.ts';
import { AppError, badRequest, forbidden, type FieldError } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { parseUpload } from '../imports/parse.ts';
import { searchWords } from '../lib/search.ts';
import { can } from '@sirem/core';
import { canonicalCode, codePrefix } from '@sirem/core/activity/codes';
import { currentVersion } from './codes-lookup.ts';

/** Codes by prefix of the code or by words of the description, accents and case ignored. */
export async function searchCodes(ctx: Ctx, q: { system: CodeSystem; q?: string; versionId?: number; limit?: number }) {
  if (!can(ctx.actor.grants, 'catalog.read')) throw forbidden();
  const version = q.versionId ? { id: q.versionId } : await currentVersion(ctx.db, q.system);
  if (!version) return { version: null, items: [] };
  const text = (q.q ?? '').trim();
  const byCode = sql`${codes.code} like ${`${codePrefix(q.system, text).replace(/[\\%_]/g, '')}%`}`;
  const where = and(eq(codes.versionId, version.id), text ? sql`(${byCode} or (${searchWords(codes.search, text) ?? sql`false`}))` : undefined);
  const items = await ctx.db.select({ code: codes.code, description: codes.description }).from(codes).where(where).orderBy(asc(codes.code)).limit(q.limit ?? 20);
  return { version: version.id, items };
}

export async function listVersions(ctx: Ctx) {
  if (!can(ctx.actor.grants, 'catalog.read')) throw forbidden();
  return ctx.db.select().from(codeVersions).orderBy(desc(codeVersions.id)).limit(100);
}

const EXAMPLE: Record<CodeSystem, string> = { cie10: 'CIE-10 (A00.0 o A000)', cie9mc: 'CIE-9-MC (47.01 o 4701)' };
// Header names folded to lower case without accents and with spaces as "_": the project's own
// "codigo, descripcion" and the DGIS files' CATALOG_KEY with NOMBRE (CIE-10) or PRO_NOMBRE (CIE-9-MC).
const CODE_HEADERS = ['codigo', 'clave', 'code', 'catalog_key', 'cve', 'clave_cie', 'clave_cie10', 'clave_cie9', 'codigo_cie10', 'codigo_cie9'];
const TEXT_HEADERS = ['descripcion', 'nombre', 'description', 'pro_nombre', 'nombre_procedimiento', 'des_nombre', 'desc'];
const headerName = (h: string) => h.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/**
 * Reads an official catalogue file (CSV or xlsx): the project's columns "codigo" and
 * "descripcion" or the DGIS ones (CATALOG_KEY with NOMBRE or PRO_NOMBRE; other columns such as
 * LETRA are ignored). Codes are stored in one canonical dotted form; every row is checked before
 * anything is saved.
 */
export function readCodeFile(rows: { line: number; cells: string[] }[], system: CodeSystem) {
  const [header, ...data] = rows;
  const names = (header?.cells ?? []).map(headerName);
  const ci = names.findIndex((n) => CODE_HEADERS.includes(n));
  const di = names.findIndex((n) => TEXT_HEADERS.includes(n));
  if (ci < 0 || di < 0) throw badRequest('El archivo debe tener en la primera fila una columna de código ("codigo" o CATALOG_KEY) y una de descripción ("descripcion", NOMBRE o PRO_NOMBRE).');
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const out: { code: string; description: string }[] = [];
  for (const row of data) {
    const typed = (row.cells[ci] ?? '').toUpperCase().trim();
    const code = canonicalCode(system, typed);
    const description = (row.cells[di] ?? '').trim();
    if (!code) errors.push({ field: `fila ${row.line}, codigo`, message: `"${typed}" no tiene el formato de un código ${EXAMPLE[system]}.` });
    else if (seen.has(code)) errors.push({ field: `fila ${row.line}, codigo`, message: `El código ${code} está repetido.` });
    if (!description) errors.push({ field: `fila ${row.line}, descripcion`, message: 'Falta la descripción.' });
    if (code) {
      seen.add(code);
      out.push({ code, description });
    }
  }
  if (errors.length) throw badRequest(`El archivo tiene ${errors.length} errores; corríjalos y vuelva a cargarlo. No se guardó nada.`, errors.slice(0, 200));
  if (!out.length) throw badRequest('El archivo no tiene códigos.');
  return out;
}

/** A new version becomes the one in force; earlier versions stay, since records point to them. */
export async function uploadVersion(ctx: Ctx, meta: { system: CodeSystem; label: string }, bytes: unknown, fileName: string) {
  if (!can(ctx.actor.grants, 'catalog.manage')) throw forbidden('Solo nivel central o el administrador cargan catálogos oficiales.');
  assertFile(bytes);
  const rows = readCodeFile((await parseUpload(bytes, fileName)).rows, meta.system);
  return ctx.db.transaction(async (tx) => {
    const version = await storeVersion(tx, meta, rows, ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'upload', entity: 'code_version', entityId: version.id, after: version });
    return version;
  });
}

export async function storeVersion(db: Db, meta: { system: CodeSystem; label: string }, rows: { code: string; description: string }[], userId: number | null) {
  await db.update(codeVersions).set({ current: false }).where(eq(codeVersions.system, meta.system));
  const [version] = await db.insert(codeVersions).values({ system: meta.system, label: meta.label, rowCount: rows.length, loadedBy: userId }).returning();
  await bulkInsert(db, codes, rows.map((r) => ({ ...r, versionId: version.id })));
  return version;
}

/** Files travel as the raw body; anything else (a JSON body) is refused after the permission check. */
export function assertFile(body: unknown): asserts body is Buffer {
  if (!Buffer.isBuffer(body)) throw new AppError(415, 'unsupported_media_type', 'Envíe el archivo como application/octet-stream (CSV o xlsx).');
}
