/**
 * CLUES (Clave Única de Establecimientos de Salud): 2-letter state code, 3-letter institution code
 * (IMS for IMSS) and six digits, e.g. NLIMS000315. It has no check digit, so only the shape is checked.
 */
export const CLUES_PATTERN = /^[A-Z]{5}\d{6}$/;

export function normalizeClues(value: string): string {
  return value.trim().toUpperCase();
}

export function isValidClues(value: string): boolean {
  return CLUES_PATTERN.test(value);
}
