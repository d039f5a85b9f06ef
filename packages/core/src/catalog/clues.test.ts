import { describe, expect, it } from 'vitest';
import { CLUES_PATTERN, isValidClues, normalizeClues } from './clues.ts';

describe('CLUES', () => {
  it('accepts the shape used by the institute: 5 letters and 6 digits', () => {
    for (const clues of ['NLIMS000315', 'JCIMS000301', 'DFIMS000580', 'VZIMS001112']) expect(isValidClues(clues)).toBe(true);
  });

  it('refuses codes of the wrong length, with digits in the letter part or letters in the number', () => {
    for (const clues of ['', 'NLIMS00031', 'NLIMS0003150', 'NL1MS000315', 'NLIMS00031A', 'NLIMS-000315', 'ÑLIMS000315'])
      expect(isValidClues(clues), clues).toBe(false);
  });

  it('does not normalise on its own: lower case or padding fail until normalised', () => {
    expect(isValidClues('nlims000315')).toBe(false);
    expect(isValidClues(' NLIMS000315 ')).toBe(false);
    expect(normalizeClues('  nlims000315 ')).toBe('NLIMS000315');
    expect(isValidClues(normalizeClues('  nlims000315 '))).toBe(true);
  });

  it('anchors the pattern, so a valid code inside longer text is not enough', () => {
    expect(CLUES_PATTERN.test('xNLIMS000315')).toBe(false);
    expect(CLUES_PATTERN.test('NLIMS000315\n')).toBe(false);
  });
});
