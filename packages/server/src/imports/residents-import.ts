import { type PersonInput, parseGrade, RESIDENT_IMPORT_COLUMNS, type Scope, scopeCovers } from '@sirem/core';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.ts';
import type { Db } from '../db/client.ts';
import { enrolments, persons, residentEvents, residents } from '../db/schema/people.ts';
import { personValues } from '../people/persons.ts';
import { importLookups } from './lookups.ts';
import { type Checked, labelOf, personFromRow, type RawRow, type RowIssue } from './rows.ts';

const C = RESIDENT_IMPORT_COLUMNS;
export type ResidentRow = {
  person: PersonInput;
  personId: number | null;
  sedeId: number;
  cycleId: number;
  cycleStartsOn: string;
  grade: number;
  examFolio: string | null;
  examScore: number | null;
  residentId: number | null;
};

const keyOf = (p: PersonInput) => (p.keyType === 'curp' ? `C:${p.curp}` : `T:${p.tempKey}`);

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
      const key = keyOf(person);
      const before = firstSeen.get(key);
      if (before) issues.push({ column: person.keyType === 'curp' ? 'CURP' : labelOf(C, 'tempKey'), message: `Persona duplicada en el archivo (también en la fila ${before}).` });
      else firstSeen.set(key, row.line);
    }
    const value = person && sede && cycle && grade !== null && !issues.length
      ? { person, personId: null, sedeId: sede.sedeId, cycleId: cycle.id, cycleStartsOn: cycle.startsOn, grade, examFolio: row.get('examFolio') || null, examScore, residentId: null }
      : undefined;
    return { line: row.line, cells: row.cells, value, issues } as Checked<ResidentRow>;
  });
  await compareWithDatabase(db, checked);
  return checked;
}

/** Decides create / update / unchanged per row, or reports the conflict with what is stored. */
async function compareWithDatabase(db: Db, checked: Checked<ResidentRow>[]) {
  const valid = checked.filter((c) => c.value);
  for (let i = 0; i < valid.length; i += 2000) {
    const chunk = valid.slice(i, i + 2000);
    const curps = chunk.flatMap((c) => (c.value?.person.curp ? [c.value.person.curp] : []));
    const temps = chunk.flatMap((c) => (c.value?.person.tempKey ? [c.value.person.tempKey] : []));
    const found = await db
      .select({ id: persons.id, curp: persons.curp, tempKey: persons.tempKey, givenNames: persons.givenNames, firstSurname: persons.firstSurname })
      .from(persons)
      .where(or(curps.length ? inArray(persons.curp, curps) : sql`false`, temps.length ? inArray(persons.tempKey, temps) : sql`false`));
    const byKey = new Map(found.map((p) => [p.curp ? `C:${p.curp}` : `T:${p.tempKey}`, p]));
    const ids = found.map((p) => p.id);
    const enrolled = ids.length
      ? await db.select({ personId: enrolments.personId, cycleId: enrolments.cycleId, sedeId: enrolments.sedeId, grade: enrolments.grade, residentId: enrolments.residentId }).from(enrolments).where(inArray(enrolments.personId, ids))
      : [];
    for (const c of chunk) {
      const v = c.value as ResidentRow;
      const stored = byKey.get(keyOf(v.person));
      if (!stored) {
        c.action = 'create';
        continue;
      }
      if (stored.firstSurname.toUpperCase() !== v.person.firstSurname.toUpperCase() || stored.givenNames.toUpperCase() !== v.person.givenNames.toUpperCase()) {
        c.issues.push({ column: 'CURP', message: `La clave ya está registrada a nombre de ${stored.givenNames} ${stored.firstSurname}.` });
        c.value = undefined;
        continue;
      }
      v.personId = stored.id;
      const same = enrolled.find((e) => e.personId === stored.id && e.cycleId === v.cycleId);
      if (!same) {
        c.action = 'create';
        continue;
      }
      if (same.sedeId !== v.sedeId) {
        c.issues.push({ column: labelOf(C, 'clues'), message: 'La persona ya está inscrita en otra sede en ese ciclo.' });
        c.value = undefined;
        continue;
      }
      v.residentId = same.residentId;
      c.action = same.grade === v.grade ? 'unchanged' : 'update';
    }
  }
}

/** Step 2 for residents: creates and updates in the caller's transaction. */
export async function commitResidentRows(tx: Db, items: ResidentRow[], progress: (n: number) => void) {
  const creates = items.filter((i) => i.residentId === null);
  const newPeople = creates.filter((i) => i.personId === null);
  const newIds = await bulkInsert(tx, persons, newPeople.map((i) => personValues(i.person)), { returnIds: true });
  newPeople.forEach((item, k) => (item.personId = newIds[k] as number));
  progress(newPeople.length);
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
  progress(creates.length - newPeople.length);
  for (const u of items.filter((i) => i.residentId !== null && !creates.includes(i))) {
    await tx.update(enrolments).set({ grade: u.grade }).where(and(eq(enrolments.residentId, u.residentId as number), eq(enrolments.cycleId, u.cycleId)));
    await tx.update(residents).set({ grade: u.grade, version: sql`${residents.version} + 1`, updatedAt: new Date() }).where(and(eq(residents.id, u.residentId as number), eq(residents.cycleId, u.cycleId)));
    progress(1);
  }
}
