import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { adminPassword, apiAs, baseUrl, choose, launch, loginAs, newPage } from './support/browser.ts';

let browser: Browser;
let page: Page;
let unit: { id: number; name: string; clues: string };
beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  await loginAs(page, 'admin', adminPassword());
  await page.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  unit = (await apiAs(page, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%2014%20(demo)&limit=1')).items[0];
});
afterAll(() => browser.close());

const HEADER = 'CURP,Nombre(s),Primer apellido,Segundo apellido,Sexo,Fecha de nacimiento,CLUES,Especialidad,Ciclo,Grado';
const person = (firstSurname: string, givenNames: string, birthDate: string) => ({
  curp: buildCurp({ firstSurname, secondSurname: 'Ruiz', givenNames, birthDate, sex: 'M', stateCode: 'JC' }),
  line: (curp: string) => [curp, givenNames, firstSurname, 'Ruiz', 'M', birthDate.split('-').reverse().join('/'), unit.clues, 'MFA', '2026-2027', 'R1'].join(','),
});

describe('residents', () => {
  it('imports a file after fixing the row the validation rejected, and finds the new residents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sirem-import-'));
    const ana = person('Ibáñez', 'Ana Sofía', '1997-04-12');
    const lucia = person('Peña', 'Lucía', '1996-09-30');
    const broken = `${lucia.curp.slice(0, 17)}${(Number(lucia.curp[17]) + 1) % 10}`;
    const bad = join(dir, 'residentes.csv');
    writeFileSync(bad, [HEADER, ana.line(ana.curp), lucia.line(broken)].join('\n'));
    await page.getByRole('link', { name: 'Importar' }).click();
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: 'Validar archivo' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('1 con errores');
    const errorRow = page.locator('tbody tr', { hasText: 'dígito verificador' });
    expect(await errorRow.locator('td').nth(0).textContent()).toBe('3');
    expect(await errorRow.locator('td').nth(1).textContent()).toBe('CURP');
    expect(await page.getByRole('button', { name: 'Aplicar importación' }).count()).toBe(0);

    const good = join(dir, 'residentes-corregido.csv');
    writeFileSync(good, [HEADER, ana.line(ana.curp), lucia.line(lucia.curp)].join('\n'));
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByRole('button', { name: 'Validar archivo' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('2 nuevas');
    await page.getByRole('button', { name: 'Aplicar importación' }).click();
    await page.getByText('Importación aplicada.').first().waitFor();

    await page.getByRole('link', { name: 'Residentes', exact: true }).click();
    await page.getByLabel('Buscar').fill('ibanez ana');
    await page.locator('tbody tr', { hasText: 'Ibáñez' }).first().waitFor();
  });

  it('previews the annual promotion of a unit, marks a repeater, and applies it', async () => {
    await page.goto(`${baseUrl()}/people/promotion`);
    await choose(page, 'Ciclo que termina', '2026', '2026-2027');
    await choose(page, 'Unidad', 'Familiar No. 14 (demo)', unit.name);
    await page.getByRole('button', { name: 'Vista previa' }).click();
    await expect.poll(() => page.getByTestId('promotion-totals').textContent()).toContain('2 promueven, 0 repiten, 0 egresan');
    await page.getByRole('checkbox', { name: /Repite: Peña/ }).check();
    await expect.poll(() => page.getByTestId('promotion-totals').textContent()).toContain('1 promueven, 1 repiten');
    await page.getByRole('button', { name: 'Confirmar promoción' }).click();
    await page.getByText(/Promoción aplicada: 1 promovidos, 1 repiten/).waitFor();
    const list = await apiAs(page, 'GET', '/people/residents?q=ibanez%20ana');
    expect(list.items[0]).toMatchObject({ grade: 2, cycleCode: '2027-2028' });
  });
});
