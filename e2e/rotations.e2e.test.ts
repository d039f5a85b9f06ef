import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { adminPassword, apiAs, baseUrl, choose, launch, loginAs, newPage } from './support/browser.ts';

let browser: Browser;
let page: Page;
let unit: { id: number; name: string };

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser, { width: 1400, height: 1000 });
  await loginAs(page, 'admin', adminPassword());
  await page.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  const units = (await apiAs(page, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%2021%20(demo)&limit=20')).items as { id: number; name: string }[];
  unit = units.find((u) => u.name.startsWith('Unidad de Medicina Familiar No. 21 (demo)')) as { id: number; name: string };
  const sede = (await apiAs(page, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0];
  const cycle = (await apiAs(page, 'GET', '/catalog/cycles?q=2026-2027')).items[0];
  // A complementary unit of 40 camas censables hosts the rotación de campo.
  const complementary = (await apiAs(page, 'GET', '/catalog/units?q=Unidad%20Complementaria%201%20(demo)&limit=1')).items[0];
  await apiAs(page, 'POST', '/rotations/services', { unitId: complementary.id, name: 'Ginecología (campo e2e)', capacityPerGrade: [5, 5, 5] });
  const birthDate = '1991-02-11';
  const curp = buildCurp({ firstSurname: 'Campo', secondSurname: 'Prueba', givenNames: 'Olga', birthDate, sex: 'M', stateCode: 'DF' });
  const person = { keyType: 'curp', curp, givenNames: 'Olga', firstSurname: 'Campo', secondSurname: 'Prueba', sex: 'M', birthDate, nationality: 'MEX' };
  await apiAs(page, 'POST', '/people/residents', { person, sedeId: sede.id, cycleId: cycle.id, grade: 3 });
});
afterAll(() => browser.close());

describe('annual rotation plan', () => {
  it('shows the rotación de campo rule in force, checks a campo block against it while it is typed, and the saved plan agrees', async () => {
    await page.goto(`${baseUrl()}/rotations/plan`);
    await choose(page, 'Unidad', 'Familiar No. 21 (demo)', unit.name);
    await choose(page, 'Ciclo', '2026-2027', '2026-2027');
    const rule = page.getByTestId('field-rule');
    await expect.poll(() => rule.textContent()).toContain('Regla vigente de rotación de campo: IMSS-ROTACION-CAMPO');
    expect(await rule.textContent()).toContain('desde 01/03/2013: de 3 a 6 meses en el último año, en unidades con al menos 30 camas censables');
    expect(await page.getByTestId('plan-issues').textContent()).toContain('Falta la rotación de campo de último año');

    // Olga, R3 of Medicina Familiar, gets one month of campo: too short, before anything is saved.
    await choose(page, 'Residente', 'Campo', /Campo Prueba Olga/);
    await choose(page, 'Servicio', 'campo e2e', /Ginecología \(campo e2e\)/);
    await page.getByLabel('Desde (dd/mm/aaaa)').fill('01/09/2026');
    await page.getByLabel('Hasta (dd/mm/aaaa)').fill('30/09/2026');
    await page.getByLabel('Tipo').first().click();
    await page.getByRole('option', { name: 'campo' }).click();
    const check = page.getByTestId('field-check');
    await expect.poll(() => check.textContent()).toContain('La rotación de campo suma 1.0 meses; debe durar de 3 a 6.');
    await page.getByLabel('Hasta (dd/mm/aaaa)').fill('30/11/2026');
    await expect.poll(() => check.textContent()).toContain('cumple la regla vigente');

    await page.getByRole('button', { name: 'Agregar rotación' }).click();
    await expect.poll(() => page.getByTestId('plan-issues').textContent()).toBe('El plan cumple las reglas de rotación.');
  });
});
