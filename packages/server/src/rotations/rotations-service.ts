import { capacity, cycleForDate, fieldRotation, fieldUnitProblem, overlaps, type PlanRotation, resolveScope, type RotationInput, type Scope } from '@sirem/core';
import { and, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { academicCycles, courses, sedes, specialties, units } from '../db/schema/catalog.ts';
import { enrolments, persons, residents } from '../db/schema/people.ts';
import { absences, clinicalServices, rotations } from '../db/schema/rotations.ts';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertSedeInScope, peopleScopeSql, readScope } from '../people/scope.ts';
import { fieldRuleFor } from './field-rules.ts';

function assertMayPlan(ctx: Ctx) {
  const scope = resolveScope(ctx.actor.grants, 'rotations.manage');
  if (scope.kind === 'none') throw forbidden('No tiene permiso para programar rotaciones.');
  return scope;
}

const blockColumns = {
  id: rotations.id, residentId: rotations.residentId, serviceId: rotations.serviceId, serviceName: clinicalServices.name, unitId: units.id, unitName: units.name,
  unitBeds: units.camasCensables, startsOn: rotations.startsOn, endsOn: rotations.endsOn, kind: rotations.kind, note: rotations.note, version: rotations.version, grade: residents.grade,
};
const blocks = (db: Db) =>
  db.select(blockColumns).from(rotations).innerJoin(clinicalServices, eq(clinicalServices.id, rotations.serviceId)).innerJoin(units, eq(units.id, clinicalServices.unitId)).innerJoin(residents, eq(residents.id, rotations.residentId)).$dynamic();

/**
 * Checks a new or changed block; throws with the first problem. Scope first (a block of someone
 * else's resident reveals nothing), then overlap, capacity and the campo rule: the record in force
 * at the start of the cycle the block starts in, the one the plan of that cycle is judged by.
 */
async function checkBlock(tx: Db, scope: Scope, input: RotationInput, exceptId: number | null) {
  const [resident] = await tx.select({ id: residents.id, sedeId: residents.sedeId, grade: residents.grade, status: residents.status }).from(residents).where(eq(residents.id, input.residentId));
  if (!resident) throw badRequest('El residente no existe.', [{ field: 'residentId', message: 'Residente inexistente.' }]);
  await assertSedeInScope(tx, scope, resident.sedeId);
  const [service] = await tx.select({ id: clinicalServices.id, name: clinicalServices.name, capacity: clinicalServices.capacityPerGrade, beds: units.camasCensables, active: clinicalServices.active }).from(clinicalServices).innerJoin(units, eq(units.id, clinicalServices.unitId)).where(eq(clinicalServices.id, input.serviceId));
  if (!service?.active) throw badRequest('El servicio no existe o está inactivo.', [{ field: 'serviceId', message: 'Servicio inexistente.' }]);
  const others = (await blocks(tx).where(and(eq(rotations.residentId, input.residentId), exceptId ? ne(rotations.id, exceptId) : undefined))) as PlanRotation[];
  const candidate: PlanRotation = { residentId: input.residentId, serviceId: input.serviceId, startsOn: input.startsOn, endsOn: input.endsOn, kind: input.kind, unitBeds: service.beds, grade: resident.grade };
  const overlap = overlaps([...others, candidate]);
  if (overlap.length) throw conflict('rotation_overlap', overlap[0]?.message ?? '', { errors: [{ field: 'startsOn', message: overlap[0]?.message ?? '' }] });
  const sameService = (await blocks(tx).where(and(eq(rotations.serviceId, input.serviceId), lte(rotations.startsOn, input.endsOn), gte(rotations.endsOn, input.startsOn), exceptId ? ne(rotations.id, exceptId) : undefined))) as PlanRotation[];
  const full = capacity([...sameService, candidate].filter((b) => b.grade === resident.grade), (_s, g) => service.capacity[g - 1] ?? 0, () => service.name);
  if (full.length) throw conflict('service_full', full[0]?.message ?? '', { errors: [{ field: 'serviceId', message: full[0]?.message ?? '' }] });
  const rule = input.kind === 'campo' ? await fieldRuleFor(tx, cycleForDate(input.startsOn).startsOn) : null;
  const small = rule && fieldUnitProblem(rule, service.beds, service.name);
  if (rule && small) throw badRequest(small, [{ field: 'serviceId', message: `Unidad con menos de ${rule.minBeds} camas censables.` }]);
  return resident;
}

export async function createRotation(ctx: Ctx, input: RotationInput) {
  const scope = assertMayPlan(ctx);
  return ctx.db.transaction(async (tx) => {
    await checkBlock(tx, scope, input, null);
    const [row] = await tx.insert(rotations).values({ residentId: input.residentId, serviceId: input.serviceId, startsOn: input.startsOn, endsOn: input.endsOn, kind: input.kind, note: input.note ?? null }).returning();
    await recordAudit(tx, ctx, { action: 'create', entity: 'rotation', entityId: row.id, after: row });
    return row;
  });
}

export async function updateRotation(ctx: Ctx, id: number, input: RotationInput & { version: number }) {
  const scope = assertMayPlan(ctx);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(rotations).where(eq(rotations.id, id));
    if (!before) throw notFound('La rotación');
    await checkBlock(tx, scope, input, id);
    const [after] = await tx.update(rotations).set({ serviceId: input.serviceId, startsOn: input.startsOn, endsOn: input.endsOn, kind: input.kind, note: input.note ?? null, version: sql`${rotations.version} + 1`, updatedAt: new Date() }).where(and(eq(rotations.id, id), eq(rotations.version, input.version))).returning();
    if (!after) throw versionConflict(before);
    await recordAudit(tx, ctx, { action: 'update', entity: 'rotation', entityId: id, before, after });
    return after;
  });
}

export async function deleteRotation(ctx: Ctx, id: number) {
  const scope = assertMayPlan(ctx);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ row: rotations, sedeId: residents.sedeId }).from(rotations).innerJoin(residents, eq(residents.id, rotations.residentId)).where(eq(rotations.id, id));
    if (!before) throw notFound('La rotación');
    await assertSedeInScope(tx, scope, before.sedeId);
    await tx.delete(rotations).where(eq(rotations.id, id));
    await recordAudit(tx, ctx, { action: 'delete', entity: 'rotation', entityId: id, before: before.row });
  });
}

/**
 * The annual plan of a unit's residents for a cycle: each resident with their blocks and every
 * rule the plan breaks (overlap, capacity, missing or invalid rotación de campo), and the campo
 * record it was judged by (the one in force when the cycle starts), so the browser checks edits
 * with the same numbers.
 */
export async function unitPlan(ctx: Ctx, unitId: number, cycleId: number) {
  const scope = readScope(ctx);
  const [cycle] = await ctx.db.select().from(academicCycles).where(eq(academicCycles.id, cycleId));
  if (!cycle) throw badRequest('El ciclo académico no existe.', [{ field: 'cycleId', message: 'Ciclo inexistente.' }]);
  // Residents as enrolled in that cycle (their grade then), so past cycles show their plan too.
  const people = await ctx.db
    .select({ id: residents.id, grade: enrolments.grade, durationYears: specialties.durationYears, specialtyCode: specialties.code, specialtyName: specialties.name, fullName: sql<string>`${persons.firstSurname} || ' ' || coalesce(${persons.secondSurname} || ' ', '') || ${persons.givenNames}` })
    .from(enrolments)
    .innerJoin(residents, eq(residents.id, enrolments.residentId))
    .innerJoin(persons, eq(persons.id, residents.personId))
    .innerJoin(sedes, eq(sedes.id, enrolments.sedeId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .where(and(eq(sedes.unitId, unitId), eq(enrolments.cycleId, cycleId), inArray(residents.status, ['activo', 'licencia', 'egresado']), peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: enrolments.sedeId, userId: persons.userId })))
    .orderBy(enrolments.grade, persons.firstSurname);
  const ids = people.map((p) => p.id);
  const list = ids.length ? ((await blocks(ctx.db).where(and(inArray(rotations.residentId, ids), lte(rotations.startsOn, cycle.endsOn), gte(rotations.endsOn, cycle.startsOn))).orderBy(rotations.startsOn)) as (PlanRotation & { serviceName: string; unitName: string })[]) : [];
  const services = await ctx.db.select({ id: clinicalServices.id, name: clinicalServices.name, capacity: clinicalServices.capacityPerGrade }).from(clinicalServices);
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const fieldRule = await fieldRuleFor(ctx.db, cycle.startsOn);
  const issues = [
    ...overlaps(list),
    ...capacity(list, (s, g) => serviceById.get(s)?.capacity[g - 1] ?? 0, (s) => serviceById.get(s)?.name ?? ''),
    ...people.flatMap((p) => fieldRotation(p, list.filter((b) => b.residentId === p.id), fieldRule)),
  ];
  const away = ids.length ? await ctx.db.select({ residentId: absences.residentId, kind: absences.kind, startsOn: absences.startsOn, endsOn: absences.endsOn }).from(absences).where(and(inArray(absences.residentId, ids), eq(absences.status, 'aprobada'), lte(absences.startsOn, cycle.endsOn), gte(absences.endsOn, cycle.startsOn))) : [];
  return {
    cycle: { id: cycle.id, code: cycle.code, startsOn: cycle.startsOn, endsOn: cycle.endsOn },
    residents: people.map((p) => ({ ...p, blocks: list.filter((b) => b.residentId === p.id), absences: away.filter((a) => a.residentId === p.id) })),
    issues,
    fieldRule,
  };
}
