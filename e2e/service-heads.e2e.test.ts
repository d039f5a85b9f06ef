import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPassword, apiAs, baseUrl, choose, launch, loginAs, newPage } from './support/browser.ts';
import { firstLogin } from './support/accounts.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('appointing a jefe de servicio', () => {
  it('the administrator picks the service the jefe heads among the services of the chosen unit, and the list shows it', async () => {
    const admin = await newPage(browser);
    await loginAs(admin, 'admin', adminPassword());
    await admin.getByRole('heading', { name: /Bienvenida/ }).waitFor();
    const units = await apiAs(admin, 'GET', '/catalog/units?q=Hospital%20General%20de%20Zona%20No.%2015&limit=1');
    const unit = units.items[0] as { id: number; name: string };
    for (const name of ['Urgencias (jefatura e2e)', 'Cirugía General (jefatura e2e)']) await apiAs(admin, 'POST', '/rotations/services', { unitId: unit.id, name, capacityPerGrade: [2, 2, 2, 2] });

    await admin.goto(`${admin.url()}admin/users/new`);
    await admin.getByLabel(/^Usuario( \*)?$/).fill('jefe.urgencias.e2e');
    await admin.getByLabel(/^Nombre( \*)?$/).fill('Jefe de Urgencias');
    await admin.getByLabel('Contraseña temporal').fill('temporal-de-prueba-1');
    await admin.getByRole('button', { name: 'Agregar rol' }).click();
    await admin.getByRole('combobox', { name: 'Rol' }).click();
    await admin.getByRole('option', { name: 'Jefe de servicio' }).click();
    const service = admin.getByRole('combobox', { name: 'Servicio que encabeza' });
    expect(await service.isDisabled()).toBe(true);
    await choose(admin, 'OOAD, unidad o sede', 'Zona No. 15', unit.name);
    await expect.poll(() => service.isDisabled()).toBe(false);
    await admin.getByRole('button', { name: 'Guardar' }).click();
    await admin.getByText('Indique el servicio que encabeza.').waitFor();
    await service.click();
    expect(await admin.getByRole('option').allTextContents()).toEqual(expect.arrayContaining(['Urgencias (jefatura e2e)', 'Cirugía General (jefatura e2e)']));
    await admin.getByRole('option', { name: 'Urgencias (jefatura e2e)' }).click();
    await admin.getByRole('button', { name: 'Guardar' }).click();
    await admin.waitForURL(/admin\/users\/\d+$/);
    await expect.poll(() => admin.getByRole('combobox', { name: 'Servicio que encabeza' }).inputValue()).toBe('Urgencias (jefatura e2e)');

    await admin.goto(admin.url().replace(/admin\/users\/\d+$/, 'admin/users'));
    await admin.getByText('Jefe de servicio (Urgencias (jefatura e2e))').waitFor();
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByText('Head of service (Urgencias (jefatura e2e))').waitFor();
    await admin.getByRole('button', { name: 'Español' }).click();
    await admin.context().close();

    // The jefe, once signed in, is offered only the service they head when generating a roster.
    const jefe = await newPage(browser);
    await firstLogin(jefe, 'jefe.urgencias.e2e', 'temporal-de-prueba-1', 'jefe-de-urgencias-1');
    await jefe.goto(new URL('guards', baseUrl().endsWith('/') ? baseUrl() : `${baseUrl()}/`).toString());
    await choose(jefe, 'Unidad', 'Zona No. 15', unit.name);
    await jefe.getByRole('checkbox', { name: 'Urgencias (jefatura e2e)' }).waitFor();
    expect(await jefe.getByRole('checkbox', { name: 'Cirugía General (jefatura e2e)' }).count()).toBe(0);
    await jefe.context().close();
  });
});
