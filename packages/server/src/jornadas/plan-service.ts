import { ACTIVITY_KINDS, foldText, type PlanRow } from '@sirem/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { units } from '../db/schema/catalog.ts';
import { jornadaPlans } from '../db/schema/jornadas.ts';
import { badRequest, type FieldError } from '../http/errors.ts';
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

async function save(ctx: Ctx, j: Jornada, rows: PlanRow[], source: string) {
  return ctx.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(jornadaPlans)
        .values(rows.slice(i, i + 500).map((r) => ({ jornadaId: j.id, ...r })))
        .onConflictDoUpdate({ target: [jornadaPlans.jornadaId, jornadaPlans.unitId, jornadaPlans.category], set: { planned: sql`excluded.planned`, updatedAt: new Date() } });
    }
    await recordAudit(tx, ctx, { action: source, entity: 'jornada_plan', entityId: j.id, after: { rows: rows.length } });
    return { jornadaId: j.id, saved: rows.length };
  });
}

export async function putPlan(ctx: Ctx, jornadaId: number, rows: PlanRow[]) {
  manageScope(ctx);
  const j = await jornadaById(ctx.db, jornadaId);
  await checkRows(ctx, j, rows.map((r, i) => ({ ...r, line: i + 1 })));
  return save(ctx, j, rows, 'plan');
}

const CATEGORY_BY_NAME = new Map(ACTIVITY_KINDS.flatMap((k) => [[k, k], [foldText(k.replaceAll('_', ' ')), k]] as const));

/**
 * A plan sheet: columns CLUES (or Unidad with the unit id), Categoría and Planeado. Units are found
 * by CLUES; every row is checked and reported by its own row number before anything is saved.
 */
export async function uploadPlan(ctx: Ctx, jornadaId: number, bytes: unknown, fileName: string) {
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
  return save(ctx, j, rows.map(({ line: _l, ...r }) => r), 'plan_upload');
}
