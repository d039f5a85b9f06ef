import type { CodeSystem } from '@sirem/core';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { codes, codeVersions } from '../db/schema/activity.ts';
import { badRequest } from '../http/errors.ts';
import { canonicalCode } from '@sirem/core/activity/codes';

const NAMES: Record<CodeSystem, string> = { cie10: 'CIE-10', cie9mc: 'CIE-9-MC' };

export async function currentVersion(db: Db, system: CodeSystem) {
  const [v] = await db.select().from(codeVersions).where(and(eq(codeVersions.system, system), eq(codeVersions.current, true))).orderBy(desc(codeVersions.id)).limit(1);
  return v ?? null;
}

/**
 * Resolves a typed code against the catalogue version in force, in its canonical form (A000 is
 * A00.0); the version id and the canonical code are kept on the record.
 */
export async function checkCode(db: Db, system: CodeSystem, typed: string | null, field: string): Promise<{ code: string | null; versionId: number | null }> {
  if (!typed) return { code: null, versionId: null };
  const code = canonicalCode(system, typed) ?? typed;
  const version = await currentVersion(db, system);
  if (!version) throw badRequest(`No hay un catálogo ${NAMES[system]} cargado; pida al administrador que lo cargue.`, [{ field, message: 'Catálogo no cargado.' }]);
  const [hit] = await db.select({ id: codes.id }).from(codes).where(and(eq(codes.versionId, version.id), eq(codes.code, code)));
  if (!hit)
    throw badRequest(`El código ${code} no está en el catálogo ${NAMES[system]} vigente (${version.label}); búsquelo por descripción y elija uno de la lista.`, [
      { field, message: `Código ${code} inexistente en ${version.label}.` },
    ]);
  return { code, versionId: version.id };
}
