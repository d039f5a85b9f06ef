import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { adminPassword, apiAs, choose, launch, loginAs, newPage } from './support/browser.ts';
import { goto } from './support/accounts.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser, { width: 1280, height: 900 });
  await loginAs(page, 'admin', adminPassword());
  await page.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  const unit = (await apiAs(page, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%205%20(demo)&limit=1')).items[0];
  const sede = (await apiAs(page, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0];
  const cycle = (await apiAs(page, 'GET', '/catalog/cycles?q=2026-2027')).items[0];
  const birthDate = '1994-07-21';
  const curp = buildCurp({ firstSurname: 'Ausente', secondSurname: 'Prueba', givenNames: 'Irene', birthDate, sex: 'M', stateCode: 'JC' });
  await apiAs(page, 'POST', '/people/residents', { person: { keyType: 'curp', curp, givenNames: 'Irene', firstSurname: 'Ausente', secondSurname: 'Prueba', sex: 'M', birthDate, nationality: 'MEX' }, sedeId: sede.id, cycleId: cycle.id, grade: 1 });
});
afterAll(() => browser.close());

describe('absences', () => {
  it("a coordinator registers a resident's sick leave and approves it; the list shows it in Spanish", async () => {
    await goto(page, '/rotations/absences');
    await page.getByRole('heading', { name: 'Registrar la ausencia de un residente' }).waitFor();
    // Without a resident the page says what is missing and registers nothing.
    await page.getByRole('button', { name: 'Registrar' }).click();
    await page.getByRole('alert').filter({ hasText: 'Elija al residente.' }).waitFor();
    await choose(page, 'Residente', 'ausente irene', /Ausente Prueba Irene/);
    await page.getByRole('combobox', { name: 'Tipo' }).click();
    await page.getByRole('option', { name: 'Incapacidad' }).click();
    await page.getByLabel('Desde').fill('10/08/2026');
    await page.getByLabel('Hasta').fill('14/08/2026');
    await page.getByRole('button', { name: 'Registrar' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Ausente Irene' });
    await expect.poll(() => row.textContent()).toContain('Solicitada');
    expect(await row.textContent()).toContain('Incapacidad');
    await row.getByRole('button', { name: 'Aprobar' }).click();
    await expect.poll(() => row.textContent()).toContain('Aprobada');
    expect(await row.textContent()).toContain('10/08/2026');
  });
});
