import { describe, expect, it } from 'vitest';
import { canonicalCode, codePrefix } from './codes.ts';

describe('canonicalCode', () => {
  it('brings DGIS undotted CIE-10 keys and typed dotted codes to one form', () => {
    expect(canonicalCode('cie10', 'A000')).toBe('A00.0');
    expect(canonicalCode('cie10', 'a00.0')).toBe('A00.0');
    expect(canonicalCode('cie10', 'A09X')).toBe('A09');
    expect(canonicalCode('cie10', 'I10X')).toBe('I10');
    expect(canonicalCode('cie10', 'I10')).toBe('I10');
    expect(canonicalCode('cie10', 'E119')).toBe('E11.9');
    expect(canonicalCode('cie10', 'U07.1')).toBe('U07.1');
    expect(canonicalCode('cie10', ' e11 .9 ')).toBe('E11.9');
  });

  it('brings undotted CIE-9-MC procedure keys to the dotted form', () => {
    expect(canonicalCode('cie9mc', '4701')).toBe('47.01');
    expect(canonicalCode('cie9mc', '47.01')).toBe('47.01');
    expect(canonicalCode('cie9mc', '470')).toBe('47.0');
    expect(canonicalCode('cie9mc', '0001')).toBe('00.01');
    expect(canonicalCode('cie9mc', '47')).toBe('47');
  });

  it('refuses what is not a code of the system', () => {
    expect(canonicalCode('cie10', 'ZZZ')).toBeNull();
    expect(canonicalCode('cie10', '4701')).toBeNull();
    expect(canonicalCode('cie9mc', 'A000')).toBeNull();
    expect(canonicalCode('cie9mc', '47011')).toBeNull();
    expect(canonicalCode('cie9mc', '')).toBeNull();
  });
});

describe('codePrefix', () => {
  it('searches a typed code in canonical form and leaves partial input as typed', () => {
    expect(codePrefix('cie9mc', '4701')).toBe('47.01');
    expect(codePrefix('cie9mc', '470')).toBe('47.0');
    expect(codePrefix('cie10', 'a000')).toBe('A00.0');
    expect(codePrefix('cie10', 'a0')).toBe('A0');
  });
});
