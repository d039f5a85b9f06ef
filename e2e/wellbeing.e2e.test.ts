import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLogin, goto } from './support/accounts.ts';
import { apiAs, launch, newPage } from './support/browser.ts';
import { adminWithDemoResident } from './support/demo-resident.ts';

let browser: Browser;
let admin: Page;

beforeAll(async () => {
  browser = await launch();
  ({ admin } = await adminWithDemoResident(browser, { givenNames: 'Lucía', firstSurname: 'Bienestar', birthDate: '1996-03-14', username: 'lucia.bienestar', password: 'temporal-lucia-1' }));
  await apiAs(admin, 'POST', '/access/users', { username: 'sofia.enlace', displayName: 'Sofía Enlace', password: 'temporal-sofia-1', grants: [{ role: 'enlace_salud_mental', scopeKind: 'national' }] });
});
afterAll(() => browser.close());

describe('wellbeing self-screening', () => {
  it('a resident answers PHQ-9 with item 9 above 0 on a phone and sees the crisis lines at once; the liaison sees the alert', async () => {
    const resident = await newPage(browser, { width: 375, height: 812 });
    await firstLogin(resident, 'lucia.bienestar', 'temporal-lucia-1', 'lucia-propia-clave-1');
    await goto(resident, '/wellbeing');
    await resident.getByRole('button', { name: 'Responder PHQ-9' }).click();
    const groups = resident.getByTestId('questionnaire').getByRole('radiogroup');
    expect(await groups.count()).toBe(9);
    for (let i = 0; i < 9; i++) await groups.nth(i).getByRole('radio', { name: i === 8 ? 'Varios días' : 'Ningún día' }).check();
    await resident.getByRole('button', { name: 'Enviar respuestas' }).click();
    const crisis = resident.getByTestId('crisis');
    await crisis.waitFor();
    expect(await crisis.textContent()).toContain('800 911 2000');
    expect(await crisis.getByRole('link', { name: '800 911 2000' }).getAttribute('href')).toBe('tel:8009112000');
    expect(await resident.getByTestId('screening-result').textContent()).toContain('Puntaje 1');

    const liaison = await newPage(browser);
    await firstLogin(liaison, 'sofia.enlace', 'temporal-sofia-1', 'sofia-propia-clave-1');
    await liaison.getByRole('link', { name: 'Alertas de bienestar' }).click();
    const alert = liaison.getByTestId('wellbeing-alert').filter({ hasText: 'Lucía Bienestar' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Abierta');
    await alert.getByLabel('Nota de seguimiento').fill('Llamada de contacto realizada.');
    await alert.getByRole('button', { name: 'Dar seguimiento' }).click();
    await expect.poll(() => liaison.getByTestId('wellbeing-alert').filter({ hasText: 'Lucía Bienestar' }).textContent()).toContain('En seguimiento');

    // Opening the queue named a person, so it left an audit row under the liaison's name.
    const audit = await apiAs(admin, 'GET', '/audit?entity=wellbeing_alerts&actor=sofia.enlace');
    expect(audit.items.length).toBeGreaterThan(0);
  });
});
