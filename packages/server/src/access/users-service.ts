import { type CreateUserInput, type GrantInput, ROLE_SCOPES, SERVICE_ROLES, type ScopeKind, foldText, type updateUserInput, resolveScope, serviceIssue } from '@sirem/core';
import { type SQL, and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { roleGrants, sessions, users } from '../db/schema/access.ts';
import { ooads, sedes, units } from '../db/schema/catalog.ts';
import { persons } from '../db/schema/people.ts';
import { clinicalServices } from '../db/schema/rotations.ts';
import type { Ctx } from '../http/context.ts';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { hashPassword } from './passwords.ts';
import { grantsOf } from './sessions.ts';

function assertAdmin(ctx: Ctx) {
  if (resolveScope(ctx.actor.grants, 'users.manage').kind !== 'all') throw forbidden('Solo el administrador gestiona usuarios.');
}

const SCOPE_LABELS: Record<ScopeKind, string> = { national: 'nacional', ooad: 'de OOAD', unit: 'de unidad', sede: 'de sede', self: 'propio' };

/** Each role only at its scope kinds, and each scope pointing at an OOAD, unit or sede that exists. */
async function checkGrants(db: Db, grants: GrantInput[]) {
  const errors = grants.flatMap((g, i) => {
    const allowed = ROLE_SCOPES[g.role];
    if (allowed.includes(g.scopeKind)) return [];
    const message = `El rol ${g.role} no se asigna con alcance ${SCOPE_LABELS[g.scopeKind]}; use alcance ${allowed.map((k) => SCOPE_LABELS[k]).join(' o ')}.`;
    return [{ field: `grants.${i}.scopeKind`, message }];
  });
  const targets = [
    { kind: 'ooad', key: 'ooadId', table: ooads, message: 'El OOAD no existe.' },
    { kind: 'unit', key: 'unitId', table: units, message: 'La unidad no existe.' },
    { kind: 'sede', key: 'sedeId', table: sedes, message: 'La sede no existe.' },
  ] as const;
  for (const t of targets) {
    const wanted = grants.map((g, i) => ({ i, id: g.scopeKind === t.kind ? g[t.key] : null })).filter((w): w is { i: number; id: number } => Boolean(w.id));
    if (!wanted.length) continue;
    const found = new Set((await db.select({ id: t.table.id }).from(t.table).where(inArray(t.table.id, wanted.map((w) => w.id)))).map((r) => r.id));
    for (const w of wanted) if (!found.has(w.id)) errors.push({ field: `grants.${w.i}.${t.key}`, message: t.message });
  }
  errors.push(...(await serviceErrors(db, grants)));
  if (errors.length) throw badRequest(`Revise los roles asignados: ${errors.map((e) => e.message).join(' ')}`, errors);
}

/** A jefe de servicio names a service, and it is a service of the grant's unit. */
async function serviceErrors(db: Db, grants: GrantInput[]) {
  const errors = grants.flatMap((g, i) => {
    const message = serviceIssue(g);
    return message ? [{ field: `grants.${i}.serviceId`, message }] : [];
  });
  const wanted = grants.map((g, i) => ({ i, g })).filter(({ g }) => SERVICE_ROLES.includes(g.role) && g.serviceId && g.unitId);
  if (!wanted.length) return errors;
  const found = await db.select({ id: clinicalServices.id, unitId: clinicalServices.unitId, name: clinicalServices.name }).from(clinicalServices)
    .where(inArray(clinicalServices.id, wanted.map((w) => w.g.serviceId as number)));
  for (const { i, g } of wanted) {
    const service = found.find((s) => s.id === g.serviceId);
    if (!service) errors.push({ field: `grants.${i}.serviceId`, message: 'El servicio no existe.' });
    else if (service.unitId !== g.unitId) errors.push({ field: `grants.${i}.serviceId`, message: `El servicio ${service.name} no pertenece a la unidad elegida; elija un servicio de esa unidad.` });
  }
  return errors;
}

const grantValues = (userId: number, grants: GrantInput[]) =>
  grants.map((g) => ({
    userId, role: g.role, scopeKind: g.scopeKind,
    ooadId: g.scopeKind === 'ooad' ? (g.ooadId ?? null) : null,
    unitId: g.scopeKind === 'unit' ? (g.unitId ?? null) : null,
    sedeId: g.scopeKind === 'sede' ? (g.sedeId ?? null) : null,
    serviceId: SERVICE_ROLES.includes(g.role) ? (g.serviceId ?? null) : null,
  }));

const publicUser = {
  id: users.id, username: users.username, displayName: users.displayName, email: users.email, active: users.active,
  mustChangePassword: users.mustChangePassword, lastLoginAt: users.lastLoginAt, lockedUntil: users.lockedUntil, version: users.version,
  // ${users}.${users.id}, not ${users.id}: drizzle prints a bare "id" here, which the subquery reads as g.id.
  roles: sql<string[]>`coalesce((select array_agg(distinct g.role) from role_grants g where g.user_id = ${users}.${users.id}), '{}')`,
  /** The clinical services the user heads as jefe de servicio. */
  services: sql<string[]>`coalesce((select array_agg(distinct s.name) from role_grants g join clinical_services s on s.id = g.service_id where g.user_id = ${users}.${users.id}), '{}')`,
};

export async function listUsers(ctx: Ctx, query: { q?: string; cursor?: string; limit?: number }) {
  assertAdmin(ctx);
  const limit = query.limit ?? 50;
  const where: (SQL | undefined)[] = [query.q ? like(users.search, `%${foldText(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined];
  const base = and(...where);
  let page = base;
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor);
    page = and(base, sql`(${users.username}, ${users.id}) > (${String(name)}, ${id}::int)`);
  }
  const rows = await ctx.db.select(publicUser).from(users).where(page).orderBy(asc(users.username), asc(users.id)).limit(limit + 1);
  const total = await ctx.db.$count(users, base);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, total, nextCursor: rows.length > limit && last ? encodeCursor(last.username, last.id) : null };
}

export async function getUser(ctx: Ctx, id: number) {
  assertAdmin(ctx);
  const [user] = await ctx.db.select(publicUser).from(users).where(eq(users.id, id));
  if (!user) throw notFound('El usuario');
  return { ...user, grants: await grantsOf(ctx.db, id) };
}

/** Ties an account to its person record, so "self" scope and "Mis guardias" know who the user is. */
async function linkPerson(tx: Db, userId: number, key: string) {
  const [person] = await tx.select({ id: persons.id, userId: persons.userId }).from(persons).where(or(eq(persons.curp, key), eq(persons.tempKey, key)));
  if (!person) throw badRequest(`No hay una persona registrada con la clave ${key}.`, [{ field: 'personKey', message: 'CURP o clave temporal no registrada.' }]);
  if (person.userId && person.userId !== userId) throw conflict('duplicate', 'Esa persona ya tiene otra cuenta de usuario.', { errors: [{ field: 'personKey', message: 'Persona ya vinculada a otra cuenta.' }] });
  await tx.update(persons).set({ userId }).where(eq(persons.id, person.id));
}

export async function createUser(ctx: Ctx, input: CreateUserInput, options: { mustChangePassword?: boolean } = {}) {
  assertAdmin(ctx);
  await checkGrants(ctx.db, input.grants);
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction(async (tx) => {
    const [same] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (same) throw conflict('duplicate', `El usuario «${input.username}» ya existe.`, { errors: [{ field: 'username', message: 'Usuario ya registrado.' }] });
    const [user] = await tx
      .insert(users)
      .values({ username: input.username, displayName: input.displayName, email: input.email ?? null, passwordHash, mustChangePassword: options.mustChangePassword ?? true })
      .returning({ id: users.id });
    if (input.grants.length) await tx.insert(roleGrants).values(grantValues(user.id, input.grants));
    if (input.personKey) await linkPerson(tx, user.id, input.personKey);
    await recordAudit(tx, ctx, { action: 'create', entity: 'user', entityId: user.id, after: { username: input.username, displayName: input.displayName, email: input.email ?? null, grants: input.grants, personKey: input.personKey ?? null } });
    return user.id;
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: Ctx, id: number, input: z.infer<typeof updateUserInput>) {
  const before = await getUser(ctx, id);
  if (input.grants) await checkGrants(ctx.db, input.grants);
  if (id === ctx.actor.userId && input.active === false) throw badRequest('No puede desactivar su propia cuenta.', [{ field: 'active', message: 'No puede desactivar su propia cuenta.' }]);
  await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: sql`${users.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning({ id: users.id });
    if (!updated) throw versionConflict(before);
    if (input.grants) {
      await tx.delete(roleGrants).where(eq(roleGrants.userId, id));
      if (input.grants.length) await tx.insert(roleGrants).values(grantValues(id, input.grants));
    }
    if (input.active === false) await tx.delete(sessions).where(eq(sessions.userId, id));
    const after = await getUser({ ...ctx, db: tx }, id);
    await recordAudit(tx, ctx, { action: 'update', entity: 'user', entityId: id, before, after });
  });
  return getUser(ctx, id);
}

/** Sets a temporary password the user must change at next login, and lifts any lockout. */
export async function resetPassword(ctx: Ctx, id: number, password: string) {
  await getUser(ctx, id);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, version: sql`${users.version} + 1` }).where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, ctx, { action: 'password_reset', entity: 'user', entityId: id });
  });
}

/** The first administrator, created at first start without an acting user. */
export async function bootstrapAdmin(db: Db, password: string, options: { mustChangePassword?: boolean } = {}): Promise<boolean> {
  const existing = await db.$count(users);
  if (existing > 0) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ username: 'admin', displayName: 'Administrador', passwordHash, mustChangePassword: options.mustChangePassword ?? false }).returning({ id: users.id });
    await tx.insert(roleGrants).values({ userId: user.id, role: 'administrador', scopeKind: 'national' });
    await recordAudit(tx, { actor: null, requestId: null }, { action: 'bootstrap', entity: 'user', entityId: user.id, after: { username: 'admin' } });
  });
  return true;
}

