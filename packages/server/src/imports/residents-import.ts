import { parseGrade, RESIDENT_IMPORT_COLUMNS, type Scope, scopeCovers } from '@sirem/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { academicCycles, courses, sedes, specialties, units } from '../db/schema/catalog.ts';
import { enrolments, residents } from '../db/schema/people.ts';
import { importLookups } from './lookups.ts';
import { matchPeople } from './person-checks.ts';
import { type Checked, type ImportItem, labelOf, personFromRow, personKey, type RawRow, type RowIssue } from './rows.ts';

const C = RESIDENT_IMPORT_COLUMNS;
/** The states in which a residency is still under way (as manual enrolment counts them). */
export const LIVE_STATUSES = ['alta', 'activo', 'licencia'];
export type ResidentRow = ImportItem & {
  personId: number | null;
  sedeId: number;
  cycleId: number;
  cycleStartsOn: string;
  grade: number;
  examFolio: string | null;
  examScore: number | null;
  residentId: number | null;
  /** The grade stored before this import, for the audit row of an update. */
  previousGrade: number | null;
};

/** Step 1 for residents: every row checked against the rules, the catalogue, the rest of the file and the database. */
export async function checkResidentRows(db: Db, scope: Scope, rows: RawRow[]): Promise<Checked<ResidentRow>[]> {
  const look = await importLookups(db);
  const firstSeen = new Map<string, number>();
  const checked = rows.map((row) => {
    const issues: RowIssue[] = [];
    const person = personFromRow(row, C, issues);
    const clues = row.get('clues');
    const specialty = row.get('specialty');
    const sede = clues && specialty ? look.sede(clues, specialty) : undefined;
    if (clues && specialty && !sede) issues.push({ column: labelOf(C, 'clues'), message: `No hay sede vigente de "${specialty}" en la unidad ${clues}.` });
    else if (!clues || !specialty) issues.push({ column: labelOf(C, clues ? 'specialty' : 'clues'), message: `${clues ? 'La especialidad' : 'La CLUES'} es obligatoria.` });
    else if (sede && !scopeCovers(scope, { ooadId: sede.ooadId, unitId: sede.unitId, sedeIds: [sede.sedeId] }))
      issues.push({ column: labelOf(C, 'clues'), message: `La sede de la unidad ${clues} está fuera de su ámbito.` });
    const cycle = look.cycle(row.get('cycle'));
    if (!cycle) issues.push({ column: labelOf(C, 'cycle'), message: row.get('cycle') ? `El ciclo "${row.get('cycle')}" no existe (use aaaa-aaaa, p. ej. 2026-2027).` : 'El ciclo es obligatorio.' });
    const grade = parseGrade(row.get('grade'));
    if (grade === null) issues.push({ column: labelOf(C, 'grade'), message: row.get('grade') ? `Grado "${row.get('grade')}" inválido; use R1 a R6.` : 'El grado es obligatorio.' });
    else if (sede && grade > sede.durationYears) issues.push({ column: labelOf(C, 'grade'), message: `R${grade} excede la duración de ${sede.specialtyName} (${sede.durationYears} años).` });
    const scoreRaw = row.get('examScore').replace(',', '.');
    const examScore = scoreRaw ? Number(scoreRaw) : null;
    if (examScore !== null && (!Number.isFinite(examScore) || examScore < 0 || examScore > 100)) issues.push({ column: labelOf(C, 'examScore'), message: `Puntaje "${row.get('examScore')}" inválido; va de 0 a 100.` });
    if (person) {
      const key = personKey(person);
      const before = firstSeen.get(key);
      if (before) issues.push({ column: person.keyType === 'curp' ? 'CURP' : labelOf(C, 'tempKey'), message: `Persona duplicada en el archivo (también en la fila ${before}).` });
      else firstSeen.set(key, row.line);
    }
    const value = person && sede && cycle && grade !== null && !issues.length
      ? { line: row.line, person, changes: [], personId: null, sedeId: sede.sedeId, cycleId: cycle.id, cycleStartsOn: cycle.startsOn, grade, examFolio: row.get('examFolio') || null, examScore, residentId: null, previousGrade: null }
      : undefined;
    return { line: row.line, cells: row.cells, value, issues } as Checked<ResidentRow>;
  });
  await compareWithDatabase(db, checked);
  return checked;
}

/** Decides create / update / unchanged per row, or reports the conflict with what is stored. */
async function compareWithDatabase(db: Db, checked: Checked<ResidentRow>[]) {
  const matched = await matchPeople(db, checked, C);
  const known = [...matched].flatMap(([c, stored]) => (stored ? [{ c, stored }] : []));
  for (const [c, stored] of matched) if (!stored) c.action = 'create';
  for (let i = 0; i < known.length; i += 2000) {
    const chunk = known.slice(i, i + 2000);
    const ids = chunk.map((k) => k.stored.id);
    const enrolled = await db
      .select({ personId: enrolments.personId, cycleId: enrolments.cycleId, sedeId: enrolments.sedeId, grade: enrolments.grade, residentId: enrolments.residentId })
      .from(enrolments)
      .where(inArray(enrolments.personId, ids));
    const live = await liveResidencies(db, ids);
    for (const { c, stored } of chunk) {
      const v = c.value as ResidentRow;
      v.personId = stored.id;
      const same = enrolled.find((e) => e.personId === stored.id && e.cycleId === v.cycleId);
      if (!same) {
        const current = live.find((r) => r.personId === stored.id);
        if (current) {
          c.issues.push({ column: v.person.keyType === 'curp' ? 'CURP' : labelOf(C, 'tempKey'), message: `La persona ya cursa una residencia vigente: ${current.specialtyName} en ${current.unitName}, ciclo ${current.cycleCode} (${current.status}). Si continúa, promuévala desde Promoción; si no, registre antes su baja o egreso.` });
          c.value = undefined;
        } else c.action = 'create';
        continue;
      }
      if (same.sedeId !== v.sedeId) {
        c.issues.push({ column: labelOf(C, 'clues'), message: 'La persona ya está inscrita en otra sede en ese ciclo.' });
        c.value = undefined;
        continue;
      }
      v.residentId = same.residentId;
      v.previousGrade = same.grade;
      if (same.grade === v.grade) c.action = 'unchanged';
      else {
        c.action = 'update';
        v.changes = [{ column: labelOf(C, 'grade'), from: `R${same.grade}`, to: `R${v.grade}` }];
      }
    }
  }
}

/** Residencies still under way of these people, with where they are, for the message. */
export function liveResidencies(db: Db, personIds: number[]) {
  return db
    .select({ personId: residents.personId, status: residents.status, cycleCode: academicCycles.code, unitName: units.name, specialtyName: specialties.name })
    .from(residents)
    .innerJoin(academicCycles, eq(academicCycles.id, residents.cycleId))
    .innerJoin(sedes, eq(sedes.id, residents.sedeId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .where(and(inArray(residents.personId, personIds), inArray(residents.status, LIVE_STATUSES)));
}
