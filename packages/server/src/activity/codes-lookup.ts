import type { CodeSystem } from '@sirem/core';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { codes, codeVersions } from '../db/schema/activity.ts';
import { badRequest } from '../http/errors.ts';

const NAMES: Record<CodeSystem, string> = { cie10: 'CIE-10', cie9mc: 'CIE-9-MC' };

export async function currentVersion(db: Db, system: CodeSystem) {
  const [v] = await db.select().from(codeVersions).where(and(eq(codeVersions.system, system), eq(codeVersions.current, true))).orderBy(desc(codeVersions.id)).limit(1);
  return v ?? null;
}

/** Resolves a typed code against the catalogue version in force; the version id is kept on the record. */
export async function checkCode(db: Db, system: CodeSystem, code: string | null, field: string): Promise<number | null> {
  if (!code) return null;
  const version = await currentVersion(db, system);
  if (!version) throw badRequest(`No hay un catálogo ${NAMES[system]} cargado; pida al administrador que lo cargue.`, [{ field, message: 'Catálogo no cargado.' }]);
  const [hit] = await db.select({ id: codes.id }).from(codes).where(and(eq(codes.versionId, version.id), eq(codes.code, code)));
  if (!hit)
    throw badRequest(`El código ${code} no está en el catálogo ${NAMES[system]} vigente (${version.label}); búsquelo por descripción y elija uno de la lista.`, [
      { field, message: `Código ${code} inexistente en ${version.label}.` },
    ]);
  return version.id;
}
