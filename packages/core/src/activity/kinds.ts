/**
 * What a clinical activity entry can be. The kinds double as the Jornada categories, so an entry
 * logged during a Jornada counts toward the same figure the bulletins publish (bulletin 004).
 */
export const ACTIVITY_KINDS = [
  'cirugia',
  'consulta_especialidad',
  'consulta_medicina_familiar',
  'deteccion_mastografia',
  'deteccion_exploracion_mama',
  'deteccion_diabetes',
  'deteccion_hipertension',
  'deteccion_cacu',
  'procedimiento',
  'estudio_auxiliar',
  'trasplante',
  'vasectomia',
  'implante_hormonal',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Kinds that are an operation or procedure and therefore take a CIE-9-MC code. */
export const PROCEDURE_KINDS: readonly ActivityKind[] = ['cirugia', 'procedimiento', 'trasplante', 'vasectomia', 'implante_hormonal'];

/** The resident's part in the act, from watching to doing it alone. */
export const SUPERVISION_LEVELS = ['observa', 'ayuda', 'realiza_supervisado', 'realiza'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export const TRANSPLANT_ORGANS = ['rinon', 'higado', 'corazon', 'cornea', 'medula_osea', 'otro'] as const;

/** Patient age bands: enough for case-mix, never enough to identify anyone. */
export const AGE_BANDS = ['0-4', '5-14', '15-29', '30-44', '45-59', '60+'] as const;
export const PATIENT_SEXES = ['H', 'M'] as const;

export const ACTIVITY_STATUSES = ['registrada', 'verificada', 'devuelta'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const CODE_SYSTEMS = ['cie10', 'cie9mc'] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

/** Spanish names as the bulletins print them, for files and PDF exports (the web app uses its own catalogues). */
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  cirugia: 'Cirugías',
  consulta_especialidad: 'Consultas de especialidad',
  consulta_medicina_familiar: 'Consultas de medicina familiar',
  deteccion_mastografia: 'Mastografías',
  deteccion_exploracion_mama: 'Exploraciones clínicas de mama',
  deteccion_diabetes: 'Detecciones de diabetes mellitus',
  deteccion_hipertension: 'Detecciones de hipertensión arterial',
  deteccion_cacu: 'Detecciones de cáncer cérvico-uterino',
  procedimiento: 'Procedimientos',
  estudio_auxiliar: 'Estudios auxiliares',
  trasplante: 'Trasplantes',
  vasectomia: 'Vasectomías',
  implante_hormonal: 'Implantes hormonales',
};
