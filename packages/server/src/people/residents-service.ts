import type { EnrolResidentInput } from '@sirem/core';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { compiledRows } from '../db/compiled-select.ts';
import { academicCycles, courses, sedes, specialties, units } from '../db/schema/catalog.ts';
import { enrolments, persons, residentEvents, residents } from '../db/schema/people.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { keysetPage } from '../lib/keyset.ts';
import { allPages } from '../lib/pages.ts';
import { searchWords } from '../lib/search.ts';
import { personView } from './person-edit-service.ts';
import { findOrCreatePerson } from './persons.ts';
import { RESIDENT_SORTS, type ResidentQuery, residentColumns, residentCount, residentFilters, residentJoin, whereAll } from './resident-query.ts';
import { assertMayManage, assertSedeInScope, peopleScopeSql, readScope } from './scope.ts';
import { cachedTotal } from '../lib/cached-total.ts';

const scopeColumns = { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: residents.sedeId, userId: persons.userId };
const LIVE = ['alta', 'activo', 'licencia'];

export async function sedeDuration(db: Db, sedeId: number) {
  const [row] = await db
    .select({ durationYears: specialties.durationYears, specialtyName: specialties.name })
    .from(sedes)
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .where(eq(sedes.id, sedeId));
  if (!row) throw notFound('La sede');
  return row;
}

export async function enrolResident(ctx: Ctx, input: EnrolResidentInput) {
  const scope = assertMayManage(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const place = await assertSedeInScope(tx, scope, input.sedeId);
    if (!place.active) throw badRequest('La sede no está vigente.', [{ field: 'sedeId', message: 'Sede no vigente.' }]);
    const { durationYears, specialtyName } = await sedeDuration(tx, input.sedeId);
    if (input.grade > durationYears)
      throw badRequest(`El grado R${input.grade} excede la duración de ${specialtyName} (${durationYears} años).`, [
        { field: 'grade', message: `El grado máximo es R${durationYears}.` },
      ]);
    const [cycle] = await tx.select().from(academicCycles).where(eq(academicCycles.id, input.cycleId));
    if (!cycle) throw badRequest('El ciclo académico no existe.', [{ field: 'cycleId', message: 'Ciclo inexistente.' }]);
    const person = await findOrCreatePerson(tx, input.person);
    const [enrolled] = await tx.select({ id: enrolments.id }).from(enrolments).where(and(eq(enrolments.personId, person.id), eq(enrolments.cycleId, cycle.id)));
    if (enrolled) throw conflict('already_enrolled', `La persona ya está inscrita en el ciclo ${cycle.code}; no se puede inscribir dos veces en el mismo ciclo.`);
    const [live] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.personId, person.id), inArray(residents.status, LIVE)));
    if (live) throw conflict('already_resident', 'La persona ya cursa una residencia vigente; registre su baja o egreso antes de inscribirla en otra.');
    const status = input.startNow ? 'activo' : 'alta';
    const [row] = await tx
      .insert(residents)
      .values({ personId: person.id, sedeId: input.sedeId, status, grade: input.grade, cycleId: cycle.id, entryCycleId: cycle.id, examFolio: input.examFolio ?? null, examScore: input.examScore == null ? null : String(input.examScore) })
      .returning();
    await tx.insert(enrolments).values({ residentId: row.id, personId: person.id, cycleId: cycle.id, sedeId: input.sedeId, grade: input.grade });
    await tx.insert(residentEvents).values({ residentId: row.id, kind: 'alta', occurredOn: cycle.startsOn, toStatus: 'alta', cycleId: cycle.id, details: { grade: input.grade } });
    if (input.startNow)
      await tx.insert(residentEvents).values({ residentId: row.id, kind: 'inicio', occurredOn: cycle.startsOn, fromStatus: 'alta', toStatus: 'activo', cycleId: cycle.id });
    await recordAudit(tx, ctx, { action: 'enrol', entity: 'resident', entityId: row.id, after: { ...row, personCreated: person.created } });
    return row.id;
  });
  return getResident(ctx, id);
}

export async function listResidents(ctx: Ctx, query: ResidentQuery) {
  const scope = readScope(ctx);
  const sortName = query.sort && Object.hasOwn(RESIDENT_SORTS, query.sort) ? query.sort : 'name';
  const sort = RESIDENT_SORTS[sortName];
  const search = searchWords(persons.search, query.q);
  const where = whereAll(peopleScopeSql(scope, ctx, scopeColumns), search, ...residentFilters(query));
  return keysetPage<typeof residentColumns & { id: number }>(residentJoin(ctx.db, { ...residentColumns, sortValue: sort.expr }), residentCount(ctx.db, query, scope), {
    where,
    sort,
    sortName,
    idColumn: residents.id,
    descending: query.dir === 'desc',
    cursor: query.cursor,
    limit: query.limit ?? 50,
    cachedTotal: cachedTotal(ctx, 'residents', scope, query),
    shape: 'residents',
  });
}

export const exportResidents = (ctx: Ctx, query: ResidentQuery) =>
  allPages(async (cursor) => (await listResidents(ctx, { ...query, cursor, limit: 1000 })) as unknown as { items: Record<string, unknown>[]; nextCursor: string | null });

/**
 * A resident's profile. Its four reads depend only on the resident's id, so they go out at once;
 * the scope decides on the first, and a resident out of scope answers 404 with nothing else.
 */
export async function getResident(ctx: Ctx, id: number) {
  const scope = readScope(ctx);
  const where = whereAll(eq(residents.id, id), peopleScopeSql(scope, ctx, scopeColumns));
  const [[row], timeline, cycles, [person]] = await Promise.all([
    compiledRows<Record<string, unknown>>(residentJoin(ctx.db, residentColumns).where(where), 'residents:one', where),
    ctx.db.select().from(residentEvents).where(eq(residentEvents.residentId, id)).orderBy(residentEvents.occurredOn, residentEvents.id),
    ctx.db
      .select({ cycleId: enrolments.cycleId, cycleCode: academicCycles.code, grade: enrolments.grade, sedeId: enrolments.sedeId, outcome: enrolments.outcome })
      .from(enrolments)
      .innerJoin(academicCycles, eq(academicCycles.id, enrolments.cycleId))
      .where(eq(enrolments.residentId, id))
      .orderBy(academicCycles.startsOn),
    ctx.db.select().from(persons).where(inArray(persons.id, ctx.db.select({ id: residents.personId }).from(residents).where(eq(residents.id, id)))),
  ]);
  if (!row || !person) throw notFound('El residente');
  return { ...row, person: personView(person), timeline, cycles };
}

