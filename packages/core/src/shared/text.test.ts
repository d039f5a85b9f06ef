import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOLD_FROM, FOLD_TO, foldText } from './text.ts';

const spanish = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnñopqrstuvwxyzABCDEFGHIJKLMNÑOPQRSTUVWXYZáéíóúüÁÉÍÓÚÜçÇ0123456789 \t\n.-,'.split('')),
  maxLength: 40,
});

describe('foldText', () => {
  it('finds "Nuevo León" when the user types "nuevo leon"', () => {
    expect(foldText('Nuevo León')).toBe(foldText('nuevo leon'));
    expect(foldText('  NUEVO   LEÓN ')).toBe('nuevo leon');
  });

  it('folds the Spanish letters a coordinator types: accents, diaeresis, eñe', () => {
    expect(foldText('Ñandú Güémez Álvarez Íñigo Óscar Úrsula')).toBe('nandu guemez alvarez inigo oscar ursula');
    expect(foldText('Querétaro, Michoacán, San Luis Potosí, Yucatán')).toBe('queretaro, michoacan, san luis potosi, yucatan');
  });

  it('folds text written with combining accents (as pasted from some PDFs and macOS) like precomposed text', () => {
    expect(foldText('Leo\u0301n')).toBe('leon');
    expect(foldText('Pen\u0303a')).toBe('pena');
  });

  it('keeps the SQL alphabet aligned: every accented letter maps to its own base letter', () => {
    expect([...FOLD_FROM].length).toBe([...FOLD_TO].length);
    [...FOLD_FROM].forEach((ch, i) => expect(ch.normalize('NFD')[0].toLowerCase(), ch).toBe(FOLD_TO[i]));
  });

  it('property: folding twice changes nothing', () => {
    fc.assert(fc.property(spanish, (s) => {
      expect(foldText(foldText(s))).toBe(foldText(s));
    }));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
      expect(foldText(foldText(s))).toBe(foldText(s));
    }));
  });

  it('property: case and accents never decide whether two texts match', () => {
    fc.assert(
      fc.property(spanish, (s) => {
        expect(foldText(s.toUpperCase())).toBe(foldText(s));
        expect(foldText(s.normalize('NFD'))).toBe(foldText(s));
        expect(foldText(s)).not.toMatch(/[A-ZÁÉÍÓÚÜÑÇáéíóúüñç]/);
      }),
    );
  });
});
