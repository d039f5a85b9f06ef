import { type AppointmentInput, listQuery, id } from '@sirem/core';
import { and, count, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { courses, ooads, sedes, specialties, units } from '../db/schema/catalog.ts';
import { facultyAppointments, persons, residents, tutorships } from '../db/schema/people.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { keysetPage } from '../lib/keyset.ts';
import { allPages } from '../lib/pages.ts';
import { searchWords } from '../lib/search.ts';
import { findOrCreatePerson } from './persons.ts';
import { withSedePlace } from './sede-joins.ts';
import { residentColumns, residentJoin, whereAll } from './resident-query.ts';
import { assertMayManage, assertSedeInScope, peopleScopeSql, readScope } from './scope.ts';
import { currentTutorship } from './tutorships.ts';
import { cachedTotal } from '../lib/cached-total.ts';

const optionalId = id.optional();
export const facultyQuery = listQuery.extend({
  ooadId: optionalId,
  unitId: optionalId,
  sedeId: optionalId,
  specialtyId: optionalId,
  role: z.enum(['titular', 'adjunto', 'tutor']).optional(),
  current: z.enum(['true', 'false']).optional(),
  nationality: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/).optional(),
  foreign: z.enum(['true', 'false']).optional(),
});
export type FacultyQuery = z.infer<typeof facultyQuery>;

const fullName = sql<string>`${persons.firstSurname} || ' ' || coalesce(${persons.secondSurname} || ' ', '') || ${persons.givenNames}`;
const columns = {
  id: facultyAppointments.id,
  personId: persons.id,
  fullName,
  curp: persons.curp,
  role: facultyAppointments.role,
  nationality: persons.nationality,
  startsOn: facultyAppointments.startsOn,
  endsOn: facultyAppointments.endsOn,
  sedeId: sedes.id,
  specialtyId: specialties.id,
  specialtyName: specialties.name,
  unitId: units.id,
  unitName: units.name,
  ooadId: ooads.id,
  ooadName: ooads.name,
  cedulaEspecialidad: persons.cedulaEspecialidad,
  cedulaEspecialidadVerified: persons.cedulaEspecialidadVerified,
  version: facultyAppointments.version,
};
const join = <F extends Record<string, unknown>>(ctx: Ctx, fields: F) =>
  withSedePlace(ctx.db.select(fields as never).from(facultyAppointments).innerJoin(persons, eq(persons.id, facultyAppointments.personId)).$dynamic(), facultyAppointments.sedeId);
const scopeCols = { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: facultyAppointments.sedeId, userId: persons.userId };
const isCurrent = or(isNull(facultyAppointments.endsOn), sql`${facultyAppointments.endsOn} >= current_date`);

export async function listFaculty(ctx: Ctx, q: FacultyQuery) {
  const scope = readScope(ctx);
  const search = searchWords(persons.search, q.q);
  const where = whereAll(
    peopleScopeSql(scope, ctx, scopeCols),
    search,
    q.ooadId ? eq(units.ooadId, q.ooadId) : undefined,
    q.unitId ? eq(sedes.unitId, q.unitId) : undefined,
    q.sedeId ? eq(facultyAppointments.sedeId, q.sedeId) : undefined,
    q.specialtyId ? eq(courses.specialtyId, q.specialtyId) : undefined,
    q.role ? eq(facultyAppointments.role, q.role) : undefined,
    q.current === 'true' ? isCurrent : undefined,
    q.nationality ? eq(persons.nationality, q.nationality) : undefined,
    q.foreign ? (q.foreign === 'true' ? sql`${persons.nationality} <> 'MEX'` : eq(persons.nationality, 'MEX')) : undefined,
  );
  const sort = { expr: persons.sortName, type: 'text' as const };
  return keysetPage<typeof columns & { id: number }>(join(ctx, { ...columns, sortValue: sort.expr }), join(ctx, { n: count() }), {
    where, sort, sortName: 'name', idColumn: facultyAppointments.id, descending: q.dir === 'desc', cursor: q.cursor, limit: q.limit ?? 50,
    cachedTotal: cachedTotal(ctx, 'faculty', scope, q),
    shape: 'faculty',
  });
}

/** Appoints a person (existing, or registered here) as titular, adjunto or tutor of a sede. */
export async function appoint(ctx: Ctx, input: AppointmentInput) {
  const scope = assertMayManage(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    await assertSedeInScope(tx, scope, input.sedeId);
    const personId = input.personId ?? (input.person ? (await findOrCreatePerson(tx, input.person)).id : null);
    if (!personId) throw badRequest('Indique la persona a nombrar.', [{ field: 'personId', message: 'Persona obligatoria.' }]);
    if (input.role === 'titular') {
      // Periods that overlap the new one: a titular whose end date is before the new start no longer counts.
      const overlaps = and(
        or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, input.startsOn)),
        input.endsOn ? lte(facultyAppointments.startsOn, input.endsOn) : undefined,
      );
      const [current] = await tx.select({ id: facultyAppointments.id }).from(facultyAppointments)
        .where(and(eq(facultyAppointments.sedeId, input.sedeId), eq(facultyAppointments.role, 'titular'), overlaps));
      if (current) throw badRequest('La sede ya tiene profesor titular vigente en esas fechas; registre la fecha de término del nombramiento anterior (previa al inicio del nuevo).', [{ field: 'role', message: 'Titular vigente.' }]);
    }
    const [row] = await tx.insert(facultyAppointments).values({ personId, sedeId: input.sedeId, role: input.role, startsOn: input.startsOn, endsOn: input.endsOn ?? null }).returning();
    await recordAudit(tx, ctx, { action: 'appoint', entity: 'faculty_appointment', entityId: row.id, after: row });
    return row.id;
  });
  return facultyRow(ctx, id);
}

/** One appointment as the faculty list shows it. */
export async function facultyRow(ctx: Ctx, appointmentId: number) {
  const [row] = await join(ctx, columns).where(eq(facultyAppointments.id, appointmentId));
  return row;
}

/** Assigns a tutor to a resident; the tutor must hold a current tutor appointment at the resident's sede. */
export async function assignTutor(ctx: Ctx, residentId: number, input: { tutorPersonId: number; startsOn: string }) {
  const scope = assertMayManage(ctx);
  return ctx.db.transaction(async (tx) => {
    const [resident] = await tx.select().from(residents).where(eq(residents.id, residentId));
    if (!resident) throw notFound('El residente');
    await assertSedeInScope(tx, scope, resident.sedeId);
    const [appointment] = await tx.select({ id: facultyAppointments.id }).from(facultyAppointments)
      .where(and(eq(facultyAppointments.personId, input.tutorPersonId), eq(facultyAppointments.sedeId, resident.sedeId), eq(facultyAppointments.role, 'tutor'), isCurrent));
    if (!appointment) throw badRequest('La persona no tiene nombramiento vigente de tutor en la sede del residente.', [{ field: 'tutorPersonId', message: 'No es tutor de esta sede.' }]);
    // The previous tutor's last day is the day before the new one starts.
    await tx.update(tutorships).set({ endsOn: sql`${input.startsOn}::date - 1` }).where(and(eq(tutorships.residentId, residentId), or(isNull(tutorships.endsOn), gte(tutorships.endsOn, input.startsOn))));
    const [row] = await tx.insert(tutorships).values({ residentId, tutorPersonId: input.tutorPersonId, startsOn: input.startsOn }).returning();
    await recordAudit(tx, ctx, { action: 'assign_tutor', entity: 'tutorship', entityId: row.id, after: row });
    return row;
  });
}

/** The residents a tutor currently follows (scoped like any resident list). */
export async function tutorResidents(ctx: Ctx, tutorPersonId: number) {
  const scope = readScope(ctx);
  return residentJoin(ctx.db, residentColumns)
    .innerJoin(tutorships, and(eq(tutorships.residentId, residents.id), currentTutorship))
    .where(whereAll(eq(tutorships.tutorPersonId, tutorPersonId), peopleScopeSql(scope, ctx, { ooadId: units.ooadId, unitId: sedes.unitId, sedeId: residents.sedeId, userId: persons.userId })));
}

export const exportFaculty = (ctx: Ctx, q: FacultyQuery) =>
  allPages(async (cursor) => (await listFaculty(ctx, { ...q, cursor, limit: 1000 })) as unknown as { items: Record<string, unknown>[]; nextCursor: string | null });
