import { type ImportColumn, parseImportDate, parseSex, personInput, type PersonInput } from '@sirem/core';
import { conflict } from '../http/errors.ts';

export type RowIssue = { column: string; message: string };
export type RawRow = { line: number; cells: string[]; get: (field: string) => string };
export type Action = 'create' | 'update' | 'unchanged';
export type Checked<T> = { line: number; cells: string[]; value?: T; action?: Action; issues: RowIssue[] };
/** What an update would change in a stored record, shown before the commit. */
export type Change = { column: string; from: string; to: string };
/** What every valid row carries into the batch, whatever the kind of import. */
export type ImportItem = { line: number; person: PersonInput; changes: Change[] };

export const personKey = (p: PersonInput) => (p.keyType === 'curp' ? `C:${p.curp}` : `T:${p.tempKey}`);

/** Raised at commit when the database no longer matches what the validation saw. */
export const staleImport = () =>
  conflict('import_stale', 'Los datos cambiaron desde la validación (otra carga o captura registró a alguna de estas personas). Vuelva a cargar el archivo. No se guardó nada.');

export function rowReader(columns: ImportColumn[], map: Map<string, number>) {
  return (line: number, cells: string[]): RawRow => ({ line, cells, get: (field) => (map.has(field) ? (cells[map.get(field) as number] ?? '').trim() : '') });
}

export const labelOf = (columns: ImportColumn[], field: string) => columns.find((c) => c.field === field)?.label ?? field;

/** Builds the person of a row and checks it with the same rules as the form (CURP, names, dates). */
export function personFromRow(row: RawRow, columns: ImportColumn[], issues: RowIssue[]): PersonInput | null {
  const curp = row.get('curp').toUpperCase();
  const tempKey = row.get('tempKey').toUpperCase();
  const birthRaw = row.get('birthDate');
  const birthDate = parseImportDate(birthRaw);
  if (birthRaw && !birthDate) issues.push({ column: labelOf(columns, 'birthDate'), message: `La fecha "${birthRaw}" no es válida; use dd/mm/aaaa.` });
  const sexRaw = row.get('sex');
  const sex = parseSex(sexRaw);
  if (sexRaw && !sex) issues.push({ column: labelOf(columns, 'sex'), message: `Sexo "${sexRaw}" no reconocido; use H o M.` });
  const nationality = (row.get('nationality') || (tempKey && !curp ? '' : 'MEX')).toUpperCase();
  const parsed = personInput.safeParse({
    keyType: curp || !tempKey ? 'curp' : 'temporal',
    curp: curp || null,
    tempKey: tempKey || null,
    givenNames: row.get('givenNames'),
    firstSurname: row.get('firstSurname'),
    secondSurname: row.get('secondSurname') || null,
    sex: sex ?? undefined,
    birthDate: birthDate ?? undefined,
    nationality: nationality || undefined,
    email: row.get('email') || null,
    phone: row.get('phone') || null,
    matricula: row.get('matricula') || null,
    cedulaEspecialidad: row.get('cedulaEspecialidad') || null,
  });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if ((field === 'birthDate' && birthRaw && !birthDate) || (field === 'sex' && sexRaw && !sex)) continue;
    const column = field === 'keyType' ? 'CURP' : labelOf(columns, field);
    const message = issue.code === 'invalid_type' && !row.get(field) ? `${column} es obligatorio.` : issue.message;
    issues.push({ column, message });
  }
  return null;
}
