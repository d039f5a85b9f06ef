import { describe, expect, it } from 'vitest';
import { bulletinNumber, countOf } from './wording.ts';

describe('bulletin number wording', () => {
  it.each([
    [0, '0'],
    [143, '143'],
    [999, '999'],
    [1000, '1 mil'],
    [12_000, '12 mil'],
    [21_040, '21 mil 40'],
    [26_350, '26 mil 350'],
    [70_067, '70 mil 67'],
    [1_000_000, '1 millón'],
    [358_000_000, '358 millones'],
    [2_005_001, '2 millones 5 mil 1'],
  ])('%i → "%s"', (n, words) => expect(bulletinNumber(n)).toBe(words));
});

describe('counts with their noun', () => {
  it('agrees in number and keeps the bulletin style', () => {
    expect(countOf(1, 'sede académica', 'sedes académicas')).toBe('1 sede académica');
    expect(countOf(0, 'sede académica', 'sedes académicas')).toBe('0 sedes académicas');
    expect(countOf(254, 'sede académica', 'sedes académicas')).toBe('254 sedes académicas');
    expect(countOf(26_350, 'residente', 'residentes')).toBe('26 mil 350 residentes');
  });
});
