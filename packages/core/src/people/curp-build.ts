import { foldText } from '../shared/text.ts';
import { type CurpSex, curpCheckDigit } from './curp.ts';

export type CurpParts = {
  firstSurname: string;
  secondSurname?: string | null;
  givenNames: string;
  birthDate: string;
  sex: CurpSex;
  stateCode: string;
  /** 0–9 for births up to 1999 or 0–25 (A–Z) from 2000, to tell homonyms apart. */
  homonym?: number;
};

const VOWELS = 'AEIOU';
const letters = (s: string) => foldText(s).toUpperCase().replace(/[^A-Z ]/g, 'X');
const firstInternal = (word: string, vowel: boolean) => {
  for (const ch of word.slice(1)) if (VOWELS.includes(ch) === vowel && ch !== ' ') return ch;
  return 'X';
};
// RENAPO skips the common first names José and María when the person has another given name.
const usedGivenName = (names: string) => {
  const words = letters(names).split(/\s+/).filter(Boolean);
  return words.length > 1 && ['JOSE', 'J', 'MARIA', 'MA', 'MA.'].includes(words[0] ?? '') ? (words[1] ?? '') : (words[0] ?? 'X');
};

/** Composes the CURP RENAPO would assign from a person's names, birth date, sex and state. */
export function buildCurp(p: CurpParts): string {
  const first = letters(p.firstSurname).replace(/\s+/g, '') || 'X';
  const second = p.secondSurname ? letters(p.secondSurname).replace(/\s+/g, '') : '';
  const given = usedGivenName(p.givenNames);
  const [y, m, d] = p.birthDate.split('-');
  const homonym = p.homonym ?? 0;
  const twentyFirst = Number(y) >= 2000;
  const head =
    (first[0] ?? 'X') +
    firstInternal(first, true) +
    (second[0] ?? 'X') +
    (given[0] ?? 'X') +
    (y ?? '').slice(2) + m + d +
    p.sex +
    p.stateCode +
    firstInternal(first, false) +
    (second ? firstInternal(second, false) : 'X') +
    firstInternal(given, false) +
    (twentyFirst ? String.fromCharCode(65 + (homonym % 26)) : String(homonym % 10));
  return head + curpCheckDigit(head);
}
