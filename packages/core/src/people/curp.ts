/**
 * CURP (Clave Única de Registro de Población) checks per RENAPO's published algorithm:
 * 18 characters, YYMMDD birth date at positions 5–10, sex at 11, state at 12–13, a century
 * marker at 17 (digit up to 1999, letter from 2000) and a check digit at 18.
 */
export const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/** RENAPO state codes; NE = nacido en el extranjero. */
export const CURP_STATES = [
  'AS', 'BC', 'BS', 'CC', 'CL', 'CM', 'CS', 'CH', 'DF', 'DG', 'GT', 'GR', 'HG', 'JC', 'MC', 'MN', 'MS',
  'NT', 'NL', 'OC', 'PL', 'QT', 'QR', 'SP', 'SL', 'SR', 'TC', 'TS', 'TL', 'VZ', 'YN', 'ZS', 'NE',
] as const;

const SHAPE = /^[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$/;

export type CurpSex = 'H' | 'M';
export type CurpProblem = 'format' | 'date' | 'state' | 'check_digit';
export type CurpFacts = { birthDate: string; sex: CurpSex; stateCode: string };
export type CurpResult = { ok: true; facts: CurpFacts } | { ok: false; problem: CurpProblem; message: string };

/** Weighted sum of the first 17 characters (weights 18 down to 2) → (10 − sum mod 10) mod 10. */
export function curpCheckDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i] ?? '0') * (18 - i);
  return (10 - (sum % 10)) % 10;
}

export function curpBirthDate(curp: string): string | null {
  const yy = Number(curp.slice(4, 6));
  const mm = Number(curp.slice(6, 8));
  const dd = Number(curp.slice(8, 10));
  const year = (/\d/.test(curp[16] ?? '') ? 1900 : 2000) + yy;
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return null;
  return date.toISOString().slice(0, 10);
}

export function checkCurp(raw: string): CurpResult {
  const curp = raw.trim().toUpperCase();
  if (!SHAPE.test(curp))
    return { ok: false, problem: 'format', message: 'La CURP debe tener 18 caracteres: 4 letras, fecha AAMMDD, sexo H/M, 2 letras de entidad, 3 consonantes, homoclave y dígito verificador.' };
  const birthDate = curpBirthDate(curp);
  if (!birthDate) return { ok: false, problem: 'date', message: `La fecha de nacimiento de la CURP (${curp.slice(4, 10)}) no existe.` };
  const stateCode = curp.slice(11, 13);
  if (!(CURP_STATES as readonly string[]).includes(stateCode))
    return { ok: false, problem: 'state', message: `La entidad de nacimiento "${stateCode}" de la CURP no existe.` };
  const expected = curpCheckDigit(curp);
  if (Number(curp[17]) !== expected)
    return { ok: false, problem: 'check_digit', message: `El dígito verificador de la CURP no corresponde (debería ser ${expected}).` };
  return { ok: true, facts: { birthDate, sex: curp[10] as CurpSex, stateCode } };
}

/** Compares the facts a person record declares with those encoded in their CURP. */
export function curpMismatches(facts: CurpFacts, declared: { sex?: CurpSex | null; birthDate?: string | null }) {
  const problems: { field: 'sex' | 'birthDate'; message: string }[] = [];
  if (declared.sex && declared.sex !== facts.sex)
    problems.push({ field: 'sex', message: `El sexo (${declared.sex}) no coincide con el de la CURP (${facts.sex}).` });
  if (declared.birthDate && declared.birthDate !== facts.birthDate)
    problems.push({ field: 'birthDate', message: `La fecha de nacimiento no coincide con la de la CURP (${facts.birthDate}).` });
  return problems;
}
