import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { firstLogin, goto } from './support/accounts.ts';
import { adminPassword, apiAs, launch, loginAs, newPage } from './support/browser.ts';

let browser: Browser;
let admin: Page;

beforeAll(async () => {
  browser = await launch();
  admin = await newPage(browser);
  await loginAs(admin, 'admin', adminPassword());
  await admin.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  const unit = (await apiAs(admin, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%207%20(demo)&limit=1')).items[0];
  const sede = (await apiAs(admin, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0];
  const cycle = (await apiAs(admin, 'GET', '/catalog/cycles?q=2026-2027')).items[0];
  const birthDate = '1996-03-14';
  const curp = buildCurp({ firstSurname: 'Bienestar', secondSurname: 'Prueba', givenNames: 'Lucía', birthDate, sex: 'M', stateCode: 'JC' });
  const person = { keyType: 'curp', curp, givenNames: 'Lucía', firstSurname: 'Bienestar', secondSurname: 'Prueba', sex: 'M', birthDate, nationality: 'MEX' };
  await apiAs(admin, 'POST', '/people/residents', { person, sedeId: sede.id, cycleId: cycle.id, grade: 1 });
  await apiAs(admin, 'POST', '/access/users', { username: 'lucia.bienestar', displayName: 'Lucía Bienestar', password: 'temporal-lucia-1', grants: [{ role: 'residente', scopeKind: 'self' }], personKey: curp });
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
