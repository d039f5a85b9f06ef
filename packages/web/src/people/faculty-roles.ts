import type { MessageKey } from '../i18n/es.ts';

/** The catalogue key that names an appointment role (titular, adjunto, tutor). */
export const roleKey = (role: string) => `faculty.roleName.${role}` as MessageKey;
