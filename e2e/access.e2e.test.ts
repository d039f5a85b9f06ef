import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword, apiAs, choose, launch, loginAs, newPage } from './support/browser.ts';
import { firstLogin } from './support/accounts.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('signing in', () => {
  it('the administrator is told a wrong password in Spanish, signs in, switches to English and back, and signs out', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'admin', 'no-es-la-contraseña');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Usuario o contraseña incorrectos.');
    await page.getByLabel(/^Contraseña( \*)?$/).fill(adminPassword());
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: /Bienvenida/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Units' }).waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('link', { name: 'Unidades' }).waitFor();
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('button', { name: 'Entrar' }).waitFor();
    await page.context().close();
  });

  it('a new unit coordinator must change the temporary password, then sees the catalogue but no administration', async () => {
    const admin = await newPage(browser);
    await loginAs(admin, 'admin', adminPassword());
    await admin.getByRole('heading', { name: /Bienvenida/ }).waitFor();
    const units = await apiAs(admin, 'GET', '/catalog/units?q=Hospital%20General%20de%20Zona%20No.%2014&limit=1');
    await admin.goto(`${admin.url()}admin/users/new`);
    await admin.getByLabel(/^Usuario( \*)?$/).fill('coord.prueba');
    await admin.getByLabel(/^Nombre( \*)?$/).fill('Coordinadora de prueba');
    await admin.getByLabel('Contraseña temporal').fill('temporal-de-prueba-1');
    await admin.getByRole('button', { name: 'Agregar rol' }).click();
    await admin.getByRole('combobox', { name: 'Rol' }).click();
    await admin.getByRole('option', { name: 'Coordinador de educación (unidad)' }).click();
    expect(await admin.getByRole('combobox', { name: 'Alcance' }).inputValue()).toBe('Unidad');
    await choose(admin, 'OOAD, unidad o sede', 'Zona No. 14', units.items[0].name);
    await admin.getByRole('button', { name: 'Guardar' }).click();
    await admin.waitForURL(/admin\/users\/\d+$/);
    await admin.context().close();

    const coord = await newPage(browser);
    await firstLogin(coord, 'coord.prueba', 'temporal-de-prueba-1', 'mi-contraseña-propia-1');
    expect(await coord.getByRole('link', { name: 'Unidades' }).count()).toBe(1);
    expect(await coord.getByRole('link', { name: 'Usuarios' }).count()).toBe(0);
    expect(await coord.getByRole('link', { name: 'Auditoría' }).count()).toBe(0);
    await coord.context().close();
  });
});
