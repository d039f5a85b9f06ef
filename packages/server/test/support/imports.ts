import type { Client } from './app.ts';
import type { mexican } from './people.ts';

export type Person = ReturnType<typeof mexican>;

/** Step 1 of an import through the API: the file as the raw body, its name in a header. */
export const uploadFile = (client: Client, bytes: Buffer, fileName: string, kind: 'residents' | 'faculty' = 'residents') =>
  client.request('POST', `/api/v1/imports/${kind}`, bytes, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });

export const csvFile = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'));

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

export const RESIDENT_HEADER = ['CURP', 'Nombre(s)', 'Primer apellido', 'Segundo apellido', 'Sexo', 'Fecha de nacimiento', 'Matrícula', 'CLUES', 'Especialidad', 'Ciclo', 'Grado'];
export const residentRow = (p: Person, at: { clues: string; cycle: string; grade?: string; matricula?: string }) =>
  [p.curp, p.givenNames, p.firstSurname, p.secondSurname ?? '', p.sex, ddmmyyyy(p.birthDate), at.matricula ?? '', at.clues, 'MFA', at.cycle, at.grade ?? 'R1'];

export const FACULTY_HEADER = ['CURP', 'Nombre(s)', 'Primer apellido', 'Sexo', 'Fecha de nacimiento', 'CLUES', 'Especialidad', 'Nombramiento', 'Inicio', 'Término'];
export const facultyRow = (p: Person, at: { clues: string; role: string; startsOn?: string; endsOn?: string }) =>
  [p.curp, p.givenNames, p.firstSurname, p.sex, ddmmyyyy(p.birthDate), at.clues, 'MFA', at.role, at.startsOn ?? '01/03/2026', at.endsOn ?? ''];

export type ImportError = { line: number; column: string; message: string };
export const errorsAt = (errors: ImportError[], line: number) => errors.filter((e) => e.line === line);
