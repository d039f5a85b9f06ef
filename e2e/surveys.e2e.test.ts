import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLogin, goto } from './support/accounts.ts';
import { apiAs, launch, newPage } from './support/browser.ts';
import { adminWithDemoResident } from './support/demo-resident.ts';

const TITLE = 'Satisfacción con la sede (navegador)';
let browser: Browser;
let admin: Page;
let sedeId: number;
let cycleId: number;

beforeAll(async () => {
  browser = await launch();
  ({ admin, sedeId, cycleId } = await adminWithDemoResident(browser, { givenNames: 'Rosa', firstSurname: 'Encuesta', birthDate: '1997-07-21', username: 'rosa.encuesta', password: 'temporal-rosa-1' }));
  await apiAs(admin, 'POST', '/access/users', { username: 'carmen.central', displayName: 'Carmen Central', password: 'temporal-carmen-1', grants: [{ role: 'nivel_central', scopeKind: 'national' }] });
});
afterAll(() => browser.close());

describe('survey results after the campaign closes', () => {
  it('a resident answers; the centre sees that results come out at closing, closes the campaign after confirming, and the results appear', async () => {
    const central = await newPage(browser);
    await firstLogin(central, 'carmen.central', 'temporal-carmen-1', 'carmen-propia-clave-1');
    const survey = await apiAs(central, 'POST', '/surveys', { title: TITLE, questions: [{ kind: 'likert', text: '¿Qué tan satisfecha está con su sede?', measures: 'satisfaction' }] });
    await apiAs(central, 'POST', '/surveys/campaigns', { surveyId: survey.id, cycleId, audience: 'residentes_sede', sedeId, opensOn: '2026-03-01', closesOn: '2099-12-31' });

    const resident = await newPage(browser, { width: 375, height: 812 });
    await firstLogin(resident, 'rosa.encuesta', 'temporal-rosa-1', 'rosa-propia-clave-1');
    await goto(resident, '/surveys');
    await resident.getByRole('button', { name: 'Responder' }).click();
    await resident.getByText('5', { exact: true }).click();
    await resident.getByRole('button', { name: 'Enviar respuestas' }).click();
    await resident.getByTestId('survey-thanks').waitFor();

    await goto(central, '/surveys/results');
    await central.getByRole('combobox', { name: 'Encuesta' }).click();
    await central.getByRole('option', { name: TITLE }).click();
    await central.getByRole('combobox', { name: 'Campaña (ciclo)' }).click();
    await central.getByRole('option', { name: '2026-2027 · abierta' }).click();
    const pending = central.getByTestId('results-pending');
    await pending.waitFor();
    expect(await pending.textContent()).toBe('Los resultados se publican al cerrar la campaña el 31/12/2099.');
    expect(await central.getByTestId('survey-results').count()).toBe(0);

    await central.getByRole('button', { name: 'Cerrar campaña' }).click();
    const dialog = central.getByRole('dialog');
    expect(await dialog.textContent()).toContain('ya no se reciben respuestas');
    await dialog.getByRole('button', { name: 'Sí, cerrar y publicar' }).click();
    // One answer is fewer than 5: the table is published, its figures hidden with the reason.
    const table = central.getByTestId('survey-results');
    await table.waitFor();
    expect(await table.getByRole('row', { name: /Total/ }).textContent()).toContain('—');
    expect(await central.getByText(/Menos de 5 respuestas/).count()).toBe(1);
    expect(await central.getByTestId('results-pending').count()).toBe(0);
    expect(await central.getByRole('button', { name: 'Cerrar campaña' }).count()).toBe(0);

    await resident.reload();
    await resident.getByText('No tiene encuestas abiertas.').waitFor();
  });
});
