import { and, inArray, sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.ts';
import { enrolments, persons, residentEvents, residents } from '../db/schema/people.ts';
import { personValues } from '../people/persons.ts';
import { auditUpdates, type CommitJob, inChunks } from './commit-job.ts';
import { LIVE_STATUSES, type ResidentRow } from './residents-import.ts';
import { staleImport } from './rows.ts';

/** Step 2 for residents: creates and updates in the job's transaction, a chunk at a time. */
export async function commitResidentRows(job: CommitJob, items: ResidentRow[]) {
  await inChunks(job, items, async (chunk) => {
    const updates = chunk.filter((i) => i.residentId !== null);
    await createResidents(job, chunk.filter((i) => i.residentId === null));
    await updateGrades(job, updates);
  });
}

async function createResidents({ tx }: CommitJob, creates: ResidentRow[]) {
  if (!creates.length) return;
  // A residency opened by hand since the validation would make a second live one: refuse, as the validation would have.
  const known = creates.flatMap((i) => (i.personId === null ? [] : [i.personId]));
  if (known.length) {
    const [live] = await tx.select({ id: residents.id }).from(residents).where(and(inArray(residents.personId, known), inArray(residents.status, LIVE_STATUSES))).limit(1);
    if (live) throw staleImport();
  }
  const newPeople = creates.filter((i) => i.personId === null);
  const newIds = await bulkInsert(tx, persons, newPeople.map((i) => personValues(i.person)), { returnIds: true });
  newPeople.forEach((item, k) => (item.personId = newIds[k] as number));
  const residentIds = await bulkInsert(
    tx,
    residents,
    creates.map((i) => ({ personId: i.personId, sedeId: i.sedeId, status: 'activo', grade: i.grade, cycleId: i.cycleId, entryCycleId: i.cycleId, examFolio: i.examFolio, examScore: i.examScore == null ? null : String(i.examScore) })),
    { returnIds: true },
  );
  creates.forEach((item, k) => (item.residentId = residentIds[k] as number));
  await bulkInsert(tx, enrolments, creates.map((i) => ({ residentId: i.residentId, personId: i.personId, cycleId: i.cycleId, sedeId: i.sedeId, grade: i.grade })));
  await bulkInsert(tx, residentEvents, creates.flatMap((i) => [
    { residentId: i.residentId, kind: 'alta', occurredOn: i.cycleStartsOn, toStatus: 'alta', cycleId: i.cycleId, details: { imported: true } },
    { residentId: i.residentId, kind: 'inicio', occurredOn: i.cycleStartsOn, fromStatus: 'alta', toStatus: 'activo', cycleId: i.cycleId },
  ]));
}

/** Grade changes of residents already enrolled in the cycle: two statements per chunk, plus their audit rows. */
async function updateGrades(job: CommitJob, updates: ResidentRow[]) {
  if (!updates.length) return;
  const values = JSON.stringify(updates.map((u) => ({ resident_id: u.residentId, cycle_id: u.cycleId, grade: u.grade })));
  const source = sql`json_to_recordset(${values}::json) as v(resident_id integer, cycle_id integer, grade integer)`;
  await job.tx.execute(sql`update ${enrolments} set grade = v.grade from ${source} where ${enrolments.residentId} = v.resident_id and ${enrolments.cycleId} = v.cycle_id`);
  await job.tx.execute(
    sql`update ${residents} set grade = v.grade, version = ${residents.version} + 1, updated_at = now() from ${source} where ${residents.id} = v.resident_id and ${residents.cycleId} = v.cycle_id`,
  );
  await auditUpdates(job, 'resident', updates.map((u) => ({ entityId: u.residentId as number, before: { cycleId: u.cycleId, grade: u.previousGrade }, after: { cycleId: u.cycleId, grade: u.grade } })));
}
