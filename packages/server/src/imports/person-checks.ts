import type { ImportColumn } from '@sirem/core';
import { inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { persons } from '../db/schema/people.ts';
import { type Checked, type ImportItem, labelOf, personKey } from './rows.ts';

export type StoredPerson = { id: number; curp: string | null; tempKey: string | null; givenNames: string; firstSurname: string; matricula: string | null };

const fail = <T>(c: Checked<T>, column: string, message: string) => {
  c.issues.push({ column, message });
  c.value = undefined;
};

/**
 * Matches each valid row's person with the one already registered under the same key. A key
 * stored under another name, or a matrícula repeated in the file or held by someone else, is
 * that row's error here, so the commit never meets the unique indexes. Rows that fail lose their
 * value; the rest are returned with the stored person (when there is one).
 */
export async function matchPeople<T extends ImportItem>(db: Db, checked: Checked<T>[], columns: ImportColumn[]): Promise<Map<Checked<T>, StoredPerson | undefined>> {
  const matriculaColumn = labelOf(columns, 'matricula');
  const firstWithMatricula = new Map<string, { key: string; line: number }>();
  for (const c of checked) {
    const m = c.value?.person.matricula;
    if (!c.value || !m) continue;
    const first = firstWithMatricula.get(m);
    if (!first) firstWithMatricula.set(m, { key: personKey(c.value.person), line: c.line });
    else if (first.key !== personKey(c.value.person)) fail(c, matriculaColumn, `La matrícula ${m} se repite en la fila ${first.line} con otra persona; cada persona tiene su propia matrícula.`);
  }
  const matched = new Map<Checked<T>, StoredPerson | undefined>();
  const valid = checked.filter((c) => c.value);
  for (let i = 0; i < valid.length; i += 2000) {
    const chunk = valid.slice(i, i + 2000);
    const people = chunk.map((c) => (c.value as T).person);
    const curps = people.flatMap((p) => (p.curp ? [p.curp] : []));
    const temps = people.flatMap((p) => (p.tempKey ? [p.tempKey] : []));
    const matriculas = people.flatMap((p) => (p.matricula ? [p.matricula] : []));
    const found = await db
      .select({ id: persons.id, curp: persons.curp, tempKey: persons.tempKey, givenNames: persons.givenNames, firstSurname: persons.firstSurname, matricula: persons.matricula })
      .from(persons)
      .where(or(curps.length ? inArray(persons.curp, curps) : sql`false`, temps.length ? inArray(persons.tempKey, temps) : sql`false`, matriculas.length ? inArray(persons.matricula, matriculas) : sql`false`));
    const byKey = new Map<string, StoredPerson>();
    const byMatricula = new Map<string, StoredPerson>();
    for (const p of found) {
      if (p.curp) byKey.set(`C:${p.curp}`, p);
      if (p.tempKey) byKey.set(`T:${p.tempKey}`, p);
      if (p.matricula) byMatricula.set(p.matricula, p);
    }
    for (const c of chunk) {
      const person = (c.value as T).person;
      const stored = byKey.get(personKey(person));
      if (stored && (stored.firstSurname.toUpperCase() !== person.firstSurname.toUpperCase() || stored.givenNames.toUpperCase() !== person.givenNames.toUpperCase())) {
        fail(c, person.keyType === 'curp' ? 'CURP' : labelOf(columns, 'tempKey'), `La clave ya está registrada a nombre de ${stored.givenNames} ${stored.firstSurname}; revise la clave o el nombre.`);
        continue;
      }
      const holder = person.matricula ? byMatricula.get(person.matricula) : undefined;
      if (holder && holder.id !== stored?.id) {
        fail(c, matriculaColumn, `La matrícula ${person.matricula} ya pertenece a otra persona registrada; revise la matrícula.`);
        continue;
      }
      matched.set(c, stored);
    }
  }
  return matched;
}
