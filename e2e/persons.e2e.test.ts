import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { adminPassword, apiAs, baseUrl, launch, loginAs, newPage } from './support/browser.ts';

let browser: Browser;
let page: Page;
let residentId: number;

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  await loginAs(page, 'admin', adminPassword());
  await page.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  const unit = (await apiAs(page, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%2014%20(demo)&limit=1')).items[0];
  const sede = (await apiAs(page, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0];
  const cycle = (await apiAs(page, 'GET', '/catalog/cycles?q=2026-2027')).items[0];
  const parts = { firstSurname: 'Zavala', secondSurname: 'Ruiz', givenNames: 'Irene', birthDate: '1995-11-03', sex: 'M' as const, stateCode: 'JC' };
  const person = { keyType: 'curp', curp: buildCurp(parts), givenNames: parts.givenNames, firstSurname: parts.firstSurname, secondSurname: parts.secondSurname, sex: parts.sex, birthDate: parts.birthDate, nationality: 'MEX' };
  residentId = (await apiAs(page, 'POST', '/people/residents', { person, sedeId: sede.id, cycleId: cycle.id, grade: 1 })).id;
});
afterAll(() => browser.close());

describe('resident profile', () => {
  it('a coordinator records the cédula profesional as verified, after fixing the field the form rejected', async () => {
    await page.goto(`${baseUrl()}/people/residents/${residentId}`);
    const cedula = page.getByTestId('person-cedulaLicenciatura');
    await expect.poll(() => cedula.textContent()).toContain('Sin registrar');
    await page.getByRole('button', { name: 'Editar datos' }).click();
    await page.getByLabel('Cédula profesional (licenciatura)').fill('12');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('La cédula profesional tiene 7 u 8 dígitos.').waitFor();
    await page.getByLabel('Cédula profesional (licenciatura)').fill('10234567');
    await page.getByLabel('Verificada a mano (no hay consulta pública)').first().check();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => cedula.textContent()).toContain('10234567');
    expect(await cedula.textContent()).toContain('Verificada');
    expect((await apiAs(page, 'GET', `/people/residents/${residentId}`)).person).toMatchObject({ cedulaLicenciatura: '10234567', cedulaLicenciaturaVerified: true });
  });
});
