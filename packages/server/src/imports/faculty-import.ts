import { FACULTY_IMPORT_COLUMNS, FACULTY_ROLES, formatDate, mexicoToday, parseImportDate, type Scope, scopeCovers } from '@sirem/core';
import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { facultyAppointments, persons } from '../db/schema/people.ts';
import { importLookups } from './lookups.ts';
import { matchPeople } from './person-checks.ts';
import { type Checked, type ImportItem, labelOf, personFromRow, personKey, type RawRow, type RowIssue } from './rows.ts';

const C = FACULTY_IMPORT_COLUMNS;
export type FacultyRow = ImportItem & {
  personId: number | null;
  sedeId: number;
  role: string;
  startsOn: string;
  endsOn: string | null;
  appointmentId: number | null;
  /** The end date stored before this import, for the audit row of an update. */
  previousEndsOn: string | null;
};
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
      const key = `${personKey(person)}|${sede.sedeId}|${role}`;
      const before = seen.get(key);
      if (before) issues.push({ column: 'CURP', message: `Nombramiento duplicado en el archivo (también en la fila ${before}).` });
      else seen.set(key, row.line);
    }
    const value = person && sede && role && startsOn && !issues.length ? { line: row.line, person, changes: [], personId: null, sedeId: sede.sedeId, role, startsOn, endsOn, appointmentId: null, previousEndsOn: null } : undefined;
    return { line: row.line, cells: row.cells, value, issues } as Checked<FacultyRow>;
  });
  await compareWithDatabase(db, checked);
  return checked;
}

const shown = (date: string | null) => (date ? formatDate(date) : 'sin término');

async function compareWithDatabase(db: Db, checked: Checked<FacultyRow>[]) {
  const matched = await matchPeople(db, checked, C);
  const ids = [...new Set([...matched.values()].flatMap((p) => (p ? [p.id] : [])))];
  const existing = ids.length ? await db.select().from(facultyAppointments).where(inArray(facultyAppointments.personId, ids)) : [];
  for (const [c, stored] of matched) {
    const v = c.value as FacultyRow;
    v.personId = stored?.id ?? null;
    const same = v.personId === null ? undefined : existing.find((a) => a.personId === v.personId && a.sedeId === v.sedeId && a.role === v.role && a.startsOn === v.startsOn);
    v.appointmentId = same?.id ?? null;
    v.previousEndsOn = same?.endsOn ?? null;
    c.action = same ? (same.endsOn === v.endsOn ? 'unchanged' : 'update') : 'create';
    if (same && c.action === 'update') v.changes = [{ column: labelOf(C, 'endsOn'), from: shown(same.endsOn), to: shown(v.endsOn) }];
  }
  await refuseSecondTitular(db, [...matched.keys()].filter((c) => c.value));
}

/**
 * A sede has one current profesor titular, as a manual appointment requires: a new titular is
 * refused while another is current, in the database (unless this file ends that appointment)
 * or earlier in the file.
 */
async function refuseSecondTitular(db: Db, rows: Checked<FacultyRow>[]) {
  const today = mexicoToday();
  const isCurrent = (endsOn: string | null) => endsOn === null || endsOn >= today;
  const titular = rows.filter((c) => c.value?.role === 'titular');
  const sedeIds = [...new Set(titular.map((c) => (c.value as FacultyRow).sedeId))];
  if (!sedeIds.length) return;
  const current = await db
    .select({ id: facultyAppointments.id, sedeId: facultyAppointments.sedeId, givenNames: persons.givenNames, firstSurname: persons.firstSurname })
    .from(facultyAppointments)
    .innerJoin(persons, eq(persons.id, facultyAppointments.personId))
    .where(and(inArray(facultyAppointments.sedeId, sedeIds), eq(facultyAppointments.role, 'titular'), or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, today))));
  const endedHere = new Set(titular.flatMap((c) => (c.value?.appointmentId && !isCurrent(c.value.endsOn) ? [c.value.appointmentId] : [])));
  const fileTitular = new Map<number, number>();
  for (const c of titular) {
    const v = c.value as FacultyRow;
    if (c.action !== 'create') {
      if (isCurrent(v.endsOn)) fileTitular.set(v.sedeId, c.line);
      continue;
    }
    const stored = current.find((a) => a.sedeId === v.sedeId && !endedHere.has(a.id));
    const earlier = fileTitular.get(v.sedeId);
    const message = stored
      ? `La sede ya tiene profesor titular vigente (${stored.givenNames} ${stored.firstSurname}); registre la fecha de término del nombramiento anterior.`
      : earlier
        ? `La sede ya tiene profesor titular vigente en la fila ${earlier}; registre la fecha de término del nombramiento anterior.`
        : null;
    if (message) {
      c.issues.push({ column: labelOf(C, 'role'), message });
      c.value = undefined;
      c.action = undefined;
    } else if (isCurrent(v.endsOn)) fileTitular.set(v.sedeId, c.line);
  }
}
