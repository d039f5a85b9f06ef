import type { JornadaInput } from '@sirem/core';
import { count, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { jornadas } from '../db/schema/jornadas.ts';
import { conflict, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { keysetPage } from '../lib/keyset.ts';
import { jornadaById, manageScope, readJornadas } from './access.ts';
import { linkExistingRecords } from './linking.ts';

/**
 * Jornadas are national events: only a national grant creates one. Entries already logged in its
 * dates and units (made before the Jornada was entered) are linked to it in the same transaction,
 * audited as one row with the count.
 */
export async function createJornada(ctx: Ctx, input: JornadaInput) {
  if (manageScope(ctx).kind !== 'all') throw forbidden('Las Jornadas Nacionales las crea nivel central.');
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: jornadas.id }).from(jornadas).where(eq(jornadas.number, input.number));
    if (dup) throw conflict('duplicate', `Ya existe la Jornada número ${input.number}.`);
    const [row] = await tx.insert(jornadas).values({ ...input, name: input.name ?? `${input.number}a Jornada Nacional para la Recuperación de los Servicios de Salud` }).returning();
    await recordAudit(tx, ctx, { action: 'create', entity: 'jornada', entityId: row.id, after: row });
    const linked = await linkExistingRecords(tx, row);
    if (linked) await recordAudit(tx, ctx, { action: 'link_records', entity: 'jornada', entityId: row.id, after: { linkedRecords: linked } });
    return { ...row, linkedRecords: linked };
  });
}

export async function listJornadas(ctx: Ctx, q: { cursor?: string; limit?: number }) {
  readJornadas(ctx);
  const sort = { expr: jornadas.startsOn, type: 'date' as const };
  return keysetPage<typeof jornadas.$inferSelect>(ctx.db.select({ ...JORNADA_COLUMNS, sortValue: sort.expr }).from(jornadas).$dynamic(), ctx.db.select({ n: count() }).from(jornadas).$dynamic(), {
    where: undefined,
    sort,
    sortName: 'startsOn',
    idColumn: jornadas.id,
    descending: true,
    cursor: q.cursor,
    limit: q.limit ?? 50,
  });
}

const JORNADA_COLUMNS = {
  id: jornadas.id, number: jornadas.number, name: jornadas.name, startsOn: jornadas.startsOn, endsOn: jornadas.endsOn,
  ooadIds: jornadas.ooadIds, umaeIds: jornadas.umaeIds, categories: jornadas.categories, version: jornadas.version, createdAt: jornadas.createdAt,
};

export async function getJornada(ctx: Ctx, id: number) {
  readJornadas(ctx);
  return jornadaById(ctx.db, id);
}
