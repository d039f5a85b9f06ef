import { ACTIVITY_KINDS, foldText, type PlanRow } from '@sirem/core';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { jornadaPlans, jornadas } from '../db/schema/jornadas.ts';
import { badRequest, conflict, type FieldError } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { parseUpload } from '../imports/parse.ts';
import { assertFile } from '../activity/codes-service.ts';
import { jornadaById, manageScope, unitsForEntry } from './access.ts';

type Jornada = Awaited<ReturnType<typeof jornadaById>>;

/** Checks every row before anything is written: a participating unit within the actor's scope and a target category. */
async function checkRows(ctx: Ctx, j: Jornada, rows: (PlanRow & { line: number | string })[]) {
  const allowed = await unitsForEntry(ctx.db, manageScope(ctx), j, [...new Set(rows.map((r) => r.unitId))]);
  const errors: FieldError[] = [];
  for (const r of rows) {
    if (!allowed.has(r.unitId)) errors.push({ field: `fila ${r.line}, unidad`, message: `La unidad ${r.unitId} no participa en la Jornada ${j.number} o está fuera de su ámbito.` });
    if (!j.categories.includes(r.category)) errors.push({ field: `fila ${r.line}, categoría`, message: `La categoría ${r.category} no es meta de esta Jornada.` });
  }
  if (errors.length) throw badRequest(`El plan tiene ${errors.length} errores; corríjalos. No se guardó nada.`, errors.slice(0, 200));
}

/** The plan as stored for the unit and category pairs of `rows`, with the Jornada's current version. */
async function currentPlan(db: Db, jornadaId: number, rows: PlanRow[]) {
  const [j] = await db.select({ version: jornadas.version }).from(jornadas).where(eq(jornadas.id, jornadaId));
  const pairs = [...new Map(rows.map((r) => [`${r.unitId}|${r.category}`, r])).values()];
  const stored = await db
    .select({ unitId: jornadaPlans.unitId, category: jornadaPlans.category, planned: jornadaPlans.planned })
    .from(jornadaPlans)
    .where(and(eq(jornadaPlans.jornadaId, jornadaId), or(...pairs.map((r) => and(eq(jornadaPlans.unitId, r.unitId), eq(jornadaPlans.category, r.category))))))
    .orderBy(jornadaPlans.unitId, jornadaPlans.category);
  return { jornadaId, version: j?.version ?? 0, rows: stored };
}

/**
 * The plan's version is its Jornada's: the Jornada row is bumped first (`where version = ?`), which
 * also locks it, so of two plans saved from the same version one is written and the other hears
 * 409 with the plan as it now stands for its rows, and nothing of it is written.
 */
async function save(ctx: Ctx, j: Jornada, rows: PlanRow[], source: string, version: number) {
  return ctx.db.transaction(async (tx) => {
    const [bumped] = await tx
      .update(jornadas)
      .set({ version: sql`${jornadas.version} + 1` })
      .where(and(eq(jornadas.id, j.id), eq(jornadas.version, version)))
      .returning({ version: jornadas.version });
    if (!bumped)
      throw conflict('version_conflict', `Otra persona modificó el plan de la Jornada ${j.number} mientras usted lo editaba. Revise el plan actual y vuelva a guardar.`, { current: await currentPlan(tx, j.id, rows) });
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(jornadaPlans)
        .values(rows.slice(i, i + 500).map((r) => ({ jornadaId: j.id, ...r })))
        .onConflictDoUpdate({ target: [jornadaPlans.jornadaId, jornadaPlans.unitId, jornadaPlans.category], set: { planned: sql`excluded.planned`, updatedAt: new Date() } });
    }
    await recordAudit(tx, ctx, { action: source, entity: 'jornada_plan', entityId: j.id, after: { rows: rows.length, version: bumped.version } });
    return { jornadaId: j.id, saved: rows.length, version: bumped.version };
  });
}

export async function putPlan(ctx: Ctx, jornadaId: number, rows: PlanRow[], version: number) {
  manageScope(ctx);
  const j = await jornadaById(ctx.db, jornadaId);
  await checkRows(ctx, j, rows.map((r, i) => ({ ...r, line: i + 1 })));
  return save(ctx, j, rows, 'plan', version);
}

const CATEGORY_BY_NAME = new Map(ACTIVITY_KINDS.flatMap((k) => [[k, k], [foldText(k.replaceAll('_', ' ')), k]] as const));

/**
 * A plan sheet: columns CLUES (or Unidad with the unit id), Categoría and Planeado. Units are found
 * by CLUES; every row is checked and reported by its own row number before anything is saved.
 */
export async function uploadPlan(ctx: Ctx, jornadaId: number, bytes: unknown, fileName: string, version: number) {
  manageScope(ctx);
  const j = await jornadaById(ctx.db, jornadaId);
  assertFile(bytes);
  const [header, ...data] = (await parseUpload(bytes, fileName)).rows;
  const names = (header?.cells ?? []).map((h) => foldText(h));
  const col = (...options: string[]) => names.findIndex((n) => options.includes(n));
  const [ci, ui, ki, pi] = [col('clues'), col('unidad', 'unit', 'unidad id'), col('categoria', 'category'), col('planeado', 'planned', 'meta')];
  if ((ci < 0 && ui < 0) || ki < 0 || pi < 0) throw badRequest('El archivo debe tener las columnas CLUES (o Unidad), Categoría y Planeado en la primera fila.');
  const clues = data.map((r) => (ci >= 0 ? (r.cells[ci] ?? '').toUpperCase() : '')).filter(Boolean);
  const found = clues.length ? await ctx.db.select({ id: units.id, clues: units.clues }).from(units).where(and(inArray(units.clues, clues), eq(units.active, true))) : [];
  const byClues = new Map(found.map((u) => [u.clues, u.id]));
  const errors: FieldError[] = [];
  const rows: (PlanRow & { line: number })[] = [];
  for (const r of data) {
    const cluesText = ci >= 0 ? (r.cells[ci] ?? '').toUpperCase() : '';
    const unitId = cluesText ? byClues.get(cluesText) : Number(r.cells[ui] ?? '');
    const category = CATEGORY_BY_NAME.get(foldText(r.cells[ki] ?? ''));
    const planned = Number((r.cells[pi] ?? '').replaceAll(',', ''));
    if (!unitId || !Number.isInteger(unitId)) errors.push({ field: `fila ${r.line}, CLUES`, message: `No existe una unidad con CLUES "${cluesText || r.cells[ui] || ''}".` });
    if (!category) errors.push({ field: `fila ${r.line}, Categoría`, message: `Categoría "${r.cells[ki] ?? ''}" no reconocida.` });
    if (!Number.isInteger(planned) || planned < 0) errors.push({ field: `fila ${r.line}, Planeado`, message: 'El planeado debe ser un número entero no negativo.' });
    if (unitId && category && Number.isInteger(planned) && planned >= 0) rows.push({ unitId, category, planned, line: r.line });
  }
  if (errors.length) throw badRequest(`El plan tiene ${errors.length} errores; corríjalos y vuelva a cargarlo. No se guardó nada.`, errors.slice(0, 200));
  if (!rows.length) throw badRequest('El archivo no tiene filas de plan.');
  await checkRows(ctx, j, rows);
  return save(ctx, j, rows.map(({ line: _l, ...r }) => r), 'plan_upload', version);
}
