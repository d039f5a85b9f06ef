import { can, mexicoToday } from '@sirem/core';
import { checkRequirementRows, closedCycleProblem, cycleStartProblem, type RequirementRowError, type SpecialtyFacts, type UploadedRequirement } from '@sirem/core/activity/requirements';
import { and, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activityRequirements } from '../db/schema/activity.ts';
import { specialties } from '../db/schema/catalog.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { parseUpload } from '../imports/parse.ts';
import { assertFile } from './codes-service.ts';
import { MANAGE_REFUSED, type Plan, planFor, type RequirementRow, saveRequirement } from './requirements-service.ts';

const keyOf = (r: { specialtyId: number; grade: number; group: string; validFrom: string }) => `${r.specialtyId}|${r.grade}|${r.group}|${r.validFrom}`;

/** What is stored for the specialties and dates of the file (a catalogue of at most a few thousand rows). */
async function storedFrom(db: Db, rows: UploadedRequirement[]) {
  if (!rows.length) return new Map<string, RequirementRow>();
  const r = activityRequirements;
  const found = await db.select().from(r).where(and(inArray(r.specialtyId, [...new Set(rows.map((x) => x.specialtyId))]), inArray(r.validFrom, [...new Set(rows.map((x) => x.validFrom))])));
  return new Map(found.map((x) => [keyOf(x), x]));
}

const rowErrors = (errors: RequirementRowError[]) =>
  badRequest(`El archivo tiene ${errors.length} errores; corríjalos y vuelva a cargarlo. No se guardó nada.`, errors.slice(0, 500).map((e) => ({ field: `fila ${e.line}, ${e.column}`, message: e.message, line: e.line, column: e.column })));

/**
 * Reads a file of minimums in the seed's shape, checks every row (and each against what is
 * stored), and saves all of it or nothing. Without `commit` it only reports what it would do.
 */
export async function uploadRequirements(ctx: Ctx, q: { validFrom: string; commit?: 'true' | 'false' }, bytes: unknown, fileName: string) {
  if (!can(ctx.actor.grants, 'catalog.manage')) throw forbidden(MANAGE_REFUSED);
  assertFile(bytes);
  const today = mexicoToday();
  const dateProblem = cycleStartProblem(q.validFrom, today);
  if (dateProblem) throw badRequest(dateProblem, [{ field: 'validFrom', message: dateProblem }]);
  const sheet = await parseUpload(bytes, fileName);
  const facts = await ctx.db.select({ id: specialties.id, code: specialties.code, durationYears: specialties.durationYears }).from(specialties);
  const checked = checkRequirementRows(sheet.rows, new Map<string, SpecialtyFacts>(facts.map((s) => [s.code.toUpperCase(), s])), q.validFrom, today);
  if (checked.header.length) throw badRequest(`Faltan columnas en la primera fila: ${checked.header.join(', ')}. Use la forma specialty, grade, group, minimum (y opcionalmente valid_from).`);
  if (!checked.rows.length && !checked.errors.length) throw badRequest('El archivo no tiene filas de mínimos.');
  const stored = await storedFrom(ctx.db, checked.rows);
  const planned: { row: UploadedRequirement; plan: Plan }[] = [];
  const errors = [...checked.errors];
  for (const row of checked.rows) {
    const plan = planFor(stored.get(keyOf(row)), row.minimum, today);
    const closed = plan.action === 'unchanged' ? null : closedCycleProblem(row.validFrom, today);
    if (closed) errors.push({ line: row.line, column: checked.labels.validFrom, message: closed });
    else if (plan.action === 'refuse') errors.push({ line: row.line, column: checked.labels.minimum, message: plan.message });
    else planned.push({ row, plan });
  }
  if (errors.length) throw rowErrors(errors.sort((a, b) => a.line - b.line));
  const count = (action: Plan['action']) => planned.filter((p) => p.plan.action === action).length;
  const summary = { total: planned.length, create: count('create'), update: count('update'), unchanged: count('unchanged') };
  const preview = planned.map(({ row, plan }) => ({ ...row, action: plan.action, before: plan.action === 'update' ? plan.before.minimum : null }));
  if (q.commit !== 'true') return { committed: false, summary, rows: preview };
  await ctx.db.transaction(async (tx) => {
    for (const { row, plan } of planned) if (plan.action !== 'unchanged') await saveRequirement(tx, ctx, row, plan);
  });
  return { committed: true, summary, rows: preview };
}
