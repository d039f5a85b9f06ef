import { ACTIONS, type Action, type changePasswordInput, can, type loginInput } from '@sirem/core';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/access.ts';
import type { Actor, Ctx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { closeOtherSessions, closeSession, grantsOf, openSession } from './sessions.ts';

export type LockoutPolicy = { maxFailures: number; lockMinutes: number };
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

const invalid = () => new AppError(401, 'invalid_credentials', 'Usuario o contraseña incorrectos.');

export async function me(db: Db, actor: Pick<Actor, 'userId' | 'csrfToken'>) {
  const [user] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, email: users.email, locale: users.locale, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(eq(users.id, actor.userId));
  const grants = await grantsOf(db, actor.userId);
  const actions: Action[] = ACTIONS.filter((a) => can(grants, a));
  return { user: { ...user, grants, actions }, csrfToken: actor.csrfToken };
}

export async function login(
  db: Db,
  input: z.infer<typeof loginInput>,
  meta: { ip: string; userAgent: string | null; requestId: string },
  policy: LockoutPolicy,
) {
  const [user] = await db.select().from(users).where(eq(users.username, input.username.toLowerCase()));
  const ok = await verifyPassword(user?.active ? user.passwordHash : null, input.password);
  if (!user || !user.active) throw invalid();
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError(423, 'account_locked', `La cuenta está bloqueada por intentos fallidos. Intente de nuevo en ${minutes} min o pida al administrador que la desbloquee.`);
  }
  if (!ok) {
    await db.transaction(async (tx) => {
      // Counting in SQL keeps concurrent failures from overwriting each other.
      await tx
        .update(users)
        .set({
          failedLogins: sql`${users.failedLogins} + 1`,
          lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${policy.maxFailures} then now() + make_interval(mins => ${policy.lockMinutes}) else null end`,
        })
        .where(eq(users.id, user.id));
      await recordAudit(tx, { actor: null, requestId: meta.requestId }, { action: 'login_failed', entity: 'user', entityId: user.id });
    });
    throw invalid();
  }
  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
    const session = await openSession(tx, user.id, meta);
    await recordAudit(tx, { actor: { userId: user.id, username: user.username } as Actor, requestId: meta.requestId }, { action: 'login', entity: 'user', entityId: user.id });
    return { token: session.token, ...(await me(tx, { userId: user.id, csrfToken: session.csrfToken })) };
  });
}

export async function logout(ctx: Ctx) {
  await ctx.db.transaction(async (tx) => {
    await closeSession(tx, ctx.actor.sessionId);
    await recordAudit(tx, ctx, { action: 'logout', entity: 'user', entityId: ctx.actor.userId });
  });
}

export async function changePassword(ctx: Ctx, input: z.infer<typeof changePasswordInput>) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError(400, 'validation_error', 'La contraseña actual no es correcta.', { errors: [{ field: 'currentPassword', message: 'La contraseña actual no es correcta.' }] });
  if (input.currentPassword === input.newPassword)
    throw new AppError(400, 'validation_error', 'La nueva contraseña debe ser distinta de la actual.', { errors: [{ field: 'newPassword', message: 'Debe ser distinta de la actual.' }] });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date(), version: sql`${users.version} + 1` }).where(eq(users.id, user.id));
    await closeOtherSessions(tx, user.id, ctx.actor.sessionId);
    await recordAudit(tx, ctx, { action: 'password_change', entity: 'user', entityId: user.id });
  });
}
