import { describe, expect, it } from 'vitest';
import { templateInput } from './schemas.ts';

const errors = (input: unknown) => {
  const r = templateInput.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('template schema', () => {
  it('names each missing or wrong field in Spanish, at its path', () => {
    expect(errors({ name: ' ', items: [{ text: 'Elabora el estudio de salud familiar.' }], levels: [{ level: Number.NaN, label: 'Bajo', descriptor: 'x' }, { level: 2, label: '', descriptor: 'y' }] })).toEqual({
      name: 'El nombre de la plantilla es obligatorio.',
      'items.0.competencyId': 'Elija la competencia del reactivo.',
      'levels.0.level': 'El nivel es un número entero del 0 al 10.',
      'levels.1.label': 'La etiqueta del nivel es obligatoria.',
    });
  });

  it('refuses a rubric with a repeated level number, which would merge two levels', () => {
    const levels = [{ level: 1, label: 'Bajo', descriptor: 'a' }, { level: 2, label: 'Medio', descriptor: 'b' }, { level: 2, label: 'Alto', descriptor: 'c' }];
    expect(errors({ name: 'MF R1', items: [{ competencyId: 1, text: 'Reactivo' }], levels })).toEqual({ 'levels.2.level': 'El nivel 2 está repetido; cada nivel lleva un número distinto.' });
    expect(errors({ name: 'MF R1', items: [{ competencyId: 1, text: 'Reactivo' }], levels: levels.slice(0, 2) })).toEqual({});
  });
});
