import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { grantInput } from '../access/schemas.ts';
import { courseInput, cycleInput, sedeInput, specialtyInput, unitInput } from './schemas.ts';

/** The Spanish messages a form shows next to each field. */
function messages(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

const unit = { clues: 'NLIMS000315', name: 'UMAE Hospital de Cardiología No. 34', unitTypeCode: 'UMAE', levelOfCare: 3, ooadId: 17, camasCensables: 120 };
const specialty = { code: 'CAR', name: 'Cardiología', kind: 'medica', durationYears: 3, entryType: 'directa' };

describe('unit form', () => {
  it('normalises the CLUES a user types and accepts an empty one as missing', () => {
    expect(unitInput.parse({ ...unit, clues: ' nlims000315 ' }).clues).toBe('NLIMS000315');
    expect(unitInput.parse({ ...unit, clues: '' }).clues).toBeNull();
    expect(unitInput.parse({ ...unit, clues: null }).clues).toBeNull();
  });

  it('explains a malformed CLUES with an example, next to the field', () => {
    expect(messages(unitInput, { ...unit, clues: 'NL-315' })).toEqual({ clues: 'CLUES inválida: deben ser 5 letras y 6 dígitos, por ejemplo NLIMS000315.' });
  });

  it('asks for the name, a level of care from 1 to 3 and a non-negative bed count', () => {
    expect(messages(unitInput, { ...unit, name: '   ', levelOfCare: 4, camasCensables: -1 })).toEqual({
      name: 'El nombre es obligatorio.',
      levelOfCare: 'El nivel de atención es 1, 2 o 3.',
      camasCensables: 'Las camas censables no puede ser negativo.',
    });
    expect(messages(unitInput, { ...unit, ooadId: undefined })).toEqual({ ooadId: 'Seleccione el OOAD.' });
  });

  it('refuses an impossible effective date', () => {
    expect(messages(unitInput, { ...unit, validFrom: '2026-02-30' })).toEqual({ validFrom: 'Fecha inválida: use el formato aaaa-mm-dd.' });
  });
});

describe('specialty form', () => {
  it('accepts a direct-entry specialty without a prerequisite', () => {
    expect(specialtyInput.safeParse(specialty).success).toBe(true);
  });

  it('requires the core specialty and its years for a specialty de rama', () => {
    expect(messages(specialtyInput, { ...specialty, entryType: 'rama' })).toEqual({
      prerequisiteSpecialtyId: 'Una especialidad de rama requiere la especialidad troncal previa.',
      prerequisiteYears: 'Indique cuántos años de la troncal se requieren.',
    });
    expect(specialtyInput.safeParse({ ...specialty, entryType: 'rama', prerequisiteSpecialtyId: 40, prerequisiteYears: 2 }).success).toBe(true);
  });

  it('keeps the duration between 1 and 6 years and names the entry types', () => {
    expect(messages(specialtyInput, { ...specialty, durationYears: 7 })).toEqual({ durationYears: 'La duración va de 1 a 6 años.' });
    expect(messages(specialtyInput, { ...specialty, entryType: 'libre' })).toEqual({ entryType: 'Indique el tipo de entrada: directa o de rama.' });
  });
});

describe('sede form', () => {
  const sede = { courseId: 1, unitId: 2, placesPerGrade: [4, 4, 4] };

  it('needs places for at least one grade, none negative', () => {
    expect(messages(sedeInput, { ...sede, placesPerGrade: [] })).toEqual({ placesPerGrade: 'Indique las plazas de al menos un grado.' });
    expect(messages(sedeInput, { ...sede, placesPerGrade: [4, -1] })).toEqual({ 'placesPerGrade.1': 'Las plazas no puede ser negativo.' });
  });

  it('leaves "no more grades than the specialty lasts" to the server, which knows the duration', () => {
    // Cardiología lasts 3 years; the form alone cannot know that, so four grades still parse here.
    expect(sedeInput.safeParse({ ...sede, placesPerGrade: [4, 4, 4, 4] }).success).toBe(true);
  });
});

describe('course and cycle forms', () => {
  it('default the quality registry to "no" and ask for the specialty', () => {
    expect(courseInput.parse({ specialtyId: 3, name: 'Curso de Cardiología' }).qualityRegistry).toBe(false);
    expect(messages(courseInput, { name: 'Curso' })).toEqual({ specialtyId: 'Seleccione la especialidad.' });
  });

  it('keep cycle years in range', () => {
    expect(messages(cycleInput, { startYear: 1999 })).toEqual({ startYear: 'Año fuera de rango.' });
  });
});

describe('role grant form', () => {
  it('asks where an OOAD-, unit- or sede-scoped role applies', () => {
    expect(messages(grantInput, { role: 'coordinador_educacion', scopeKind: 'unit' })).toEqual({ unitId: 'Indique a qué parte de la institución aplica el rol.' });
    expect(messages(grantInput, { role: 'coordinador_ooad', scopeKind: 'ooad' })).toEqual({ ooadId: 'Indique a qué parte de la institución aplica el rol.' });
    expect(grantInput.safeParse({ role: 'residente', scopeKind: 'self' }).success).toBe(true);
  });

  it('refuses unknown roles; which scope each role takes is checked by the server', () => {
    expect(messages(grantInput, { role: 'rector', scopeKind: 'national' })).toEqual({ role: 'Rol desconocido.' });
    expect(grantInput.safeParse({ role: 'residente', scopeKind: 'national' }).success).toBe(true);
  });
});
