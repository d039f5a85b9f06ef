import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const baseUrl = () => inject('baseUrl');
export const adminPassword = () => inject('adminPassword');

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}

/** A fresh browser context (own cookies) at a given viewport. */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'es-MX' });
  return context.newPage();
}

export async function loginAs(page: Page, username: string, password: string) {
  await page.goto(baseUrl());
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel(/^Contraseña( \*)?$/).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

/** Picks an option of a Mantine searchable select by typing part of it. */
export async function choose(page: Page, label: string, typed: string, option: string | RegExp) {
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Calls the API with the page's session (cookies and CSRF token). */
export async function apiAs(page: Page, method: 'GET' | 'POST', path: string, body?: unknown) {
  const me = await page.request.get(`${baseUrl()}/api/v1/auth/me`);
  const csrf = (await me.json()).csrfToken as string;
  const res = await page.request.fetch(`${baseUrl()}/api/v1${path}`, { method, headers: { 'x-csrf-token': csrf, origin: baseUrl() }, data: body });
  return res.json();
}
