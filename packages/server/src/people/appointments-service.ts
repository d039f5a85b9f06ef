import { resolveScope, scopeCovers } from '@sirem/core';
import { and, eq, gt, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { recordAudit, recordAudits } from '../audit/record.ts';
import { facultyAppointments, residents, tutorships } from '../db/schema/people.ts';
import { badRequest, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { facultyRow } from './faculty-service.ts';
import { assertMayManage, assertSedeInScope, readScope, sedePlace } from './scope.ts';

export type EndAppointmentInput = { endsOn: string; version: number };

/**
 * Ends a titular, adjunto or tutor appointment on a date. The row stays (the sede's history of
 * faculty). A tutor's tutorships at the sede end with it, on the same date, each audited, so no
 * resident is left with a tutor who no longer holds the appointment.
 */
export async function endAppointment(ctx: Ctx, appointmentId: number, input: EndAppointmentInput) {
  const scope = assertMayManage(ctx);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(facultyAppointments).where(eq(facultyAppointments.id, appointmentId));
    if (!before) throw notFound('El nombramiento');
    await assertSedeInScope(tx, scope, before.sedeId);
    if (before.version !== input.version) throw versionConflict(await facultyRow({ ...ctx, db: tx }, appointmentId));
    if (input.endsOn < before.startsOn)
      throw badRequest('La fecha de término no puede ser anterior al inicio del nombramiento.', [{ field: 'endsOn', message: 'Anterior a la fecha de inicio.' }]);
    if (before.role === 'titular') {
      const [other] = await tx.select({ id: facultyAppointments.id }).from(facultyAppointments).where(and(
        eq(facultyAppointments.sedeId, before.sedeId), eq(facultyAppointments.role, 'titular'), ne(facultyAppointments.id, appointmentId),
        gte(facultyAppointments.startsOn, before.startsOn), lte(facultyAppointments.startsOn, input.endsOn),
      ));
      if (other) throw badRequest('Otro profesor titular de la sede inicia antes de esa fecha de término; elija una fecha previa a su nombramiento.', [{ field: 'endsOn', message: 'Se traslapa con el titular siguiente.' }]);
    }
    const [after] = await tx
      .update(facultyAppointments)
      .set({ endsOn: input.endsOn, version: sql`${facultyAppointments.version} + 1`, updatedAt: new Date() })
      .where(and(eq(facultyAppointments.id, appointmentId), eq(facultyAppointments.version, input.version)))
      .returning();
    if (!after) throw versionConflict(await facultyRow({ ...ctx, db: tx }, appointmentId));
    await recordAudit(tx, ctx, { action: 'end_appointment', entity: 'faculty_appointment', entityId: appointmentId, before, after });
    if (before.role === 'tutor') {
      const atSede = tx.select({ id: residents.id }).from(residents).where(eq(residents.sedeId, before.sedeId));
      const ended = await tx
        .update(tutorships)
        .set({ endsOn: input.endsOn })
        .where(and(eq(tutorships.tutorPersonId, before.personId), inArray(tutorships.residentId, atSede), or(isNull(tutorships.endsOn), gt(tutorships.endsOn, input.endsOn))))
        .returning();
      await recordAudits(tx, ctx, ended.map((t) => ({ action: 'end_tutorship', entity: 'tutorship', entityId: t.id, after: t })));
    }
  });
  return facultyRow(ctx, appointmentId);
}

/** Whether the actor may appoint, end appointments and assign tutors at a sede (the web hides the buttons otherwise). */
export async function facultyAccess(ctx: Ctx, sedeId: number) {
  readScope(ctx);
  const scope = resolveScope(ctx.actor.grants, 'people.manage');
  if (scope.kind === 'none') return { canManage: false };
  const place = await sedePlace(ctx.db, sedeId);
  return { canManage: scopeCovers(scope, { ooadId: place.ooadId, unitId: place.unitId, sedeIds: [place.sedeId] }) };
}
