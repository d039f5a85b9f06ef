import type { Page } from 'playwright-core';
import { baseUrl, loginAs } from './browser.ts';

/** First sign-in with a temporary password: the app forces a new one before anything else. */
export async function firstLogin(page: Page, username: string, temporary: string, chosen: string) {
  await loginAs(page, username, temporary);
  await page.getByText('Su contraseña es temporal').waitFor();
  await page.getByLabel('Contraseña actual').fill(temporary);
  await page.getByLabel(/^Contraseña nueva( \*)?$/).fill(chosen);
  await page.getByLabel('Confirme la contraseña nueva').fill(chosen);
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.getByRole('heading', { name: /Bienvenida/ }).waitFor();
}

export const goto = (page: Page, path: string) => page.goto(`${baseUrl()}${path}`);
