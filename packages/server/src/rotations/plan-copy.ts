import { capacity, type PlanRotation, resolveScope, scopeCovers } from '@sirem/core';
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { academicCycles, units } from '../db/schema/catalog.ts';
import type { Db } from '../db/client.ts';
import { residents } from '../db/schema/people.ts';
import { clinicalServices, rotations } from '../db/schema/rotations.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { sendXlsx } from '../lib/xlsx.ts';
import { unitPlan } from './rotations-service.ts';

export const copyInput = z.object({ unitId: z.number().int().positive(), fromCycleId: z.number().int().positive(), toCycleId: z.number().int().positive() });
const shiftYear = (iso: string, years: number) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/** Whether one more resident of the grade fits in the service over the block's dates (blocks copied so far included). */
async function fitsCapacity(tx: Db, block: PlanRotation, service: { capacity: number[]; name: string }) {
  const same = await tx.select({ residentId: rotations.residentId, serviceId: rotations.serviceId, startsOn: rotations.startsOn, endsOn: rotations.endsOn, kind: rotations.kind, grade: residents.grade })
    .from(rotations).innerJoin(residents, eq(residents.id, rotations.residentId))
    .where(and(eq(rotations.serviceId, block.serviceId), eq(residents.grade, block.grade), lte(rotations.startsOn, block.endsOn), gte(rotations.endsOn, block.startsOn)));
  return capacity([...same.map((b) => ({ ...b, unitBeds: block.unitBeds })), block], (_s, g) => service.capacity[g - 1] ?? 0, () => service.name).length === 0;
}

/**
 * Copies last cycle's plan forward by grade: the k-th resident of grade g this cycle gets the blocks
 * the k-th resident of grade g had last cycle, one year later. Blocks that would overlap or exceed
 * a service's capacity are skipped and counted apart (overlap, over capacity), never forced.
 */
export async function copyPlanForward(ctx: Ctx, input: z.infer<typeof copyInput>) {
  const scope = resolveScope(ctx.actor.grants, 'rotations.manage');
  if (scope.kind === 'none') throw forbidden('No tiene permiso para programar rotaciones.');
  const [unit] = await ctx.db.select({ id: units.id, ooadId: units.ooadId }).from(units).where(eq(units.id, input.unitId));
  if (!unit || !scopeCovers(scope, { ooadId: unit.ooadId, unitId: unit.id })) throw forbidden('La unidad está fuera de su ámbito.');
  const cycles = await ctx.db.select().from(academicCycles).where(inArray(academicCycles.id, [input.fromCycleId, input.toCycleId]));
  const from = cycles.find((c) => c.id === input.fromCycleId);
  const to = cycles.find((c) => c.id === input.toCycleId);
  if (!from || !to || to.startsOn <= from.startsOn) throw badRequest('Elija un ciclo de origen anterior al de destino.', [{ field: 'toCycleId', message: 'Ciclos inválidos.' }]);
  const years = Number(to.startsOn.slice(0, 4)) - Number(from.startsOn.slice(0, 4));
  const source = await unitPlan(ctx, input.unitId, input.fromCycleId);
  const target = await unitPlan(ctx, input.unitId, input.toCycleId);
  const services = new Map((await ctx.db.select({ id: clinicalServices.id, name: clinicalServices.name, capacity: clinicalServices.capacityPerGrade }).from(clinicalServices)
    .where(inArray(clinicalServices.id, [0, ...new Set(source.residents.flatMap((r) => r.blocks.map((b) => b.serviceId)))]))).map((s) => [s.id, s]));
  let copied = 0;
  let skipped = 0;
  let overCapacity = 0;
  await ctx.db.transaction(async (tx) => {
    for (const grade of new Set(target.residents.map((r) => r.grade))) {
      const templates = source.residents.filter((r) => r.grade === grade && r.blocks.length > 0);
      const people = target.residents.filter((r) => r.grade === grade && r.blocks.length === 0);
      for (const [k, person] of people.entries()) {
        const template = templates[k % Math.max(1, templates.length)];
        for (const b of template?.blocks ?? []) {
          const startsOn = shiftYear(b.startsOn, years);
          const endsOn = shiftYear(b.endsOn, years);
          const clash = await tx.select({ id: rotations.id }).from(rotations).where(and(eq(rotations.residentId, person.id), lte(rotations.startsOn, endsOn), gte(rotations.endsOn, startsOn)));
          if (clash.length) {
            skipped++;
            continue;
          }
          const service = services.get(b.serviceId);
          if (!service || !(await fitsCapacity(tx, { residentId: person.id, serviceId: b.serviceId, startsOn, endsOn, kind: b.kind, unitBeds: b.unitBeds, grade: person.grade }, service))) {
            overCapacity++;
            continue;
          }
          await tx.insert(rotations).values({ residentId: person.id, serviceId: b.serviceId, startsOn, endsOn, kind: b.kind, note: 'Copiada del ciclo anterior' });
          copied++;
        }
      }
    }
    await recordAudit(tx, ctx, { action: 'copy_plan', entity: 'rotation', entityId: null, after: { ...input, copied, skipped, overCapacity } });
  });
  const plan = await unitPlan(ctx, input.unitId, input.toCycleId);
  return { copied, skipped, overCapacity, issues: plan.issues };
}

const MONTHS = ['mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic', 'ene', 'feb'];

/** The annual plan as a sheet: residents × months, each cell the services of that month. */
export async function planXlsx(ctx: Ctx, reply: FastifyReply, unitId: number, cycleId: number) {
  const plan = await unitPlan(ctx, unitId, cycleId);
  const year = Number(plan.cycle.startsOn.slice(0, 4));
  const monthRange = (i: number) => {
    const y = year + (i >= 10 ? 1 : 0);
    const m = ((i + 2) % 12) + 1;
    return { first: `${y}-${String(m).padStart(2, '0')}-01`, last: `${y}-${String(m).padStart(2, '0')}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}` };
  };
  type R = (typeof plan.residents)[number];
  const columns = [
    { header: 'Residente', width: 32, value: (r: R) => r.fullName },
    { header: 'Grado', width: 7, value: (r: R) => `R${r.grade}` },
    { header: 'Especialidad', width: 26, value: (r: R) => r.specialtyName },
    ...MONTHS.map((label, i) => ({ header: label, width: 16, value: (r: R) => r.blocks.filter((b) => b.startsOn <= monthRange(i).last && b.endsOn >= monthRange(i).first).map((b) => b.serviceName).join(' / ') })),
  ];
  return sendXlsx(reply, `Plan-rotaciones-${plan.cycle.code}`, 'Plan', columns, (async function* () { yield plan.residents; })());
}
