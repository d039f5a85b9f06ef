import { foldText } from '../shared/text.ts';

/** One column of an import layout: the field it fills, the headings people actually write, and whether it is required. */
export type ImportColumn = { field: string; label: string; aliases: string[]; required: boolean };

const col = (field: string, label: string, required: boolean, ...aliases: string[]): ImportColumn => ({ field, label, required, aliases: [label, ...aliases] });

const PERSON_COLUMNS = [
  col('curp', 'CURP', false, 'clave unica', 'curp o clave temporal'),
  col('tempKey', 'Clave temporal', false, 'clave temporal imss', 'clave extranjero'),
  col('givenNames', 'Nombre(s)', true, 'nombre', 'nombres'),
  col('firstSurname', 'Primer apellido', true, 'apellido paterno', 'paterno'),
  col('secondSurname', 'Segundo apellido', false, 'apellido materno', 'materno'),
  col('sex', 'Sexo', true, 'genero'),
  col('birthDate', 'Fecha de nacimiento', true, 'nacimiento', 'fecha nacimiento'),
  col('nationality', 'Nacionalidad', false, 'pais'),
  col('email', 'Correo', false, 'correo electronico', 'email'),
  col('phone', 'Teléfono', false, 'telefono', 'celular'),
  col('matricula', 'Matrícula', false, 'matricula imss'),
];

export const RESIDENT_IMPORT_COLUMNS: ImportColumn[] = [
  ...PERSON_COLUMNS,
  col('clues', 'CLUES', true, 'clues de la unidad', 'clues sede'),
  col('specialty', 'Especialidad', true, 'clave de especialidad', 'curso'),
  col('cycle', 'Ciclo', true, 'ciclo academico'),
  col('grade', 'Grado', true, 'grado academico', 'ano'),
  col('examFolio', 'Folio ENARM', false, 'folio', 'folio examen'),
  col('examScore', 'Puntaje', false, 'puntaje enarm', 'calificacion'),
];

export const FACULTY_IMPORT_COLUMNS: ImportColumn[] = [
  ...PERSON_COLUMNS,
  col('cedulaEspecialidad', 'Cédula de especialidad', false, 'cedula especialidad'),
  col('clues', 'CLUES', true, 'clues de la unidad', 'clues sede'),
  col('specialty', 'Especialidad', true, 'clave de especialidad', 'curso'),
  col('role', 'Nombramiento', true, 'cargo', 'tipo de nombramiento'),
  col('startsOn', 'Inicio', true, 'fecha de inicio', 'desde'),
  col('endsOn', 'Término', false, 'fecha de termino', 'hasta'),
];

const key = (s: string) => foldText(s).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Finds the heading row among the first rows (titles or merged banners may sit above it) and
 * maps each column to a field. Returns the row index and field → column position.
 */
export function matchHeader(rows: string[][], columns: ImportColumn[], scan = 10) {
  let best: { index: number; map: Map<string, number> } | null = null;
  rows.slice(0, scan).forEach((cells, index) => {
    const map = new Map<string, number>();
    cells.forEach((cell, position) => {
      const k = key(cell);
      const column = columns.find((c) => c.aliases.some((a) => key(a) === k));
      if (column && !map.has(column.field)) map.set(column.field, position);
    });
    if (!best || map.size > best.map.size) best = { index, map };
  });
  const found = best as { index: number; map: Map<string, number> } | null;
  const missing = columns.filter((c) => c.required && !found?.map.has(c.field)).map((c) => c.label);
  return { headerIndex: found?.index ?? 0, map: found?.map ?? new Map<string, number>(), missing };
}

/** Accepts "R2", "2", "r2" → 2. */
export function parseGrade(value: string): number | null {
  const m = /^r?\s*(\d)$/i.exec(value.trim());
  return m ? Number(m[1]) : null;
}

/** Accepts aaaa-mm-dd and dd/mm/aaaa (what Excel shows in Mexico). */
export function parseImportDate(value: string): string | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(v);
  return m ? `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}` : null;
}

/** "H", "Hombre", "M", "Mujer", "F" → H/M. */
export function parseSex(value: string): 'H' | 'M' | null {
  const v = key(value);
  if (['h', 'hombre', 'masculino'].includes(v)) return 'H';
  if (['m', 'mujer', 'femenino', 'f'].includes(v)) return 'M';
  return null;
}
