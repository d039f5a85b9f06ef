import { type ActivityInput, futureDateProblem, mexicoToday } from '@sirem/core';
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { facultyAppointments } from '../db/schema/people.ts';
import { badRequest } from '../http/errors.ts';
import { jornadaForEntry } from '../jornadas/linking.ts';
import { checkCode } from './codes-lookup.ts';

/**
 * Checks an entry against the data it points to and returns the columns to store: the date is not
 * in the future, the unit exists, the supervisor is a professor of the resident's sede on that
 * date, the codes exist in the catalogue in force (stored in canonical form), and the Jornada
 * running there that day.
 */
export async function entryValues(db: Db, input: ActivityInput, sedeId: number, today = mexicoToday()) {
  const future = futureDateProblem(input.performedOn, today);
  if (future) throw badRequest(future, [{ field: 'performedOn', message: 'Fecha futura.' }]);
  const [unit] = await db.select({ id: units.id, ooadId: units.ooadId, isUmae: sql<boolean>`${units.unitTypeCode} = 'UMAE'` }).from(units).where(eq(units.id, input.unitId));
  if (!unit) throw badRequest('La unidad donde se realizó la actividad no existe.', [{ field: 'unitId', message: 'Unidad inexistente.' }]);
  if (input.supervisorPersonId) {
    const [prof] = await db
      .select({ id: facultyAppointments.id })
      .from(facultyAppointments)
      .where(and(
        eq(facultyAppointments.personId, input.supervisorPersonId),
        eq(facultyAppointments.sedeId, sedeId),
        inArray(facultyAppointments.role, ['titular', 'adjunto']),
        lte(facultyAppointments.startsOn, input.performedOn),
        or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, input.performedOn)),
      ))
      .limit(1);
    if (!prof)
      throw badRequest('El supervisor elegido no es profesor (titular o adjunto) de la sede del residente en esa fecha; elija a un profesor de la sede.', [
        { field: 'supervisorPersonId', message: 'No es profesor de la sede.' },
      ]);
  }
  const diagnosis = await checkCode(db, 'cie10', input.diagnosisCode, 'diagnosisCode');
  const procedure = await checkCode(db, 'cie9mc', input.procedureCode, 'procedureCode');
  const jornadaId = await jornadaForEntry(db, unit, input.performedOn);
  return {
    residentId: input.residentId,
    sedeId,
    performedOn: input.performedOn,
    unitId: input.unitId,
    service: input.service,
    kind: input.kind,
    organ: input.organ,
    supervision: input.supervision,
    supervisorPersonId: input.supervisorPersonId,
    diagnosisCode: diagnosis.code,
    diagnosisVersionId: diagnosis.versionId,
    procedureCode: procedure.code,
    procedureVersionId: procedure.versionId,
    ageBand: input.ageBand,
    sex: input.sex,
    note: input.note,
    jornadaId,
  };
}
