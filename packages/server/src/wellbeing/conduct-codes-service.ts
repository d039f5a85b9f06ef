import { can, type codeInput } from '@sirem/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { conductAcknowledgements, conductCodes } from '../db/schema/conduct.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

/** The published codes of conduct and ethics, with whether the actor has acknowledged each edition. */
export async function listCodes(ctx: Ctx) {
  return ctx.db
    .select({ id: conductCodes.id, code: conductCodes.code, edition: conductCodes.edition, title: conductCodes.title, body: conductCodes.body, publishedOn: conductCodes.publishedOn, acknowledgedAt: conductAcknowledgements.acknowledgedAt })
    .from(conductCodes)
    .leftJoin(conductAcknowledgements, and(eq(conductAcknowledgements.codeId, conductCodes.id), eq(conductAcknowledgements.userId, ctx.actor.userId)))
    .where(sql`${conductCodes.publishedOn} <= current_date`)
    .orderBy(conductCodes.code, desc(conductCodes.publishedOn))
    .limit(50);
}

export async function publishCode(ctx: Ctx, input: z.infer<typeof codeInput>) {
  if (!can(ctx.actor.grants, 'conduct.publish')) throw forbidden('Solo el nivel central publica los códigos de conducta y ética.');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(conductCodes).values(input).onConflictDoNothing().returning();
    if (!row) throw conflict('duplicate', `Ya existe la edición ${input.edition} de ese código; publique una edición nueva.`);
    await recordAudit(tx, ctx, { action: 'publish', entity: 'conduct_code', entityId: row.id, after: { code: row.code, edition: row.edition, title: row.title } });
    return row;
  });
}

export async function acknowledgeCode(ctx: Ctx, codeId: number) {
  return ctx.db.transaction(async (tx) => {
    const [code] = await tx.select({ id: conductCodes.id }).from(conductCodes).where(eq(conductCodes.id, codeId));
    if (!code) throw notFound('El código');
    const [row] = await tx.insert(conductAcknowledgements).values({ codeId, userId: ctx.actor.userId }).onConflictDoNothing().returning();
    if (!row) throw conflict('already_acknowledged', 'Ya había registrado la lectura de esta edición.');
    await recordAudit(tx, ctx, { action: 'acknowledge', entity: 'conduct_code', entityId: codeId, after: row });
    return row;
  });
}
