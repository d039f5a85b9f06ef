import { z } from 'zod';
import { isValidIsoDate } from './dates.ts';

// Messages a schema does not word itself (most do) are zod's own, in Spanish: users read them in the API's answers.
z.config(z.locales.es());

export const isoDate = z
  .string({ error: 'Escriba una fecha.' })
  .refine(isValidIsoDate, { message: 'Fecha inválida: use el formato aaaa-mm-dd.' });

// Ids are PostgreSQL integers: a larger number is refused here instead of failing in the database.
export const id = z.coerce.number({ error: 'Identificador inválido.' }).int().positive().max(2_147_483_647, 'Identificador fuera de rango.');
export const idParam = z.object({ id });

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} es obligatorio.` })
    .trim()
    .min(1, { message: `${label} es obligatorio.` })
    .max(max, { message: `${label} admite a lo más ${max} caracteres.` });

export const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} admite a lo más ${max} caracteres.` })
    .nullish()
    .transform((v) => (v ? v : null));

/** Every editable row carries a version; an update must send the one it read (optimistic locking). */
export const versioned = z.object({
  version: z.number({ error: 'Falta la versión del registro.' }).int().nonnegative(),
});

/** Effective dating: catalogue rows are never deleted once referenced, only closed. */
export const effective = z.object({
  validFrom: isoDate.optional(),
  validTo: isoDate.nullish(),
});

const PAGE_SIZE = 'Tamaño de página: un número de 1 a 200.';
export const listQuery = z.object({
  q: z.string().trim().max(100, 'La búsqueda admite a lo más 100 caracteres.').optional(),
  sort: z.string().max(40).optional(),
  dir: z.enum(['asc', 'desc'], 'Orden: asc o desc.').optional(),
  cursor: z.string().max(500, 'Cursor de página inválido; vuelva a la primera página.').optional(),
  limit: z.coerce.number(PAGE_SIZE).int(PAGE_SIZE).min(1, PAGE_SIZE).max(200, PAGE_SIZE).optional(),
  active: z.enum(['true', 'false', 'all']).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export type Page<T> = { items: T[]; nextCursor: string | null; total: number };

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof problem>;
