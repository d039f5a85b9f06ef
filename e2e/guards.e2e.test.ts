import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { adminPassword, apiAs, baseUrl, choose, launch, loginAs, newPage } from './support/browser.ts';
import { firstLogin } from './support/accounts.ts';

let browser: Browser;
let page: Page;
let unit: { id: number; name: string };
let residentCurp = '';
let interna: { id: number };
let urgencias: { id: number };
// Ana's guardias in the January roster the first story publishes, as her own page lists them.
let anaGuards = 0;

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser, { width: 1400, height: 900 });
  await loginAs(page, 'admin', adminPassword());
  await page.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  unit = (await apiAs(page, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%205%20(demo)&limit=1')).items[0];
  const sede = (await apiAs(page, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0];
  const cycle = (await apiAs(page, 'GET', '/catalog/cycles?q=2026-2027')).items[0];
  const service = await apiAs(page, 'POST', '/rotations/services', { unitId: unit.id, name: 'Urgencias (guardias e2e)', capacityPerGrade: [10, 10, 10] });
  urgencias = service;
  interna = await apiAs(page, 'POST', '/rotations/services', { unitId: unit.id, name: 'Medicina Interna (guardias e2e)', capacityPerGrade: [10, 10, 10] });
  const names = ['Ana', 'Berta', 'Carla', 'Diana', 'Elena', 'Fabiola', 'Gloria', 'Hilda'];
  for (const [i, given] of names.entries()) {
    const birthDate = `199${i}-0${i + 1}-1${i}`;
    const curp = buildCurp({ firstSurname: 'Guardia', secondSurname: 'Prueba', givenNames: given, birthDate, sex: 'M', stateCode: 'DF' });
    if (i === 0) residentCurp = curp;
    const person = { keyType: 'curp', curp, givenNames: given, firstSurname: 'Guardia', secondSurname: 'Prueba', sex: 'M', birthDate, nationality: 'MEX' };
    const r = await apiAs(page, 'POST', '/people/residents', { person, sedeId: sede.id, cycleId: cycle.id, grade: i < 4 ? 1 : 2 });
    await apiAs(page, 'POST', '/rotations', { residentId: r.id, serviceId: service.id, startsOn: '2027-01-01', endsOn: '2027-01-31' });
  }
  // Four more R1 rotate in Medicina Interna the same month: a roster of both services has them to cover its days.
  for (const [i, given] of ['Inés', 'Julia', 'Karla', 'Laura'].entries()) {
    const birthDate = `198${i}-0${i + 1}-2${i}`;
    const person = { keyType: 'curp', curp: buildCurp({ firstSurname: 'Interna', secondSurname: 'Prueba', givenNames: given, birthDate, sex: 'M', stateCode: 'DF' }), givenNames: given, firstSurname: 'Interna', secondSurname: 'Prueba', sex: 'M', birthDate, nationality: 'MEX' };
    const r = await apiAs(page, 'POST', '/people/residents', { person, sedeId: sede.id, cycleId: cycle.id, grade: 1 });
    await apiAs(page, 'POST', '/rotations', { residentId: r.id, serviceId: interna.id, startsOn: '2027-01-01', endsOn: '2027-01-31' });
  }
  await apiAs(page, 'POST', '/access/users', { username: 'ana.guardia', displayName: 'Ana Guardia', password: 'temporal-ana-guardia', grants: [{ role: 'residente', scopeKind: 'self' }], personKey: residentCurp });
});
afterAll(() => browser.close());

describe('guardia rosters', () => {
  it('generates a roster, flags an illegal edit live, publishes the fixed one; the resident sees it and subscribes to the .ics', async () => {
    await page.goto(`${baseUrl()}/guards`);
    await choose(page, 'Unidad', 'Familiar No. 5 (demo)', unit.name);
    await page.getByRole('checkbox', { name: 'Urgencias (guardias e2e)' }).check();
    await page.getByLabel('Mes (aaaa-mm)').fill('2027-01');
    await page.getByRole('button', { name: 'Generar rol' }).click();
    await page.getByRole('link', { name: 'Abrir el borrador' }).click();
    await expect.poll(() => page.getByTestId('violations').textContent()).toContain('cumple todas las reglas');

    const taken = page.locator('button[aria-pressed="true"][aria-label^="Ana Guardia "]').first();
    const date = ((await taken.getAttribute('aria-label')) ?? '').split(' ').at(-1) as string;
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const previous = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const neighbour = next.startsWith('2027-01') ? next : previous;
    await page.getByRole('button', { name: `Ana Guardia ${neighbour}`, exact: true }).click();
    await expect.poll(() => page.getByTestId('violations').textContent()).toContain('días libres');
    // The per-rule table counts the same break, citing the rule set in force.
    const spacing = page.locator('tr[data-rule="spacing"]');
    await expect.poll(() => spacing.textContent()).toContain('IMSS-2026-01-27');
    expect(await spacing.locator('td').last().textContent()).not.toBe('0');
    expect(await page.getByRole('button', { name: 'Publicar' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: `Ana Guardia ${neighbour}`, exact: true }).click();
    await expect.poll(() => page.getByTestId('violations').textContent()).toContain('cumple todas las reglas');
    await page.getByRole('button', { name: 'Publicar' }).click();
    await expect.poll(() => page.getByTestId('roster-status').textContent()).toBe('Publicado');

    const resident = await newPage(browser, { width: 375, height: 812 });
    await firstLogin(resident, 'ana.guardia', 'temporal-ana-guardia', 'ana-guardia-propia-1');
    await resident.goto(`${baseUrl()}/guards/my`);
    await resident.getByTestId('my-guard').first().waitFor();
    const cards = await resident.getByTestId('my-guard').count();
    anaGuards = cards;
    await resident.getByRole('button', { name: 'Obtener enlace de calendario (.ics)' }).click();
    const link = (await resident.getByTestId('calendar-link').textContent()) ?? '';
    const ics = await (await resident.request.get(link)).text();
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const guards = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).filter((e) => e.summary.startsWith('Guardia'));
    expect(guards).toHaveLength(cards);
    expect(guards.map((g) => g.startDate.toString().slice(0, 10))).toContain(date);

    // The resident asks for two days off in the next month; the coordinator's generation page counts them.
    await resident.getByLabel('Mes (aaaa-mm)').fill('2027-02');
    await resident.getByLabel('Días del mes (ej. 5, 12, 24)').fill('3, 17');
    await resident.getByRole('button', { name: 'Enviar días pedidos' }).click();
    await resident.getByText('Días pedidos para 2027-02: 03/02/2027, 17/02/2027').waitFor();
  });

  it('a roster of Urgencias and Medicina Interna shows the days Urgencias already takes, and an edit onto one names that roster', async () => {
    // Needs the Urgencias roster of January published by the story above.
    const started = await apiAs(page, 'POST', '/guards/rosters/generate', { unitId: unit.id, serviceIds: [urgencias.id, interna.id], month: '2027-01', coverage: { weekday: { 1: 1 }, weekend: { 1: 1 }, holiday: { 1: 1 } } });
    await expect.poll(async () => (await apiAs(page, 'GET', `/guards/jobs/${started.jobId}`)).status, { timeout: 30_000 }).toBe('done');
    const job = await apiAs(page, 'GET', `/guards/jobs/${started.jobId}`);
    expect(job.result.status).toBe('ok');
    await page.goto(`${baseUrl()}/guards/rosters/${job.result.rosterId}`);
    await expect.poll(() => page.getByTestId('violations').textContent()).toContain('cumple todas las reglas');
    await page.getByTestId('elsewhere-note').waitFor();

    // Ana is on guardia in Urgencias: that day looks blocked and its tooltip names the published roster.
    const taken = page.locator('button[aria-label^="Ana Guardia "][title^="Ya tiene guardia este día"]').first();
    const title = (await taken.getAttribute('title')) ?? '';
    expect(title).toContain('Urgencias (guardias e2e) (2027-01)');
    expect(await taken.textContent()).toBe('×');
    const date = ((await taken.getAttribute('aria-label')) ?? '').split(' ').at(-1) as string;
    await taken.click();
    await expect.poll(() => page.getByTestId('violations').textContent()).toContain(`ya tiene guardia el ${date} en el rol publicado de`);
    expect(await page.getByTestId('violations').textContent()).toContain('Urgencias (guardias e2e) (2027-01)');
    expect(await page.getByRole('button', { name: 'Publicar' }).isDisabled()).toBe(true);
    await taken.click();
    await expect.poll(() => page.getByTestId('violations').textContent()).toContain('cumple todas las reglas');
  });

  it('the monthly compliance report shows the published roster only, with no violations, and each resident with their guardias by week', async () => {
    // Needs the Urgencias roster published by the first story; the draft of the second is not reported.
    await page.goto(`${baseUrl()}/guards`);
    await page.getByRole('link', { name: 'Cumplimiento', exact: true }).click();
    await page.getByRole('heading', { name: 'Reporte mensual de cumplimiento' }).waitFor();
    await choose(page, 'Unidad', 'Familiar No. 5 (demo)', unit.name);
    await page.getByLabel('Mes (aaaa-mm)').fill('2027-01');
    const panel = page.locator('.mantine-Paper-root').filter({ hasText: 'Incumplimientos' });
    await expect.poll(() => panel.count()).toBe(1);
    expect(await panel.getByText('Incumplimientos: 0').count()).toBe(1);
    // The eight residents rotating in Urgencias, none of the four in Medicina Interna.
    expect(await panel.locator('tbody tr').count()).toBe(8);
    expect(await panel.locator('tbody tr', { hasText: 'Interna' }).count()).toBe(0);
    const ana = panel.locator('tbody tr').filter({ has: page.getByRole('cell', { name: 'R1 Ana Guardia', exact: true }) });
    const cells = await ana.locator('td').allTextContents();
    expect(Number(cells[1])).toBe(anaGuards);
    expect(['Cumplido', 'No exigido']).toContain(cells[2]);
    // Her weeks add up to the same guardias; the header names each week by its first day.
    const weekly = cells.slice(3).map((c) => Number(c.split(' · ')[0]));
    expect(weekly.reduce((a, b) => a + b, 0)).toBe(anaGuards);
    expect(await panel.locator('thead th', { hasText: /^Semana del \d\d\/\d\d\/\d{4}$/ }).count()).toBe(weekly.length);

    // Another month has nothing published: the page says so instead of showing an empty table.
    await page.getByLabel('Mes (aaaa-mm)').fill('2027-03');
    await expect.poll(() => panel.count()).toBe(0);
    await page.getByText('No hay registros que coincidan.').waitFor();
  });
});
