import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURP_ALPHABET, CURP_STATES, checkCurp, curpCheckDigit, curpMismatches } from './curp.ts';
import { buildCurp } from './curp-build.ts';

const birthDate = fc
  .date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2009-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const word = fc.constantFrom('García', 'Hernández', 'Peña', 'Ibáñez', 'Muñoz', 'Ruiz', 'Oropeza', 'Álvarez', 'Uc', 'Xool', 'De la Cruz');
const given = fc.constantFrom('Ana', 'José Luis', 'María Fernanda', 'Íñigo', 'Xóchitl', 'Juan', 'Eréndira', 'Ulises');
const parts = fc.record({
  firstSurname: word,
  secondSurname: fc.option(word, { nil: null }),
  givenNames: given,
  birthDate,
  sex: fc.constantFrom('H' as const, 'M' as const),
  stateCode: fc.constantFrom(...CURP_STATES),
  homonym: fc.nat({ max: 25 }),
});
const weightedSum = (s: string) => [...s.slice(0, 17)].reduce((acc, ch, i) => acc + CURP_ALPHABET.indexOf(ch) * (18 - i), 0);

describe('CURP', () => {
  it('accepts a CURP whose check digit follows RENAPO weights', () => {
    const head = 'PEMA900215MJCRRN0';
    expect(checkCurp(head + curpCheckDigit(head))).toEqual({ ok: true, facts: { birthDate: '1990-02-15', sex: 'M', stateCode: 'JC' } });
  });

  it('reads the century from position 17: a letter means born from 2000', () => {
    const head = 'LOHJ030101HNLPRNA';
    const result = checkCurp(head + curpCheckDigit(head));
    expect(result.ok && result.facts.birthDate).toBe('2003-01-01');
  });

  it('says which rule a bad CURP breaks, in Spanish', () => {
    const good = buildCurp({ firstSurname: 'Peña', givenNames: 'Ana', birthDate: '1995-07-30', sex: 'M', stateCode: 'NL' });
    const wrongDigit = good.slice(0, 17) + ((Number(good[17]) + 1) % 10);
    expect(checkCurp(wrongDigit)).toMatchObject({ ok: false, problem: 'check_digit' });
    expect(checkCurp(`${good.slice(0, 4)}950230${good.slice(10)}`)).toMatchObject({ ok: false, problem: 'date', message: expect.stringContaining('no existe') });
    expect(checkCurp(`${good.slice(0, 11)}ZZ${good.slice(13)}`)).toMatchObject({ ok: false, problem: 'state' });
    expect(checkCurp('ABC')).toMatchObject({ ok: false, problem: 'format' });
  });

  it('flags a sex or birth date that contradicts the CURP', () => {
    const curp = buildCurp({ firstSurname: 'Muñoz', givenNames: 'Luis', birthDate: '1992-11-03', sex: 'H', stateCode: 'DF' });
    const result = checkCurp(curp);
    if (!result.ok) throw new Error(result.message);
    expect(curpMismatches(result.facts, { sex: 'M', birthDate: '1992-11-04' }).map((p) => p.field)).toEqual(['sex', 'birthDate']);
    expect(curpMismatches(result.facts, { sex: 'H', birthDate: '1992-11-03' })).toEqual([]);
  });

  it('accepts every CURP composed from valid facts, and reads the same facts back', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const result = checkCurp(buildCurp(p));
        expect(result).toEqual({ ok: true, facts: { birthDate: p.birthDate, sex: p.sex, stateCode: p.stateCode } });
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects any single-character change that alters the weighted sum mod 10', () => {
    fc.assert(
      fc.property(parts, fc.nat({ max: 16 }), fc.constantFrom(...CURP_ALPHABET), (p, position, replacement) => {
        const curp = buildCurp(p);
        const changed = curp.slice(0, position) + replacement + curp.slice(position + 1);
        fc.pre(weightedSum(changed) % 10 !== weightedSum(curp) % 10);
        expect(checkCurp(changed).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects any change of the check digit itself', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 1, max: 9 }), (p, delta) => {
        const curp = buildCurp(p);
        expect(checkCurp(curp.slice(0, 17) + ((Number(curp[17]) + delta) % 10)).ok).toBe(false);
      }),
    );
  });
});
