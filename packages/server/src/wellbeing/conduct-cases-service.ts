import { type CaseStatus, caseTransitionProblem, resolveScope, type Scope, type caseUpdate } from '@sirem/core';
import { type SQL, and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { users } from '../db/schema/access.ts';
import { units } from '../db/schema/catalog.ts';
import { conductNotes, conductReports } from '../db/schema/conduct.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { badRequest, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { inReportedChain } from './conduct-chain.ts';

export const caseQuery = z.object({
  status: z.enum(['recibido', 'en_revision', 'resuelto']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

function committeeScope(ctx: Ctx): Scope {
  const scope = resolveScope(ctx.actor.grants, 'conduct.cases');
  if (scope.kind === 'none') throw forbidden('Los reportes de conducta solo los atiende el comité de ética.');
  return scope;
}
const inScope = (scope: Scope): SQL | undefined =>
  scope.kind === 'all' ? undefined : scope.kind === 'some' && scope.ooadIds.length ? inArray(conductReports.ooadId, scope.ooadIds) : sql`false`;

/** The committee's queue, oldest open first by id; no reporter identity is listed. */
export async function listCases(ctx: Ctx, q: z.infer<typeof caseQuery>) {
  const scope = committeeScope(ctx);
  const after = q.cursor ? decodeCursor(q.cursor)[1] : undefined;
  const rows = await ctx.db
    .select({ id: conductReports.id, folio: conductReports.folio, category: conductReports.category, status: conductReports.status, receivedOn: conductReports.receivedOn, unitName: units.name, version: conductReports.version })
    .from(conductReports)
    .innerJoin(units, eq(units.id, conductReports.unitId))
    .where(and(inScope(scope), q.status ? eq(conductReports.status, q.status) : undefined, after ? sql`${conductReports.id} > ${after}` : undefined))
    .orderBy(asc(conductReports.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id, last.id) : null };
}

async function loadCase(ctx: Ctx, id: number) {
  const scope = committeeScope(ctx);
  const [row] = await ctx.db.select().from(conductReports).where(and(eq(conductReports.id, id), inScope(scope)));
  if (!row) throw notFound('El reporte');
  return row;
}

/** One case with its notes; the reporter is named only to a member outside the reported person's chain. Audited. */
export async function getCase(ctx: Ctx, id: number) {
  const row = await loadCase(ctx, id);
  const hidden = row.reporterUserId === null || (await inReportedChain(ctx.db, ctx.actor.userId, row));
  const [reporter] = hidden ? [] : await ctx.db.select({ displayName: users.displayName, username: users.username }).from(users).where(eq(users.id, row.reporterUserId as number));
  const notes = await ctx.db.select({ id: conductNotes.id, author: conductNotes.author, body: conductNotes.body, sharedWithReporter: conductNotes.sharedWithReporter, writtenOn: conductNotes.writtenOn }).from(conductNotes).where(eq(conductNotes.reportId, id)).orderBy(asc(conductNotes.id));
  await recordAudit(ctx.db, ctx, { action: 'read', entity: 'conduct_report', entityId: id, after: { reporterShown: Boolean(reporter) } });
  const { tokenHash: _t, reporterUserId: _r, ...rest } = row;
  return { ...rest, anonymous: row.reporterUserId === null, reporter: reporter ?? null, reporterWithheld: !row.reporterUserId ? false : !reporter, notes };
}

export async function updateCase(ctx: Ctx, id: number, input: z.infer<typeof caseUpdate>) {
  const before = await loadCase(ctx, id);
  const status = (input.status ?? before.status) as CaseStatus;
  const problem = caseTransitionProblem(before.status as CaseStatus, status);
  if (problem) throw badRequest(problem, [{ field: 'status', message: problem }]);
  if (!input.note && status === before.status) throw badRequest('Indique un cambio de estado o escriba una nota.', [{ field: 'note', message: 'Escriba una nota.' }]);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(conductReports)
      .set({ status, version: sql`${conductReports.version} + 1` })
      .where(and(eq(conductReports.id, id), eq(conductReports.version, input.version)))
      .returning({ id: conductReports.id, status: conductReports.status, version: conductReports.version });
    if (!after) throw versionConflict({ id, status: before.status, version: before.version });
    if (input.note) await tx.insert(conductNotes).values({ reportId: id, author: 'comite', authorUserId: ctx.actor.userId, body: input.note, sharedWithReporter: input.shareWithReporter, writtenOn: new Date().toISOString().slice(0, 10) });
    await recordAudit(tx, ctx, { action: 'update', entity: 'conduct_report', entityId: id, before: { status: before.status, version: before.version }, after: { ...after, noted: Boolean(input.note) } });
    return after;
  });
}

