import type { Grant, Role, ScopeKind } from '@sirem/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { coalesce } from '../db/coalesce.ts';
import { staticQuery } from '../db/static-query.ts';
import { roleGrants, sessions, users } from '../db/schema/access.ts';
import type { Actor } from '../http/context.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_HOURS = 12;
// Sliding expiry is refreshed at most this often, so reads do not write on every request.
const TOUCH_MINUTES = 5;

export async function grantsOf(db: Db, userId: number): Promise<Grant[]> {
  const rows = await db
    .select({ role: roleGrants.role, scopeKind: roleGrants.scopeKind, ooadId: roleGrants.ooadId, unitId: roleGrants.unitId, sedeId: roleGrants.sedeId, serviceId: roleGrants.serviceId })
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId))
    .orderBy(roleGrants.id);
  return rows.map((r) => ({ ...r, role: r.role as Role, scopeKind: r.scopeKind as ScopeKind }));
}

export async function openSession(db: Db, userId: number, meta: { ip: string; userAgent: string | null }) {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken };
}

type SessionRow = { id: string; userId: number; username: string; displayName: string; csrfToken: string; lastSeenAt: string | Date; mustChangePassword: boolean; grants: Grant[] | string };

// It runs before every API request, so its text is built once (see staticQuery) and requests
// arriving together share it (see coalesce): one row per live session asked for.
const sessionQuery = staticQuery<SessionRow>(sql`select s.id, u.id as "userId", u.username, u.display_name as "displayName", s.csrf_token as "csrfToken",
    s.last_seen_at as "lastSeenAt", u.must_change_password as "mustChangePassword",
    coalesce((select json_agg(json_build_object('role', g.role, 'scopeKind', g.scope_kind, 'ooadId', g.ooad_id, 'unitId', g.unit_id, 'sedeId', g.sede_id, 'serviceId', g.service_id) order by g.id)
              from ${roleGrants} g where g.user_id = u.id), '[]'::json) as grants
  from ${sessions} s join ${users} u on u.id = s.user_id
  where s.id in (select json_array_elements_text(${sql.placeholder('ids')}::json)) and s.expires_at > now() and u.active`);

const sessionRows = coalesce<string, SessionRow | null>(async (db, ids) => {
  const rows = await sessionQuery(db, { ids: JSON.stringify([...new Set(ids)]) });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
});

/** The session's actor with their grants, in one round trip: it runs before every API request. */
export async function loadSession(db: Db, token: string): Promise<Actor | null> {
  const id = hashToken(token);
  const row = await sessionRows(db, id);
  if (!row) return null;
  if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_MINUTES * 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) })
      .where(eq(sessions.id, id));
  }
  const grants = (typeof row.grants === 'string' ? JSON.parse(row.grants) : row.grants) as Grant[];
  return { userId: row.userId, username: row.username, displayName: row.displayName, grants, sessionId: id, csrfToken: row.csrfToken, mustChangePassword: row.mustChangePassword };
}

export async function closeSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function closeOtherSessions(db: Db, userId: number, keepSessionId: string) {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keepSessionId}`));
}
