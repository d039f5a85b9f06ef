import { FACULTY_IMPORT_COLUMNS, FACULTY_ROLES, type PersonInput, parseImportDate, type Scope, scopeCovers } from '@sirem/core';
import { eq, inArray, or, sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.ts';
import type { Db } from '../db/client.ts';
import { facultyAppointments, persons } from '../db/schema/people.ts';
import { personValues } from '../people/persons.ts';
import { importLookups } from './lookups.ts';
import { type Checked, labelOf, personFromRow, type RawRow, type RowIssue } from './rows.ts';

const C = FACULTY_IMPORT_COLUMNS;
export type FacultyRow = { person: PersonInput; personId: number | null; sedeId: number; role: string; startsOn: string; endsOn: string | null; appointmentId: number | null };
const keyOf = (p: PersonInput) => (p.keyType === 'curp' ? `C:${p.curp}` : `T:${p.tempKey}`);
const ROLE_WORDS: Record<string, string> = { titular: 'titular', 'profesor titular': 'titular', adjunto: 'adjunto', 'profesor adjunto': 'adjunto', tutor: 'tutor' };

export async function checkFacultyRows(db: Db, scope: Scope, rows: RawRow[]): Promise<Checked<FacultyRow>[]> {
  const look = await importLookups(db);
  const seen = new Map<string, number>();
  const checked = rows.map((row) => {
    const issues: RowIssue[] = [];
    const person = personFromRow(row, C, issues);
    const sede = look.sede(row.get('clues'), row.get('specialty'));
    if (!sede) issues.push({ column: labelOf(C, 'clues'), message: `No hay sede vigente de "${row.get('specialty')}" en la unidad ${row.get('clues')}.` });
    else if (!scopeCovers(scope, { ooadId: sede.ooadId, unitId: sede.unitId, sedeIds: [sede.sedeId] })) issues.push({ column: labelOf(C, 'clues'), message: 'La sede está fuera de su ámbito.' });
    const role = ROLE_WORDS[row.get('role').toLowerCase()];
    if (!role) issues.push({ column: labelOf(C, 'role'), message: `Nombramiento "${row.get('role')}" no reconocido; use ${FACULTY_ROLES.join(', ')}.` });
    const startsOn = parseImportDate(row.get('startsOn'));
    if (!startsOn) issues.push({ column: labelOf(C, 'startsOn'), message: 'La fecha de inicio es obligatoria (dd/mm/aaaa).' });
    const endsOn = row.get('endsOn') ? parseImportDate(row.get('endsOn')) : null;
    if (row.get('endsOn') && !endsOn) issues.push({ column: labelOf(C, 'endsOn'), message: 'Fecha de término inválida (dd/mm/aaaa).' });
    if (person && sede && role) {
      const key = `${keyOf(person)}|${sede.sedeId}|${role}`;
      const before = seen.get(key);
      if (before) issues.push({ column: 'CURP', message: `Nombramiento duplicado en el archivo (también en la fila ${before}).` });
      else seen.set(key, row.line);
    }
    const value = person && sede && role && startsOn && !issues.length ? { person, personId: null, sedeId: sede.sedeId, role, startsOn, endsOn, appointmentId: null } : undefined;
    return { line: row.line, cells: row.cells, value, issues } as Checked<FacultyRow>;
  });
  const valid = checked.filter((c) => c.value);
  const curps = valid.flatMap((c) => (c.value?.person.curp ? [c.value.person.curp] : []));
  const temps = valid.flatMap((c) => (c.value?.person.tempKey ? [c.value.person.tempKey] : []));
  const found = curps.length || temps.length
    ? await db.select({ id: persons.id, curp: persons.curp, tempKey: persons.tempKey }).from(persons).where(or(curps.length ? inArray(persons.curp, curps) : sql`false`, temps.length ? inArray(persons.tempKey, temps) : sql`false`))
    : [];
  const byKey = new Map(found.map((p) => [p.curp ? `C:${p.curp}` : `T:${p.tempKey}`, p.id]));
  const ids = [...byKey.values()];
  const existing = ids.length ? await db.select().from(facultyAppointments).where(inArray(facultyAppointments.personId, ids)) : [];
  for (const c of valid) {
    const v = c.value as FacultyRow;
    v.personId = byKey.get(keyOf(v.person)) ?? null;
    const same = existing.find((a) => a.personId === v.personId && a.sedeId === v.sedeId && a.role === v.role && a.startsOn === v.startsOn);
    v.appointmentId = same?.id ?? null;
    c.action = same ? (same.endsOn === v.endsOn ? 'unchanged' : 'update') : 'create';
  }
  return checked;
}

export async function commitFacultyRows(tx: Db, all: FacultyRow[], progress: (n: number) => void) {
  for (const u of all.filter((i) => i.appointmentId !== null))
    await tx.update(facultyAppointments).set({ endsOn: u.endsOn, version: sql`${facultyAppointments.version} + 1`, updatedAt: new Date() }).where(eq(facultyAppointments.id, u.appointmentId as number));
  const items = all.filter((i) => i.appointmentId === null);
  const fresh = items.filter((i) => i.personId === null);
  const seen = new Map<string, number>();
  const toCreate = fresh.filter((i) => {
    const k = keyOf(i.person);
    if (seen.has(k)) return false;
    seen.set(k, 0);
    return true;
  });
  const ids = await bulkInsert(tx, persons, toCreate.map((i) => personValues(i.person)), { returnIds: true });
  toCreate.forEach((i, k) => seen.set(keyOf(i.person), ids[k] as number));
  for (const i of fresh) i.personId = seen.get(keyOf(i.person)) as number;
  await bulkInsert(tx, facultyAppointments, items.map((i) => ({ personId: i.personId, sedeId: i.sedeId, role: i.role, startsOn: i.startsOn, endsOn: i.endsOn })));
  progress(items.length);
}
