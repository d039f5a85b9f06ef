import { type Assignment, checkRoster, type Coverage, fairness, objective, type RosterInstance, type RosterResult } from '@sirem/core';
import { and, desc, eq, inArray, lt, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { jobs, rosters } from '../db/schema/guards.ts';
import { clinicalServices } from '../db/schema/rotations.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { collisionsElsewhere } from './elsewhere.ts';
import { withCurrentFacts } from './facts.ts';
import { assertRosterInScope, guardScope, rostersWithin, unitReach } from './guard-scope.ts';
import { buildInstance, dayOffGranted } from './instance-builder.ts';
import { type JobRunner, solveInWorker } from './jobs.ts';
import { notifyChanges, rosterDiff } from './notify.ts';

const perGrade = z.record(z.string().regex(/^[1-6]$/), z.number().int().min(0).max(50));
export const generateInput = z.object({
  unitId: z.number().int().positive(),
  serviceIds: z.array(z.number().int().positive()).min(1, { message: 'Elija al menos un servicio.' }).max(30),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'El mes se escribe aaaa-mm.' }),
  coverage: z.object({ weekday: perGrade, weekend: perGrade, holiday: perGrade }),
  seed: z.number().int().min(1).max(1_000_000).default(1),
});
export type GenerateInput = z.infer<typeof generateInput>;

/**
 * Queues a roster generation; the solver runs in a worker thread and the draft appears when it
 * finishes. A jefe de servicio generates only for the services they head.
 */
export async function requestGeneration(ctx: Ctx, runner: JobRunner, input: GenerateInput) {
  const { headed } = await unitReach(ctx, input.unitId);
  const services = await ctx.db.select({ id: clinicalServices.id, unitId: clinicalServices.unitId, name: clinicalServices.name }).from(clinicalServices).where(inArray(clinicalServices.id, input.serviceIds));
  const wrong = input.serviceIds.filter((id) => services.find((s) => s.id === id)?.unitId !== input.unitId);
  if (wrong.length) throw badRequest('Algún servicio elegido no pertenece a la unidad.', [{ field: 'serviceIds', message: 'Servicio de otra unidad.' }]);
  const others = headed ? services.filter((s) => !headed.includes(s.id)) : [];
  if (others.length) throw forbidden(`No encabeza ${others.map((s) => s.name).join(', ')}: solo puede generar roles de guardia de los servicios que encabeza.`);
  const groupKey = [...input.serviceIds].sort((a, b) => a - b).join('+');
  const { instance, ruleSetCode } = await buildInstance(ctx.db, { ...input, groupKey, coverage: input.coverage as unknown as Coverage });
  if (!instance.residents.length) throw badRequest('Ningún residente rota en esos servicios ese mes; programe las rotaciones primero.');
  const jobId = await runner.enqueue('roster', { instance, ruleSetCode, seed: input.seed, unitId: input.unitId, serviceIds: input.serviceIds, groupKey, month: input.month, userId: ctx.actor.userId }, ctx.actor.userId);
  return { jobId };
}

type RosterJob = { instance: RosterInstance; ruleSetCode: string; seed: number; unitId: number; serviceIds: number[]; groupKey: string; month: string; userId: number };

/** The job handler: solve, and save a draft only when every hard rule holds (never a partial roster). */
export async function runRosterJob(db: Db, raw: unknown, progress: (f: number) => Promise<void>) {
  const job = raw as RosterJob;
  let last = Promise.resolve();
  const result: RosterResult = await solveInWorker(job.instance, job.seed, (f) => {
    last = last.then(() => progress(f * 0.95));
  });
  await last;
  if (result.status !== 'ok') return { status: 'infeasible', explanation: result.explanation, shortages: result.shortages };
  const rosterId = await db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: max(rosters.version) }).from(rosters).where(and(eq(rosters.unitId, job.unitId), eq(rosters.groupKey, job.groupKey), eq(rosters.month, job.month)));
    const [row] = await tx
      .insert(rosters)
      .values({
        unitId: job.unitId, groupKey: job.groupKey, serviceIds: job.serviceIds, month: job.month, version: (n ?? 0) + 1, status: 'draft', ruleSetCode: job.ruleSetCode,
        params: job.instance.params, coverage: job.instance.coverage, assignments: result.assignments, instance: job.instance,
        report: { fairness: result.fairness, objective: result.objective, attempts: result.attempts }, seed: job.seed, createdBy: job.userId,
      })
      .returning({ id: rosters.id });
    // Background work acts on behalf of the coordinator who asked for it.
    const onBehalf = { actor: { userId: job.userId, username: `trabajo:${job.userId}` } as Ctx['actor'], requestId: 'job' };
    await recordAudit(tx, onBehalf, { action: 'generate', entity: 'roster', entityId: row.id, after: { month: job.month, unitId: job.unitId, objective: result.objective } });
    return row.id;
  });
  return { status: 'ok', rosterId, fairness: result.fairness, dayOff: dayOffGranted(job.instance, result.assignments) };
}

export async function getJob(ctx: Ctx, id: number) {
  const [job] = await ctx.db.select({ id: jobs.id, kind: jobs.kind, status: jobs.status, progress: jobs.progress, result: jobs.result, error: jobs.error, createdBy: jobs.createdBy }).from(jobs).where(eq(jobs.id, id));
  if (!job || job.createdBy !== ctx.actor.userId) throw notFound('El trabajo');
  return job;
}

/**
 * A roster with its live check: every violation of the hard rules and the fairness figures. A draft
 * is checked against today's rotations and approved absences and against the same residents'
 * guardias in other published rosters (listed first); a published version keeps the facts it was
 * published with.
 */
export async function getRoster(ctx: Ctx, id: number) {
  guardScope(ctx);
  const [roster] = await ctx.db.select().from(rosters).where(eq(rosters.id, id));
  if (!roster) throw notFound('El rol de guardias');
  await assertRosterInScope(ctx, roster);
  const instance = roster.status === 'draft' ? await withCurrentFacts(ctx.db, roster) : (roster.instance as RosterInstance);
  const assignments = roster.assignments as { date: string; residentId: number }[];
  // What this version changes against the one published before it, shown to the coordinator.
  const [previous] = await ctx.db.select({ version: rosters.version, assignments: rosters.assignments }).from(rosters)
    .where(and(eq(rosters.unitId, roster.unitId), eq(rosters.groupKey, roster.groupKey), eq(rosters.month, roster.month), inArray(rosters.status, ['published', 'superseded']), lt(rosters.version, roster.version)))
    .orderBy(desc(rosters.version)).limit(1);
  const changes = previous ? { fromVersion: previous.version, ...rosterDiff(previous.assignments as Assignment[], assignments) } : null;
  const elsewhere = roster.status === 'draft' ? await collisionsElsewhere(ctx.db, roster, instance, assignments) : [];
  return { ...roster, instance, violations: [...elsewhere, ...checkRoster(instance, assignments)], collisions: elsewhere.length, fairness: fairness(instance, assignments), objective: objective(instance, assignments), dayOff: dayOffGranted(instance, assignments), changes };
}

export const editInput = z.object({ assignments: z.array(z.object({ date: z.string(), residentId: z.number().int() })).max(20_000), revision: z.number().int().nonnegative() });

/** Saves a coordinator's edits to a draft; the live check is returned, violations are allowed in a draft. */
export async function editRoster(ctx: Ctx, id: number, input: z.infer<typeof editInput>) {
  const current = await getRoster(ctx, id);
  if (current.status !== 'draft') throw conflict('roster_published', 'Un rol publicado no se modifica; genere o copie una nueva versión.');
  await ctx.db.transaction(async (tx) => {
    const [saved] = await tx.update(rosters).set({ assignments: input.assignments, instance: current.instance, revision: sql`${rosters.revision} + 1` }).where(and(eq(rosters.id, id), eq(rosters.revision, input.revision))).returning({ id: rosters.id });
    if (!saved) throw conflict('version_conflict', 'Otra persona modificó este rol mientras usted lo editaba. Recargue para ver sus cambios y vuelva a aplicar los suyos.', { current: { revision: current.revision } });
    await recordAudit(tx, ctx, { action: 'edit', entity: 'roster', entityId: id, before: { assignments: current.assignments }, after: { assignments: input.assignments } });
  });
  return getRoster(ctx, id);
}

export const publishInput = z.object({ revision: z.number().int().nonnegative() });

const revisionConflict = (revision: number | undefined) =>
  conflict('version_conflict', 'Otra persona modificó o publicó este rol mientras usted lo revisaba. Recargue para ver la versión actual.', { current: { revision } });

/**
 * Publishes a draft only when it breaks no hard rule against today's facts and is still the
 * revision the coordinator reviewed; the previously published version is superseded.
 */
export async function publishRoster(ctx: Ctx, id: number, input: z.infer<typeof publishInput>) {
  const roster = await getRoster(ctx, id);
  if (roster.status !== 'draft') throw conflict('roster_published', 'Este rol ya fue publicado.');
  if (roster.revision !== input.revision) throw revisionConflict(roster.revision);
  if (roster.collisions)
    throw new AppError(409, 'roster_collides', `No se puede publicar: choca con otro rol publicado. ${roster.violations[0]?.message ?? ''}`, { errors: roster.violations.slice(0, roster.collisions).map((v) => ({ field: v.rule, message: v.message })) });
  if (roster.violations.length)
    throw new AppError(409, 'roster_violations', `No se puede publicar: el rol incumple ${roster.violations.length} regla(s). ${roster.violations[0]?.message ?? ''}`, { errors: roster.violations.map((v) => ({ field: v.rule, message: v.message })) });
  const samePlace = and(eq(rosters.unitId, roster.unitId), eq(rosters.groupKey, roster.groupKey), eq(rosters.month, roster.month));
  await onePublished(async () =>
    ctx.db.transaction(async (tx) => {
      const [previous] = await tx.select().from(rosters).where(and(samePlace, eq(rosters.status, 'published')));
      await tx.update(rosters).set({ status: 'superseded' }).where(and(samePlace, eq(rosters.status, 'published')));
      const [done] = await tx.update(rosters).set({ status: 'published', publishedAt: new Date(), instance: roster.instance })
        .where(and(eq(rosters.id, id), eq(rosters.status, 'draft'), eq(rosters.revision, input.revision))).returning({ id: rosters.id });
      if (!done) {
        const [now] = await tx.select({ revision: rosters.revision }).from(rosters).where(eq(rosters.id, id));
        throw revisionConflict(now?.revision);
      }
      if (previous) await notifyChanges(tx, roster, rosterDiff(previous.assignments as Assignment[], roster.assignments as Assignment[]));
      await recordAudit(tx, ctx, { action: 'publish', entity: 'roster', entityId: id, after: { month: roster.month, version: roster.version, revision: input.revision } });
    }),
  );
  return getRoster(ctx, id);
}

/** Two versions of one month published at once trip the one-published index; the loser is told so. */
export async function onePublished<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
    if (cause.code === '23505') throw conflict('roster_published_meanwhile', 'Otra versión de este rol se publicó mientras tanto; recargue para ver la versión vigente.');
    throw error;
  }
}

/** A unit's rosters; a jefe de servicio sees those made only of the services they head. */
export async function listRosters(ctx: Ctx, unitId: number) {
  const { headed } = await unitReach(ctx, unitId);
  return ctx.db.select({ id: rosters.id, month: rosters.month, version: rosters.version, status: rosters.status, groupKey: rosters.groupKey, publishedAt: rosters.publishedAt }).from(rosters)
    .where(and(eq(rosters.unitId, unitId), rostersWithin(headed))).orderBy(desc(rosters.month), desc(rosters.version));
}
