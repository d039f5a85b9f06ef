import { courseInput, cycleInput, formatDate, ooadInput, sedeInput, specialtyInput, unitInput } from '@sirem/core';
import type { z } from 'zod';

export type Text2 = { es: string; en: string };
export type Field =
  | { name: string; label: Text2; kind: 'text' | 'number' | 'date' | 'checkbox' | 'intList'; required?: boolean; help?: Text2 }
  | { name: string; label: Text2; kind: 'select'; options: { value: string; label: Text2 }[]; required?: boolean; numeric?: boolean }
  | { name: string; label: Text2; kind: 'ref'; path: string; display: string; valueKey?: string; required?: boolean };
export type ListColumn = { key: string; label: Text2; sortable?: boolean; format?: 'date' | 'bool' | 'places' };
export type ResourceDef = {
  key: string;
  path: string;
  title: Text2;
  singular: Text2;
  /** The action that lets the user create and edit; reading needs only catalog.read. */
  writeAction: string;
  columns: ListColumn[];
  fields: Field[];
  schema: z.ZodType;
  display: (row: Record<string, unknown>) => string;
  defaultSort?: string;
};

const L = (es: string, en: string): Text2 => ({ es, en });
const validity: Field[] = [
  { name: 'validFrom', label: L('Vigente desde (dd/mm/aaaa)', 'Valid from (dd/mm/yyyy)'), kind: 'date' },
  { name: 'validTo', label: L('Vigente hasta (dd/mm/aaaa)', 'Valid to (dd/mm/yyyy)'), kind: 'date' },
];

export const RESOURCES: ResourceDef[] = [
  {
    key: 'ooads', path: '/catalog/ooads', title: L('OOAD', 'OOAD'), singular: L('OOAD', 'OOAD'), writeAction: 'catalog.manage', schema: ooadInput,
    display: (r) => String(r.name),
    columns: [
      { key: 'name', label: L('Nombre', 'Name'), sortable: true },
      { key: 'code', label: L('Clave', 'Code'), sortable: true },
      { key: 'stateCode', label: L('Entidad', 'State'), sortable: true },
      { key: 'unitCount', label: L('Unidades', 'Units') },
    ],
    fields: [
      { name: 'code', label: L('Clave', 'Code'), kind: 'text', required: true },
      { name: 'name', label: L('Nombre', 'Name'), kind: 'text', required: true },
      { name: 'stateCode', label: L('Clave de entidad (2 letras)', 'State code (2 letters)'), kind: 'text', required: true },
      { name: 'legacyCode', label: L('Clave anterior', 'Former code'), kind: 'text' },
      ...validity,
    ],
  },
  {
    key: 'units', path: '/catalog/units', title: L('Unidades médicas', 'Medical units'), singular: L('Unidad', 'Unit'), writeAction: 'unit.manage', schema: unitInput,
    display: (r) => String(r.name),
    columns: [
      { key: 'name', label: L('Nombre', 'Name'), sortable: true },
      { key: 'clues', label: L('CLUES', 'CLUES'), sortable: true },
      { key: 'unitTypeName', label: L('Tipo', 'Type'), sortable: true },
      { key: 'levelOfCare', label: L('Nivel', 'Level'), sortable: true },
      { key: 'ooadName', label: L('OOAD', 'OOAD'), sortable: true },
      { key: 'camasCensables', label: L('Camas censables', 'Census beds'), sortable: true },
    ],
    fields: [
      { name: 'name', label: L('Nombre', 'Name'), kind: 'text', required: true },
      { name: 'clues', label: L('CLUES (5 letras y 6 dígitos)', 'CLUES (5 letters, 6 digits)'), kind: 'text' },
      { name: 'unitTypeCode', label: L('Tipo de unidad', 'Unit type'), kind: 'ref', path: '/catalog/unit-types', display: 'name', valueKey: 'code', required: true },
      { name: 'levelOfCare', label: L('Nivel de atención', 'Level of care'), kind: 'select', numeric: true, required: true, options: [1, 2, 3].map((n) => ({ value: String(n), label: L(`${n}.er nivel`, `Level ${n}`) })) },
      { name: 'ooadId', label: L('OOAD', 'OOAD'), kind: 'ref', path: '/catalog/ooads', display: 'name', required: true },
      { name: 'parentUnitId', label: L('UMAE a la que pertenece (unidades complementarias)', 'Parent UMAE (complementary units)'), kind: 'ref', path: '/catalog/units', display: 'name' },
      { name: 'camasCensables', label: L('Camas censables', 'Census beds'), kind: 'number', required: true },
      { name: 'city', label: L('Ciudad', 'City'), kind: 'text' },
      { name: 'umaeNumber', label: L('Número de UMAE', 'UMAE number'), kind: 'number' },
      ...validity,
    ],
  },
  {
    key: 'specialties', path: '/catalog/specialties', title: L('Especialidades', 'Specialties'), singular: L('Especialidad', 'Specialty'), writeAction: 'catalog.manage', schema: specialtyInput,
    display: (r) => String(r.name),
    columns: [
      { key: 'name', label: L('Nombre', 'Name'), sortable: true },
      { key: 'code', label: L('Clave', 'Code'), sortable: true },
      { key: 'durationYears', label: L('Años', 'Years'), sortable: true },
      { key: 'entryType', label: L('Entrada', 'Entry') },
      { key: 'prerequisiteSpecialtyName', label: L('Troncal previa', 'Prerequisite') },
    ],
    fields: [
      { name: 'code', label: L('Clave', 'Code'), kind: 'text', required: true },
      { name: 'name', label: L('Nombre', 'Name'), kind: 'text', required: true },
      { name: 'kind', label: L('Tipo', 'Kind'), kind: 'select', required: true, options: [{ value: 'medica', label: L('Médica', 'Medical') }, { value: 'estomatologica', label: L('Estomatológica', 'Stomatological') }] },
      { name: 'durationYears', label: L('Duración (años)', 'Duration (years)'), kind: 'number', required: true },
      { name: 'entryType', label: L('Tipo de entrada', 'Entry type'), kind: 'select', required: true, options: [{ value: 'directa', label: L('Directa', 'Direct') }, { value: 'rama', label: L('De rama', 'Branch') }] },
      { name: 'prerequisiteSpecialtyId', label: L('Especialidad troncal previa', 'Prerequisite specialty'), kind: 'ref', path: '/catalog/specialties', display: 'name' },
      { name: 'prerequisiteYears', label: L('Años previos requeridos', 'Prerequisite years'), kind: 'number' },
      ...validity,
    ],
  },
  {
    key: 'courses', path: '/catalog/courses', title: L('Cursos', 'Courses'), singular: L('Curso', 'Course'), writeAction: 'catalog.manage', schema: courseInput,
    display: (r) => String(r.name),
    columns: [
      { key: 'name', label: L('Nombre', 'Name'), sortable: true },
      { key: 'specialtyName', label: L('Especialidad', 'Specialty'), sortable: true },
      { key: 'university', label: L('Aval universitario', 'University') },
      { key: 'sedeCount', label: L('Sedes', 'Sites') },
    ],
    fields: [
      { name: 'specialtyId', label: L('Especialidad', 'Specialty'), kind: 'ref', path: '/catalog/specialties', display: 'name', required: true },
      { name: 'name', label: L('Nombre', 'Name'), kind: 'text', required: true },
      { name: 'university', label: L('Aval universitario', 'University'), kind: 'text' },
      { name: 'qualityRegistry', label: L('Reconocido en el padrón de calidad', 'In the quality registry'), kind: 'checkbox' },
      ...validity,
    ],
  },
  {
    key: 'sedes', path: '/catalog/sedes', title: L('Sedes académicas', 'Training sites'), singular: L('Sede', 'Site'), writeAction: 'sede.manage', schema: sedeInput,
    display: (r) => `${r.specialtyName ?? r.courseName} · ${r.unitName}`,
    columns: [
      { key: 'courseName', label: L('Curso', 'Course'), sortable: true },
      { key: 'unitName', label: L('Unidad', 'Unit'), sortable: true },
      { key: 'ooadName', label: L('OOAD', 'OOAD'), sortable: true },
      { key: 'titularName', label: L('Profesor titular', 'Program director') },
      { key: 'placesPerGrade', label: L('Plazas por grado', 'Places per year'), format: 'places' },
    ],
    fields: [
      { name: 'courseId', label: L('Curso', 'Course'), kind: 'ref', path: '/catalog/courses', display: 'name', required: true },
      { name: 'unitId', label: L('Unidad', 'Unit'), kind: 'ref', path: '/catalog/units', display: 'name', required: true },
      { name: 'placesPerGrade', label: L('Plazas por grado (R1, R2, … separadas por comas)', 'Places per year (R1, R2, … comma separated)'), kind: 'intList', required: true },
      { name: 'isSubsede', label: L('Es subsede', 'Is a sub-site'), kind: 'checkbox' },
      ...validity,
    ],
  },
  {
    key: 'cycles', path: '/catalog/cycles', title: L('Ciclos académicos', 'Academic cycles'), singular: L('Ciclo', 'Cycle'), writeAction: 'catalog.manage', schema: cycleInput,
    display: (r) => String(r.code), defaultSort: 'startsOn',
    columns: [
      { key: 'code', label: L('Ciclo', 'Cycle'), sortable: true },
      { key: 'startsOn', label: L('Inicia', 'Starts'), sortable: true, format: 'date' },
      { key: 'endsOn', label: L('Termina', 'Ends'), format: 'date' },
    ],
    fields: [{ name: 'startYear', label: L('Año de inicio (el ciclo va del 1 de marzo al último día de febrero)', 'Start year (1 March to end of February)'), kind: 'number', required: true }],
  },
];

export const resourceByKey = (key: string) => RESOURCES.find((r) => r.key === key);

export function formatCell(value: unknown, format?: ListColumn['format']): string {
  if (value == null) return '';
  if (format === 'date') return formatDate(String(value));
  if (format === 'places' && Array.isArray(value)) return value.map((n, i) => `R${i + 1}: ${n}`).join(' · ');
  if (typeof value === 'boolean') return value ? '✓' : '';
  return String(value);
}
