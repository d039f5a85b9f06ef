import { createHash, randomBytes } from 'node:crypto';
import type { ReportInput } from '@sirem/core';
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { units } from '../db/schema/catalog.ts';
import { conductNotes, conductReports } from '../db/schema/conduct.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import type { Db } from '../db/client.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Files a report. An anonymous one keeps no reporter, and its audit row names no actor and no
 * report id, so neither the log nor the report can be tied to the account that filed it. The
 * follow-up token is returned once and only its hash is stored.
 */
export async function fileReport(ctx: Ctx, input: ReportInput) {
  const [unit] = await ctx.db.select({ id: units.id, ooadId: units.ooadId }).from(units).where(eq(units.id, input.unitId));
  if (!unit) throw badRequest('La unidad no existe.', [{ field: 'unitId', message: 'Elija la unidad donde ocurrió.' }]);
  const token = input.anonymous ? randomBytes(24).toString('base64url') : null;
  const folio = `RC-${randomBytes(5).toString('hex').toUpperCase()}`;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(conductReports)
      .values({
        folio, category: input.category, description: input.description, occurredOn: input.occurredOn ?? null, ooadId: unit.ooadId, unitId: unit.id, sedeId: input.sedeId ?? null,
        accusedPersonId: input.accusedPersonId ?? null, accusedDescription: input.accusedDescription ?? null,
        reporterUserId: input.anonymous ? null : ctx.actor.userId, tokenHash: token ? hashToken(token) : null, receivedOn: today(),
      })
      .returning({ id: conductReports.id });
    if (input.anonymous) await recordAudit(tx, { actor: null, requestId: null }, { action: 'file_anonymous', entity: 'conduct_report', entityId: null });
    else await recordAudit(tx, ctx, { action: 'file', entity: 'conduct_report', entityId: row.id, after: { folio, category: input.category } });
    return { folio, token, status: 'recibido' as const };
  });
}

/** An identified reporter's own reports, with what the committee chose to tell them. */
export async function myReports(ctx: Ctx) {
  const rows = await ctx.db.select({ id: conductReports.id, folio: conductReports.folio, category: conductReports.category, status: conductReports.status, receivedOn: conductReports.receivedOn }).from(conductReports).where(eq(conductReports.reporterUserId, ctx.actor.userId)).orderBy(desc(conductReports.id)).limit(100);
  return Promise.all(rows.map(async ({ id, ...r }) => ({ ...r, messages: await sharedNotes(ctx.db, id) })));
}

const sharedNotes = (db: Db, reportId: number) =>
  db.select({ author: conductNotes.author, body: conductNotes.body, writtenOn: conductNotes.writtenOn }).from(conductNotes).where(and(eq(conductNotes.reportId, reportId), eq(conductNotes.sharedWithReporter, true))).orderBy(asc(conductNotes.id));

async function byToken(db: Db, token: string) {
  const [row] = await db.select().from(conductReports).where(and(isNotNull(conductReports.tokenHash), eq(conductReports.tokenHash, hashToken(token))));
  // The same answer for any wrong token, so guessing learns nothing.
  if (!row) throw notFound('El reporte con esa clave');
  return row;
}

/** Anonymous follow-up: whoever holds the token sees the status and the notes shared with the reporter. */
export async function followReport(db: Db, token: string) {
  const row = await byToken(db, token);
  return { folio: row.folio, category: row.category, status: row.status, receivedOn: row.receivedOn, messages: await sharedNotes(db, row.id) };
}

export async function addReporterMessage(db: Db, token: string, body: string) {
  const row = await byToken(db, token);
  return db.transaction(async (tx) => {
    await tx.insert(conductNotes).values({ reportId: row.id, author: 'reporte', body, sharedWithReporter: true, writtenOn: today() });
    await recordAudit(tx, { actor: null, requestId: null }, { action: 'reporter_message', entity: 'conduct_report', entityId: null });
    return followReport(tx, token);
  });
}
