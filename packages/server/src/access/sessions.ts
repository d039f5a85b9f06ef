import type { Grant, Role, ScopeKind } from '@sirem/core';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
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

/** The session's actor with their grants, in one round trip: it runs before every API request. */
export async function loadSession(db: Db, token: string): Promise<Actor | null> {
  const id = hashToken(token);
  const grantsJson = sql<Grant[]>`coalesce((select json_agg(json_build_object('role', g.role, 'scopeKind', g.scope_kind, 'ooadId', g.ooad_id, 'unitId', g.unit_id, 'sedeId', g.sede_id, 'serviceId', g.service_id) order by g.id) from ${roleGrants} g where g.user_id = ${users.id}), '[]'::json)`;
  const [row] = await db
    .select({ userId: users.id, username: users.username, displayName: users.displayName, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, mustChangePassword: users.mustChangePassword, grants: grantsJson })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)));
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_MINUTES * 60_000) {
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
