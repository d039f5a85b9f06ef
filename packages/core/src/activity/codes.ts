import type { CodeSystem } from './kinds.ts';

/**
 * One spelling per code. The DGIS catalogue files write codes without the dot and pad a
 * three-character CIE-10 category with "X" (A000, A09X, I10X; CIE-9-MC 4701, 470); residents type
 * either form. Stored codes and typed input are both brought to the WHO dotted form (A00.0, A09,
 * I10; 47.01, 47.0), so "A000" finds what "A00.0" finds.
 */
const CIE10 = /^([A-Z]\d{2})([0-9A-Z]{0,4})$/;
const CIE9MC = /^(\d{2})(\d{0,2})$/;
const FILLER = /[X-]+$/;

export function canonicalCode(system: CodeSystem, typed: string): string | null {
  const flat = typed.toUpperCase().replace(/[\s.]/g, '');
  if (system === 'cie10') {
    const m = CIE10.exec(flat.replace(/-+$/, ''));
    if (!m) return null;
    // WHO subcategories are digits; a trailing X or dash only pads a category to four characters.
    const tail = /^\d*$/.test(m[2] ?? '') ? (m[2] ?? '') : (m[2] ?? '').replace(FILLER, '');
    return tail ? `${m[1]}.${tail}` : (m[1] ?? null);
  }
  const m = CIE9MC.exec(flat.replace(FILLER, ''));
  if (!m) return null;
  return m[2] ? `${m[1]}.${m[2]}` : (m[1] ?? null);
}

/** What to look a typed prefix up by: the canonical form when it reads as a code, else the text as typed. */
export function codePrefix(system: CodeSystem, typed: string): string {
  const flat = typed.toUpperCase().replace(/\s/g, '');
  return canonicalCode(system, flat) ?? flat;
}
