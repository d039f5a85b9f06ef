/**
 * Roles of DOMAIN §3. The role names are the stable codes stored with each assignment; their
 * labels live in the UI catalogues. Each role may only be granted at the scope kinds listed here.
 */
export const SCOPE_KINDS = ['national', 'ooad', 'unit', 'sede', 'self'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const ROLES = [
  'residente',
  'profesor_titular',
  'profesor_adjunto',
  'tutor',
  'jefe_servicio',
  'coordinador_educacion',
  'coordinador_ooad',
  'nivel_central',
  'enlace_salud_mental',
  'comite_etica',
  'administrador',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_SCOPES: Record<Role, readonly ScopeKind[]> = {
  residente: ['self'],
  profesor_titular: ['sede'],
  profesor_adjunto: ['sede'],
  tutor: ['sede'],
  jefe_servicio: ['unit'],
  coordinador_educacion: ['unit'],
  coordinador_ooad: ['ooad'],
  nivel_central: ['national'],
  enlace_salud_mental: ['national', 'ooad'],
  comite_etica: ['national', 'ooad'],
  administrador: ['national'],
};

/**
 * Roles held over one clinical service of their unit (the unit grant names the service): for the
 * actions of SERVICE_ACTIONS they reach that service only; for everything else, the whole unit.
 */
export const SERVICE_ROLES: readonly Role[] = ['jefe_servicio'];

export const ACTIONS = [
  'catalog.read',
  'catalog.manage',
  'unit.manage',
  'sede.manage',
  'users.manage',
  'audit.read',
  'people.read',
  'people.manage',
  'rotations.manage',
  'guards.manage',
  'absences.request',
  'wellbeing.screen',
  'wellbeing.followup',
  'wellbeing.aggregate',
  'conduct.cases',
  'conduct.publish',
  'surveys.answer',
  'surveys.manage',
  'surveys.results',
  'evaluations.design',
  'evaluations.manage',
  'activity.read',
  'activity.record',
  'activity.verify',
  'jornadas.read',
  'jornadas.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Actions a service role holds over the service it heads rather than over the whole unit. */
export const SERVICE_ACTIONS: readonly Action[] = ['guards.manage'];

const READ: Action[] = ['catalog.read', 'people.read', 'activity.read', 'jornadas.read'];
// Professors record on a resident's behalf and verify within their sede; units enter Jornada plans and their own counts.
const PROFESSOR: Action[] = [...READ, 'activity.record', 'activity.verify'];

/**
 * Health data, conduct cases and survey answering belong to the people who need them, not to
 * system administration: the administrator holds every other action but not these.
 */
const PERSONAL: Action[] = ['wellbeing.screen', 'wellbeing.followup', 'conduct.cases', 'surveys.answer'];
const RESULTS: Action[] = ['wellbeing.aggregate', 'surveys.results'];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  residente: [...READ, 'absences.request', 'activity.record', 'wellbeing.screen', 'surveys.answer'],
  profesor_titular: [...PROFESSOR, 'surveys.answer', 'evaluations.manage'],
  profesor_adjunto: [...PROFESSOR, 'surveys.answer'],
  tutor: [...READ, 'surveys.answer'],
  jefe_servicio: [...READ, 'guards.manage'],
  coordinador_educacion: [...READ, 'sede.manage', 'people.manage', 'rotations.manage', 'guards.manage', 'jornadas.manage', 'evaluations.manage', ...RESULTS],
  coordinador_ooad: [...READ, 'unit.manage', 'sede.manage', 'people.manage', 'rotations.manage', 'guards.manage', 'jornadas.manage', 'evaluations.manage', ...RESULTS],
  nivel_central: [...READ, 'catalog.manage', 'unit.manage', 'sede.manage', 'people.manage', 'rotations.manage', 'guards.manage', 'jornadas.manage', 'conduct.publish', 'surveys.manage', 'evaluations.design', 'evaluations.manage', ...RESULTS],
  enlace_salud_mental: [...READ, 'wellbeing.followup', 'wellbeing.aggregate'],
  comite_etica: [...READ, 'conduct.cases'],
  administrador: ACTIONS.filter((a) => !PERSONAL.includes(a)),
};
