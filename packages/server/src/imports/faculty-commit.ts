import { sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.ts';
import { facultyAppointments, persons } from '../db/schema/people.ts';
import { personValues } from '../people/persons.ts';
import { auditUpdates, type CommitJob, inChunks } from './commit-job.ts';
import type { FacultyRow } from './faculty-import.ts';
import { personKey } from './rows.ts';

/** Step 2 for faculty: new people and appointments, and end dates of appointments already stored, a chunk at a time. */
export async function commitFacultyRows(job: CommitJob, all: FacultyRow[]) {
  // One person may hold several appointments in the file: registered once, across chunks.
  const created = new Map<string, number>();
  await inChunks(job, all, async (chunk) => {
    const creates = chunk.filter((i) => i.appointmentId === null);
    const updates = chunk.filter((i) => i.appointmentId !== null);
    const fresh = creates.filter((i) => i.personId === null && !created.has(personKey(i.person)));
    const unique = [...new Map(fresh.map((i) => [personKey(i.person), i])).values()];
    const ids = await bulkInsert(job.tx, persons, unique.map((i) => personValues(i.person)), { returnIds: true });
    unique.forEach((i, k) => created.set(personKey(i.person), ids[k] as number));
    for (const i of creates) i.personId ??= created.get(personKey(i.person)) as number;
    await bulkInsert(job.tx, facultyAppointments, creates.map((i) => ({ personId: i.personId, sedeId: i.sedeId, role: i.role, startsOn: i.startsOn, endsOn: i.endsOn })));
    await updateEndDates(job, updates);
  });
}

async function updateEndDates(job: CommitJob, updates: FacultyRow[]) {
  if (!updates.length) return;
  const values = JSON.stringify(updates.map((u) => ({ id: u.appointmentId, ends_on: u.endsOn })));
  await job.tx.execute(
    sql`update ${facultyAppointments} set ends_on = v.ends_on, version = ${facultyAppointments.version} + 1, updated_at = now() from json_to_recordset(${values}::json) as v(id integer, ends_on date) where ${facultyAppointments.id} = v.id`,
  );
  await auditUpdates(job, 'faculty_appointment', updates.map((u) => ({ entityId: u.appointmentId as number, before: { endsOn: u.previousEndsOn }, after: { endsOn: u.endsOn } })));
}
