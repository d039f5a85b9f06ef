import { z } from 'zod';
import { ROLES, SCOPE_KINDS, SERVICE_ROLES } from './roles.ts';

export const loginInput = z.object({
  username: z.string({ error: 'Escriba su usuario.' }).trim().min(1, { message: 'Escriba su usuario.' }).max(100),
  password: z.string({ error: 'Escriba su contraseña.' }).min(1, { message: 'Escriba su contraseña.' }).max(200),
});

export const PASSWORD_MIN = 10;
export const newPassword = z
  .string({ error: 'Escriba la nueva contraseña.' })
  .min(PASSWORD_MIN, { message: `La contraseña debe tener al menos ${PASSWORD_MIN} caracteres.` })
  .max(200, { message: 'La contraseña admite a lo más 200 caracteres.' });

export const changePasswordInput = z.object({
  currentPassword: z.string({ error: 'Escriba su contraseña actual.' }).min(1, { message: 'Escriba su contraseña actual.' }),
  newPassword,
});

export const SERVICE_REQUIRED = 'Indique el servicio que encabeza.';
export const SERVICE_NOT_ALLOWED = 'Solo el rol de jefe de servicio se asigna a un servicio.';

/** A service role names the service it heads; no other role names one. */
export function serviceIssue(g: { role: (typeof ROLES)[number]; serviceId?: number | null }): string | null {
  if (SERVICE_ROLES.includes(g.role)) return g.serviceId ? null : SERVICE_REQUIRED;
  return g.serviceId ? SERVICE_NOT_ALLOWED : null;
}

export const grantInput = z
  .object({
    role: z.enum(ROLES, { error: 'Rol desconocido.' }),
    scopeKind: z.enum(SCOPE_KINDS, { error: 'Alcance desconocido.' }),
    ooadId: z.number().int().positive().nullish(),
    unitId: z.number().int().positive().nullish(),
    sedeId: z.number().int().positive().nullish(),
    /** The clinical service a jefe de servicio heads, in the grant's unit. */
    serviceId: z.number().int().positive().nullish(),
  })
  .superRefine((g, ctx) => {
    const need = { ooad: 'ooadId', unit: 'unitId', sede: 'sedeId' } as const;
    if (g.scopeKind in need) {
      const key = need[g.scopeKind as keyof typeof need];
      if (!g[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'Indique a qué parte de la institución aplica el rol.' });
    }
    const message = serviceIssue(g);
    if (message) ctx.addIssue({ code: 'custom', path: ['serviceId'], message });
  });
export type GrantInput = z.infer<typeof grantInput>;

export const usernameField = z
  .string({ error: 'El usuario es obligatorio.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._@-]{3,60}$/, { message: 'El usuario debe tener de 3 a 60 letras sin acento, dígitos, punto, guion o @.' });

export const createUserInput = z.object({
  username: usernameField,
  displayName: z.string({ error: 'El nombre es obligatorio.' }).trim().min(1, { message: 'El nombre es obligatorio.' }).max(200),
  email: z.email({ message: 'Correo electrónico inválido.' }).nullish(),
  password: newPassword,
  grants: z.array(grantInput).max(20).default([]),
  /** Links the account to the person (resident or teacher) with this CURP or temporary key. */
  personKey: z.string().trim().toUpperCase().max(20).nullish(),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z.object({
  displayName: z.string().trim().min(1, { message: 'El nombre es obligatorio.' }).max(200).optional(),
  email: z.email({ message: 'Correo electrónico inválido.' }).nullish(),
  active: z.boolean().optional(),
  grants: z.array(grantInput).max(20).optional(),
  version: z.number().int().nonnegative(),
});
