import type { CodeSystem } from '@sirem/core';
import { and, desc, eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { codeVersions } from '../db/schema/activity.ts';
import { badRequest } from '../http/errors.ts';
import { canonicalCode } from '@sirem/core/activity/codes';

const NAMES: Record<CodeSystem, string> = { cie10: 'CIE-10', cie9mc: 'CIE-9-MC' };

export async function currentVersion(db: Db, system: CodeSystem) {
  const [v] = await db.select().from(codeVersions).where(and(eq(codeVersions.system, system), eq(codeVersions.current, true))).orderBy(desc(codeVersions.id)).limit(1);
  return v ?? null;
}

/** What the catalogue in force says about a typed code: its version and whether the code is in it (null: no catalogue loaded). */
export type CodeFact = { versionId: number; label: string; hit: boolean } | null;

/** The canonical form of a typed code (A000 is A00.0), or null when none was typed. */
export const canonical = (system: CodeSystem, typed: string | null) => (typed ? (canonicalCode(system, typed) ?? typed) : null);

/** A scalar subquery giving the CodeFact of `code` (null when no code was typed) as JSON, so the lookup rides along with the entry's other checks. */
export const codeFactSql = (system: CodeSystem, code: SQL | Placeholder): SQL =>
  sql`case when ${code}::text is null then null::json else
        (select json_build_object('versionId', v.id, 'label', v.label, 'hit', exists(select 1 from codes c where c.version_id = v.id and c.code = ${code}::text))
           from code_versions v where v.system = ${sql.raw(`'${system}'`)} and v.current order by v.id desc limit 1) end`;

/** Turns a CodeFact into the columns to store, or the error that tells the user what to fix. */
export function resolveCode(system: CodeSystem, code: string | null, fact: CodeFact, field: string): { code: string | null; versionId: number | null } {
  if (code === null) return { code: null, versionId: null };
  if (!fact) throw badRequest(`No hay un catálogo ${NAMES[system]} cargado; pida al administrador que lo cargue.`, [{ field, message: 'Catálogo no cargado.' }]);
  if (!fact.hit)
    throw badRequest(`El código ${code} no está en el catálogo ${NAMES[system]} vigente (${fact.label}); búsquelo por descripción y elija uno de la lista.`, [
      { field, message: `Código ${code} inexistente en ${fact.label}.` },
    ]);
  return { code, versionId: fact.versionId };
}
