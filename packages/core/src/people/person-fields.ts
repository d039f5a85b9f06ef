import { z } from 'zod';
import { optionalText } from '../shared/schemas.ts';

/** Field rules shared by registering a person and editing one later. */
export const nationalityField = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { message: 'La nacionalidad es un código de país de 3 letras (MEX, COL…).' });
export const emailField = z.email({ message: 'Correo electrónico inválido.' });
/** Transforms a missing phone to null, as registration wants; an edit uses `phoneEdit` so a missing phone stays as it is. */
export const phoneField = optionalText('El teléfono', 30);
export const phoneEdit = z.string().trim().max(30, { message: 'El teléfono admite a lo más 30 caracteres.' }).nullish();
export const matriculaField = z.string().trim().regex(/^\d{6,12}$/, { message: 'La matrícula IMSS tiene de 6 a 12 dígitos.' });
export const cedulaLicenciaturaField = z.string().trim().regex(/^\d{7,8}$/, { message: 'La cédula profesional tiene 7 u 8 dígitos.' });
export const cedulaEspecialidadField = z.string().trim().regex(/^\d{7,8}$/, { message: 'La cédula de especialidad tiene 7 u 8 dígitos.' });
export const EMPTY_CEDULA_VERIFIED = 'No se puede marcar como verificada una cédula vacía.';
