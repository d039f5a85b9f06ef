import { describe, expect, it } from 'vitest';
import { type PersonEditable, changedFields, mergePersonUpdate, personUpdateInput } from './person-update.ts';

const current: PersonEditable = {
  keyType: 'curp',
  email: 'ana@example.mx',
  phone: null,
  nationality: 'MEX',
  matricula: null,
  cedulaLicenciatura: '1234567',
  cedulaLicenciaturaVerified: true,
  cedulaEspecialidad: null,
  cedulaEspecialidadVerified: false,
};

describe('editing a person', () => {
  it('keeps what was not sent and clears what was sent as null', () => {
    expect(personUpdateInput.parse({ email: 'nuevo@example.mx', version: 2 })).toEqual({ email: 'nuevo@example.mx', version: 2 });
    expect(mergePersonUpdate({ ...current, phone: '3312345678' }, { email: 'nuevo@example.mx', version: 2 })).toMatchObject({ ok: true, values: { phone: '3312345678' } });
    const r = mergePersonUpdate(current, { phone: '33 1234 5678', email: null, version: 0 });
    expect(r).toMatchObject({ ok: true, values: { phone: '33 1234 5678', email: null, cedulaLicenciatura: '1234567', cedulaLicenciaturaVerified: true } });
  });

  it('drops the verified mark when the cédula number changes, unless verified again', () => {
    expect(mergePersonUpdate(current, { cedulaLicenciatura: '7654321', version: 0 })).toMatchObject({ ok: true, values: { cedulaLicenciaturaVerified: false } });
    expect(mergePersonUpdate(current, { cedulaLicenciatura: '7654321', cedulaLicenciaturaVerified: true, version: 0 })).toMatchObject({ ok: true, values: { cedulaLicenciaturaVerified: true } });
  });

  it('refuses to verify an empty cédula, on the field', () => {
    expect(mergePersonUpdate(current, { cedulaEspecialidadVerified: true, version: 0 })).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'cedulaEspecialidad' })] });
    expect(mergePersonUpdate(current, { cedulaLicenciatura: null, version: 0 })).toMatchObject({ ok: true, values: { cedulaLicenciatura: null, cedulaLicenciaturaVerified: false } });
  });

  it('keeps a foreigner with a temporary key out of MEX nationality', () => {
    expect(mergePersonUpdate({ ...current, keyType: 'temporal', nationality: 'COL' }, { nationality: 'MEX', version: 0 }).ok).toBe(false);
  });

  it('names the fields sent and validates them with Spanish messages', () => {
    expect(changedFields({ email: 'a@b.mx', cedulaEspecialidad: undefined, version: 3 })).toEqual(['email']);
    const bad = personUpdateInput.safeParse({ cedulaEspecialidad: '12', version: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['cedulaEspecialidad'], message: expect.stringContaining('7 u 8 dígitos') });
  });
});
