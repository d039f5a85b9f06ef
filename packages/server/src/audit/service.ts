import { foldText, formatDateTime, isoDate, resolveScope, id } from '@sirem/core';
import { type SQL, and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog } from '../db/schema/audit.ts';
import { allPages } from '../lib/pages.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import type { XlsxColumn } from '../lib/xlsx.ts';

export const auditQuery = z.object({
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  actorId: id.optional(),
  actor: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;
type AuditRow = typeof auditLog.$inferSelect;

function filters(q: AuditQuery): SQL | undefined {
  return and(
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    // Escaped: "_" is legal in usernames and must not match jose.luis when looking for jose_luis.
    q.actor ? sql`lower(${auditLog.actorName}) like ${`%${foldText(q.actor).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
    q.from ? gte(auditLog.at, sql`${q.from}::date`) : undefined,
    // "to" is inclusive of the whole day the user picked.
    q.to ? lt(auditLog.at, sql`${q.to}::date + 1`) : undefined,
  );
}

export async function listAudit(ctx: Ctx, q: AuditQuery) {
  if (resolveScope(ctx.actor.grants, 'audit.read').kind !== 'all') throw forbidden('Solo el administrador consulta la bitácora de auditoría.');
  const limit = q.limit ?? 50;
  const where = filters(q);
  const page = q.cursor ? and(where, lt(auditLog.id, decodeCursor(q.cursor)[1])) : where;
  const rows = await ctx.db.select().from(auditLog).where(page).orderBy(desc(auditLog.id)).limit(limit + 1);
  const items = rows.slice(0, limit);
  const total = q.cursor ? undefined : await ctx.db.$count(auditLog, where);
  const last = items.at(-1);
  return { items, total, nextCursor: rows.length > limit && last ? encodeCursor(0, last.id) : null };
}

export const auditPages = (ctx: Ctx, q: AuditQuery) => allPages((cursor) => listAudit(ctx, { ...q, cursor, limit: 1000 }));

export const auditColumns: XlsxColumn<AuditRow>[] = [
  { header: 'Folio', width: 10, value: (r) => r.id },
  { header: 'Fecha y hora', width: 18, value: (r) => formatDateTime(r.at) },
  { header: 'Usuario', width: 18, value: (r) => r.actorName ?? '' },
  { header: 'Acción', width: 14, value: (r) => r.action },
  { header: 'Entidad', width: 14, value: (r) => r.entity },
  { header: 'Id', width: 10, value: (r) => r.entityId ?? '' },
  { header: 'Antes', width: 60, value: (r) => (r.before ? JSON.stringify(r.before) : '') },
  { header: 'Después', width: 60, value: (r) => (r.after ? JSON.stringify(r.after) : '') },
  { header: 'Solicitud', width: 14, value: (r) => r.requestId ?? '' },
];
