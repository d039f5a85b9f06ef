import { type ActivityInput, futureDateProblem, mexicoToday } from '@sirem/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { coalesce } from '../db/coalesce.ts';
import { staticQuery } from '../db/static-query.ts';
import { badRequest } from '../http/errors.ts';
import { jornadaOfUnitSql } from '../jornadas/linking.ts';
import { type CodeFact, canonical, codeFactSql, resolveCode } from './codes-lookup.ts';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export type EntryResident = { id: number; sedeId: number; status: string; userId: number | null; personId: number; place: { sedeId: number; unitId: number; ooadId: number } };
type EntryUnit = { id: number; ooadId: number; isUmae: boolean; jornadaId: number | null };

type FactsRow = { resident: unknown; unit: unknown; supervisor_ok: boolean | null; dx: unknown; px: unknown };
type FactsKey = { resident: number; unit: number; day: string; sede: number | null; supervisor: number | null; dx: string | null; px: string | null };

const item = (name: keyof FactsKey) => sql.raw(`i.${name}`);
const day = item('day');
const sede = sql`coalesce(${item('sede')}, (select sede_id from residents where id = ${item('resident')}))`;

/**
 * Everything an entry points to, read in one round trip because it runs on every act a resident
 * logs: the resident and where they train, the unit where the act happened and the Jornada
 * running there that day, whether the supervisor is a professor of the sede (`sede`, or the
 * resident's) on that date, and the codes in the catalogue in force. Entries being logged at the
 * same moment share the statement (one row of facts per entry, in order; see `coalesce`).
 */
const factsQuery = staticQuery<FactsRow>(sql`select
  (select json_build_object('id', r.id, 'sedeId', r.sede_id, 'status', r.status, 'userId', p.user_id, 'personId', p.id,
                            'place', json_build_object('sedeId', s.id, 'unitId', s.unit_id, 'ooadId', su.ooad_id))
     from residents r join persons p on p.id = r.person_id join sedes s on s.id = r.sede_id join units su on su.id = s.unit_id
    where r.id = ${item('resident')}) as resident,
  (select json_build_object('id', u.id, 'ooadId', u.ooad_id, 'isUmae', u.unit_type_code = 'UMAE',
                            'jornadaId', ${jornadaOfUnitSql(sql`u.id`, sql`u.ooad_id`, sql`u.unit_type_code = 'UMAE'`, day)})
     from units u where u.id = ${item('unit')}) as unit,
  case when ${item('supervisor')} is null then null else
    exists(select 1 from faculty_appointments fa where fa.person_id = ${item('supervisor')} and fa.sede_id = ${sede}
             and fa.role in ('titular', 'adjunto') and fa.starts_on <= ${day} and (fa.ends_on is null or fa.ends_on >= ${day})) end as supervisor_ok,
  ${codeFactSql('cie10', item('dx'))} as dx,
  ${codeFactSql('cie9mc', item('px'))} as px
  from rows from (json_to_recordset(${sql.placeholder('items')}::json) as (resident int, unit int, day date, sede int, supervisor int, dx text, px text)) with ordinality as i(resident, unit, day, sede, supervisor, dx, px, n)
  order by i.n`);

const facts = coalesce<FactsKey, FactsRow>((db, items) => factsQuery(db, { items: JSON.stringify(items) }));

async function entryFacts(db: Db, input: ActivityInput, sedeId: number | null) {
  const diagnosis = canonical('cie10', input.diagnosisCode);
  const procedure = canonical('cie9mc', input.procedureCode);
  const row = await facts(db, { resident: input.residentId, unit: input.unitId, day: input.performedOn, sede: sedeId, supervisor: input.supervisorPersonId ?? null, dx: diagnosis, px: procedure });
  return {
    resident: json<EntryResident | null>(row.resident),
    unit: json<EntryUnit | null>(row.unit),
    supervisorOk: row.supervisor_ok !== false,
    diagnosis: { code: diagnosis, fact: json<CodeFact>(row.dx) },
    procedure: { code: procedure, fact: json<CodeFact>(row.px) },
  };
}

export function missingResident(): never {
  throw badRequest('El residente no existe.', [{ field: 'residentId', message: 'Residente inexistente.' }]);
}

/**
 * Checks an entry against the data it points to and returns the columns to store: the date is not
 * in the future, the unit exists, the supervisor is a professor of the resident's sede on that
 * date, the codes exist in the catalogue in force (stored in canonical form), and the Jornada
 * running there that day. `authorise` sees the resident before anything else is judged, so a
 * caller out of scope learns nothing about the rest of the entry.
 */
export async function entryValues(db: Db, input: ActivityInput, opts: { sedeId?: number; authorise: (r: EntryResident) => void }, today = mexicoToday()) {
  const facts = await entryFacts(db, input, opts.sedeId ?? null);
  if (!facts.resident) missingResident();
  opts.authorise(facts.resident);
  const future = futureDateProblem(input.performedOn, today);
  if (future) throw badRequest(future, [{ field: 'performedOn', message: 'Fecha futura.' }]);
  const { unit } = facts;
  if (!unit) throw badRequest('La unidad donde se realizó la actividad no existe.', [{ field: 'unitId', message: 'Unidad inexistente.' }]);
  if (!facts.supervisorOk)
    throw badRequest('El supervisor elegido no es profesor (titular o adjunto) de la sede del residente en esa fecha; elija a un profesor de la sede.', [
      { field: 'supervisorPersonId', message: 'No es profesor de la sede.' },
    ]);
  const diagnosis = resolveCode('cie10', facts.diagnosis.code, facts.diagnosis.fact, 'diagnosisCode');
  const procedure = resolveCode('cie9mc', facts.procedure.code, facts.procedure.fact, 'procedureCode');
  return {
    residentId: input.residentId,
    sedeId: opts.sedeId ?? facts.resident.sedeId,
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
    jornadaId: unit.jornadaId,
  };
}
