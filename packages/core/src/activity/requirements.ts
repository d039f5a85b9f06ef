import { z } from 'zod';
import { cycleForDate } from '../catalog/cycles.ts';
import { parseImportDate } from '../imports/columns.ts';
import { id, isoDate } from '../shared/schemas.ts';
import { ACTIVITY_KINDS } from './kinds.ts';
import type { GradeRequirement } from './rules.ts';

/**
 * Minimums are set per academic cycle (1 March to the end of February), so a date means "from this
 * cycle on" and a resident's grade is always measured against the minimum in force when the cycle
 * of that grade began. Closed cycles keep the minimum they were measured against.
 */
export const isCycleStart = (iso: string) => iso.slice(5) === '03-01';

/** Why a date cannot open a minimum's validity, or null: it must be the 1 March that starts a cycle. */
export function cycleStartProblem(validFrom: string, today: string): string | null {
  return isCycleStart(validFrom) ? null : `Los mínimos rigen por ciclo académico: la fecha debe ser un 1 de marzo (por ejemplo ${cycleForDate(today).startsOn.slice(0, 4)}-03-01), no ${validFrom}.`;
}

/** A cycle already closed keeps the minimums it was measured against. */
export function closedCycleProblem(validFrom: string, today: string): string | null {
  const current = cycleForDate(today).startsOn;
  return validFrom < current ? `El ciclo que empezó el ${validFrom} ya cerró y conserva sus mínimos; use ${current} o una fecha posterior.` : null;
}

export const validFromProblem = (validFrom: string, today: string) => cycleStartProblem(validFrom, today) ?? closedCycleProblem(validFrom, today);

const grade = z.coerce.number({ error: 'Indique el grado.' }).int({ message: 'El grado es un número entero.' }).min(1, { message: 'El grado va de 1 en adelante.' }).max(8, { message: 'Ninguna especialidad pasa de 8 grados.' });

export const requirementInput = z.object({
  specialtyId: id,
  grade,
  group: z.enum(ACTIVITY_KINDS, { error: 'Elija el grupo de actividad.' }),
  minimum: z.number({ error: 'Escriba el mínimo.' }).int({ message: 'El mínimo es un número entero.' }).positive({ message: 'El mínimo debe ser mayor que cero.' }).max(100_000, { message: 'El mínimo admite a lo más 100,000.' }),
  validFrom: isoDate,
});
export type RequirementInput = z.infer<typeof requirementInput>;

export const requirementsListQuery = z.object({
  specialtyId: id.optional(),
  grade: grade.optional(),
  /** Only the row in force on this date for each specialty, grade and group; without it, the whole history. */
  on: isoDate.optional(),
});
export type RequirementsListQuery = z.infer<typeof requirementsListQuery>;

export const requirementsUploadQuery = z.object({
  /** For rows without their own "vigente_desde" column. */
  validFrom: isoDate,
  commit: z.enum(['true', 'false']).optional(),
});

export type DatedRequirement = GradeRequirement & { validFrom: string };

/** For each group and grade, the row in force when the cycle of that grade began. */
export function requirementsInForce(rows: readonly DatedRequirement[], cycleStartOfGrade: (grade: number) => string): GradeRequirement[] {
  const picked = new Map<string, DatedRequirement>();
  for (const r of rows) {
    if (r.validFrom > cycleStartOfGrade(r.grade)) continue;
    const key = `${r.group}|${r.grade}`;
    const seen = picked.get(key);
    if (!seen || seen.validFrom < r.validFrom) picked.set(key, r);
  }
  return [...picked.values()].map(({ group, grade: g, minimum }) => ({ group, grade: g, minimum }));
}

/**
 * When each grade of a resident began: the cycles they were enrolled in that grade (the latest,
 * if repeated), otherwise counted back a year per grade from the current one.
 */
export function gradeCycleStarts(currentGrade: number, currentCycleStart: string, enrolled: readonly { grade: number; startsOn: string }[]) {
  const byGrade = new Map<number, string>();
  for (const e of enrolled) if ((byGrade.get(e.grade) ?? '') < e.startsOn) byGrade.set(e.grade, e.startsOn);
  byGrade.set(currentGrade, currentCycleStart);
  const year = Number(currentCycleStart.slice(0, 4));
  return (g: number) => byGrade.get(g) ?? (g > currentGrade ? currentCycleStart : `${year - (currentGrade - g)}-03-01`);
}

export type SpecialtyFacts = { id: number; code: string; durationYears: number };
export type RequirementRowError = { line: number; column: string; message: string };
export type UploadedRequirement = { line: number; specialtyId: number; specialtyCode: string; grade: number; group: string; minimum: number; validFrom: string };

const COLUMNS = {
  specialty: ['specialty', 'especialidad', 'clave_especialidad'],
  grade: ['grade', 'grado'],
  group: ['group', 'grupo', 'actividad'],
  minimum: ['minimum', 'minimo'],
  validFrom: ['valid_from', 'vigente_desde', 'desde'],
} as const;
const fold = (h: string) => h.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/**
 * Checks every row of a requirements file in the seed's shape (specialty, grade, group, minimum,
 * optionally valid_from) before anything is saved; errors carry the file's row and column. Whether
 * a row's cycle has closed is left to the caller: a row identical to the stored one is no change.
 */
export function checkRequirementRows(rows: readonly { line: number; cells: string[] }[], specialties: ReadonlyMap<string, SpecialtyFacts>, defaultValidFrom: string, today: string) {
  const [header, ...data] = rows;
  const names = (header?.cells ?? []).map(fold);
  const at = (field: keyof typeof COLUMNS) => names.findIndex((n) => (COLUMNS[field] as readonly string[]).includes(n));
  const idx = { specialty: at('specialty'), grade: at('grade'), group: at('group'), minimum: at('minimum'), validFrom: at('validFrom') };
  const missing = (['specialty', 'grade', 'group', 'minimum'] as const).filter((f) => idx[f] < 0);
  if (missing.length) return { header: missing.map((f) => COLUMNS[f][1]), rows: [], errors: [], labels: { minimum: '', validFrom: '' } };
  const label = (field: keyof typeof idx) => header?.cells[idx[field]] || COLUMNS[field][1];
  const errors: RequirementRowError[] = [];
  const out: UploadedRequirement[] = [];
  const seen = new Map<string, number>();
  for (const row of data) {
    const cell = (field: keyof typeof idx) => (idx[field] < 0 ? '' : (row.cells[idx[field]] ?? '').trim());
    const fail = (field: keyof typeof idx, message: string) => errors.push({ line: row.line, column: label(field), message });
    const code = cell('specialty').toUpperCase();
    const specialty = specialties.get(code);
    if (!code) fail('specialty', 'Falta la clave de la especialidad.');
    else if (!specialty) fail('specialty', `No existe una especialidad con clave "${code}".`);
    const gradeText = cell('grade').replace(/^R/i, '');
    const g = /^\d+$/.test(gradeText) ? Number(gradeText) : Number.NaN;
    if (!Number.isInteger(g) || g < 1) fail('grade', `El grado "${cell('grade')}" no es válido; escriba 1, 2, 3…`);
    else if (specialty && g > specialty.durationYears) fail('grade', `${specialty.code} dura ${specialty.durationYears} años; no tiene grado ${g}.`);
    const group = cell('group').toLowerCase();
    if (!(ACTIVITY_KINDS as readonly string[]).includes(group)) fail('group', `El grupo "${cell('group')}" no existe; use uno de: ${ACTIVITY_KINDS.join(', ')}.`);
    const minText = cell('minimum').replace(/,/g, '');
    const minimum = /^\d+$/.test(minText) ? Number(minText) : Number.NaN;
    if (!(minimum > 0) || minimum > 100_000) fail('minimum', `El mínimo "${cell('minimum')}" debe ser un entero positivo (hasta 100,000).`);
    const dateText = cell('validFrom');
    const validFrom = dateText ? parseImportDate(dateText) : defaultValidFrom;
    const dateProblem = validFrom ? cycleStartProblem(validFrom, today) : `La fecha "${dateText}" no es válida; use dd/mm/aaaa.`;
    if (dateProblem) fail('validFrom', dateProblem);
    const key = `${code}|${g}|${group}|${validFrom}`;
    if (seen.has(key)) fail('group', `Repite la fila ${seen.get(key)}: ${code} R${g} ${group} desde ${validFrom}.`);
    else seen.set(key, row.line);
    if (specialty && validFrom && !errors.some((e) => e.line === row.line)) out.push({ line: row.line, specialtyId: specialty.id, specialtyCode: specialty.code, grade: g, group, minimum, validFrom });
  }
  return { header: [], rows: out, errors, labels: { minimum: label('minimum'), validFrom: label('validFrom') } };
}
