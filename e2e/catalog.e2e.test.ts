import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword, apiAs, baseUrl, choose, launch, loginAs, newPage } from './support/browser.ts';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  await loginAs(page, 'admin', adminPassword());
  await page.getByRole('heading', { name: /Bienvenida/ }).waitFor();
});
afterAll(() => browser.close());

const ooadColumn = async () => page.locator('tbody tr td:nth-child(5)').allTextContents();
const shown = async () => ({ total: await page.getByTestId('table-total').textContent(), rows: await page.locator('tbody tr').allTextContents() });
const onlyOoad = async (name: string) => {
  const cells = await ooadColumn();
  return cells.length > 0 && cells.every((c) => c === name);
};

describe('the catalogue', () => {
  it('finds the units of Nuevo León typing without accents, sorts them, and exports the list', async () => {
    await page.getByRole('link', { name: 'Unidades' }).click();
    await page.getByLabel('Buscar').fill('nuevo leon');
    await expect.poll(() => onlyOoad('Nuevo León')).toBe(true);
    const plain = await shown();
    for (const typed of ['Nuevo León', 'NUEVO LEON']) {
      // Another OOAD in between, so the list must really reload for this spelling.
      await page.getByLabel('Buscar').fill('jalisco');
      await expect.poll(() => onlyOoad('Jalisco')).toBe(true);
      await page.getByLabel('Buscar').fill(typed);
      await expect.poll(shown).toEqual(plain);
    }
    await page.getByRole('button', { name: /^Nombre/ }).click();
    await page.getByRole('button', { name: /^Nombre ▲/ }).waitFor();
    await page.getByRole('button', { name: /^Nombre/ }).click();
    await page.getByRole('button', { name: /^Nombre ▼/ }).waitFor();
    // The header flips before the re-sorted page arrives, so wait for rows in descending order.
    await expect.poll(async () => {
      const names = await page.locator('tbody tr td:first-child').allTextContents();
      return names.length > 1 && names.join('|') === [...names].sort((a, b) => b.localeCompare(a, 'es')).join('|');
    }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exportar a Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('creates a sede after fixing the places per grade, lists it, and the audit shows the creation', async () => {
    await page.goto(`${baseUrl()}/catalog/sedes/new`);
    await choose(page, 'Curso', 'Pediatr', 'Curso de Especialización en Pediatría');
    await choose(page, 'Unidad', 'Zona No. 7 (demo)', /Hospital General de Zona No\. 7 \(demo\)/);
    await page.getByLabel(/Plazas por grado/).fill('4, 4, 4, 4, 4');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Pediatría dura 3 año(s)');
    expect(page.url()).toContain('/catalog/sedes/new');
    expect((await apiAs(page, 'GET', '/catalog/sedes?q=pediatria%20zona%20no.%207%20(demo)')).total).toBe(0);
    await page.getByLabel(/Plazas por grado/).fill('4, 4, 4');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForURL(/\/catalog\/sedes\/\d+$/);
    const sedeId = page.url().split('/').pop() ?? '';
    await page.getByText('R1: 4 · R2: 4 · R3: 4').waitFor();
    await page.getByRole('link', { name: 'Sedes académicas' }).click();
    await page.getByLabel('Buscar').fill('pediatria zona 7');
    await page.locator('tbody tr', { hasText: 'Hospital General de Zona No. 7 (demo)' }).filter({ hasText: 'Pediatría' }).first().waitFor();
    await page.getByRole('link', { name: 'Auditoría' }).click();
    await choose(page, 'Entidad', 'sede', 'sede');
    const creation = page.locator('tbody tr', { hasText: 'create' }).filter({ has: page.getByRole('cell', { name: sedeId, exact: true }) });
    await creation.first().waitFor();
  });

  it('on a phone the menu folds behind a burger and the table still works', async () => {
    const phone = await newPage(browser, { width: 375, height: 812 });
    await loginAs(phone, 'admin', adminPassword());
    await phone.getByRole('heading', { name: /Bienvenida/ }).waitFor();
    const offScreen = async () => ((await phone.getByRole('link', { name: 'Unidades' }).boundingBox())?.x ?? -1000) < 0;
    expect(await offScreen()).toBe(true);
    await phone.getByRole('button', { name: 'Menú' }).click();
    await expect.poll(offScreen).toBe(false);
    await phone.getByRole('link', { name: 'Unidades' }).click();
    await phone.locator('tbody tr').first().waitFor();
    expect(await phone.getByTestId('table-total').textContent()).toMatch(/de \d+ registros/);
    await phone.context().close();
  });
});
