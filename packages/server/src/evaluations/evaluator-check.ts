import type { EVALUATOR_KINDS } from '@sirem/core';
import { and, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { unitEvaluators } from '../db/schema/evaluations.ts';
import { facultyAppointments, persons, residents } from '../db/schema/people.ts';
import { badRequest } from '../http/errors.ts';

type Kind = (typeof EVALUATOR_KINDS)[number];
type Resident = { id: number; sedeId: number; userId: number | null };

const REFUSAL: Record<Exclude<Kind, 'autoevaluacion'>, string> = {
  profesor: 'La persona elegida no es profesor vigente de la sede del residente; asigne a un profesor con nombramiento en esa sede.',
  par: 'La persona elegida no es residente activo de la misma sede; como par solo evalúa un compañero de la sede.',
  enfermeria: 'La persona elegida no está registrada como personal de enfermería evaluador de la unidad del residente; regístrela primero en la unidad.',
};

/**
 * The 360 evaluation only means something from people who see the resident work: a teacher of the
 * resident's sede, a peer of the same sede or nursing staff registered at the sede's unit.
 */
export async function assertEvaluatorBelongs(db: Db, kind: Kind, evaluatorUserId: number, resident: Resident, unitId: number) {
  if (kind === 'autoevaluacion') return;
  const found =
    kind === 'profesor'
      ? await db.select({ id: facultyAppointments.id }).from(facultyAppointments).innerJoin(persons, eq(persons.id, facultyAppointments.personId))
          .where(and(eq(persons.userId, evaluatorUserId), eq(facultyAppointments.sedeId, resident.sedeId), or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, sql`current_date`)))).limit(1)
      : kind === 'par'
        ? await db.select({ id: residents.id }).from(residents).innerJoin(persons, eq(persons.id, residents.personId))
            .where(and(eq(persons.userId, evaluatorUserId), eq(residents.sedeId, resident.sedeId), ne(residents.id, resident.id), inArray(residents.status, ['alta', 'activo']))).limit(1)
        : await db.select({ id: unitEvaluators.id }).from(unitEvaluators).where(and(eq(unitEvaluators.userId, evaluatorUserId), eq(unitEvaluators.unitId, unitId), eq(unitEvaluators.active, true))).limit(1);
  if (!found.length) throw badRequest(REFUSAL[kind], [{ field: 'evaluatorUserId', message: REFUSAL[kind] }]);
}
