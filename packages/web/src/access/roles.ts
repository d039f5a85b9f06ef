import { ROLE_SCOPES, ROLES } from '@sirem/core';
import type { Locale } from '../i18n/index.tsx';

const ROLE_LABELS: Record<string, [string, string]> = {
  residente: ['Residente', 'Resident'],
  profesor_titular: ['Profesor titular', 'Program director'],
  profesor_adjunto: ['Profesor adjunto', 'Associate professor'],
  tutor: ['Tutor', 'Tutor'],
  jefe_servicio: ['Jefe de servicio', 'Head of service'],
  coordinador_educacion: ['Coordinador de educación (unidad)', 'Unit education coordinator'],
  coordinador_ooad: ['Coordinación OOAD', 'OOAD coordinator'],
  nivel_central: ['Nivel central', 'National level'],
  enlace_salud_mental: ['Enlace de salud mental', 'Mental-health liaison'],
  comite_etica: ['Comité de ética', 'Ethics committee'],
  administrador: ['Administrador', 'Administrator'],
};
const SCOPE_LABELS: Record<string, [string, string]> = {
  national: ['Nacional', 'National'],
  ooad: ['OOAD', 'OOAD'],
  unit: ['Unidad', 'Unit'],
  sede: ['Sede', 'Site'],
  self: ['Propio', 'Own record'],
};
const pick = (pair: [string, string] | undefined, locale: Locale, fallback: string) => (pair ? pair[locale === 'es' ? 0 : 1] : fallback);
export const roleLabel = (role: string, locale: Locale) => pick(ROLE_LABELS[role], locale, role);
export const scopeLabel = (scope: string, locale: Locale) => pick(SCOPE_LABELS[scope], locale, scope);
export const roleOptions = (locale: Locale) => ROLES.map((r) => ({ value: r, label: roleLabel(r, locale) }));
export const scopeOptions = (role: string, locale: Locale) => (ROLE_SCOPES[role as keyof typeof ROLE_SCOPES] ?? []).map((s) => ({ value: s, label: scopeLabel(s, locale) }));
