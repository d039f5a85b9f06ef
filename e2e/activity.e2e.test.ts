import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { adminPassword, apiAs, baseUrl, launch, loginAs, newPage } from './support/browser.ts';
import { firstLogin } from './support/accounts.ts';

let browser: Browser;
let admin: Page;
let residentId = 0;

const person = (givenNames: string, birthDate: string, sex: 'H' | 'M') => {
  const curp = buildCurp({ firstSurname: 'Bitácora', secondSurname: 'Prueba', givenNames, birthDate, sex, stateCode: 'DF' });
  return { keyType: 'curp', curp, givenNames, firstSurname: 'Bitácora', secondSurname: 'Prueba', sex, birthDate, nationality: 'MEX' };
};


beforeAll(async () => {
  browser = await launch();
  admin = await newPage(browser);
  await loginAs(admin, 'admin', adminPassword());
  await admin.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  const unit = (await apiAs(admin, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%209%20(demo)&limit=1')).items[0];
  const sede = (await apiAs(admin, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0];
  const cycle = (await apiAs(admin, 'GET', '/catalog/cycles?q=2026-2027')).items[0];
  const luis = person('Luis', '1996-02-11', 'H');
  const rosa = person('Rosa', '1975-07-21', 'M');
  residentId = (await apiAs(admin, 'POST', '/people/residents', { person: luis, sedeId: sede.id, cycleId: cycle.id, grade: 1, startNow: true })).id;
  await apiAs(admin, 'POST', '/people/faculty', { person: rosa, sedeId: sede.id, role: 'titular', startsOn: '2020-03-01' });
  await apiAs(admin, 'POST', '/access/users', { username: 'luis.bitacora', displayName: 'Luis Bitácora', password: 'temporal-luis-1', grants: [{ role: 'residente', scopeKind: 'self' }], personKey: luis.curp });
  await apiAs(admin, 'POST', '/access/users', { username: 'rosa.titular', displayName: 'Rosa Bitácora', password: 'temporal-rosa-1', grants: [{ role: 'profesor_titular', scopeKind: 'sede', sedeId: sede.id }], personKey: rosa.curp });
});
afterAll(() => browser.close());

describe('clinical activity log', () => {
  it('on a phone, offline: three entries wait on the phone, sync once when the connection returns', async () => {
    const phone = await newPage(browser, { width: 375, height: 812 });
    await firstLogin(phone, 'luis.bitacora', 'temporal-luis-1', 'luis.bitacora-propia-1');
    await phone.goto(`${baseUrl()}/activity`);
    await phone.getByRole('heading', { name: 'Bitácora de actividad clínica' }).waitFor();
    await phone.context().setOffline(true);
    await expect.poll(() => phone.getByTestId('connection').textContent()).toContain('Sin conexión');
    const kinds = ['deteccion_diabetes', 'deteccion_hipertension', 'consulta_medicina_familiar'];
    for (const kind of kinds) {
      await phone.getByLabel('Actividad').selectOption(kind);
      await phone.getByLabel('Servicio').fill('Consulta externa');
      await phone.getByLabel('Profesor que supervisó').selectOption({ label: 'Rosa Bitácora' });
      await phone.getByRole('button', { name: 'Guardar entrada' }).click();
    }
    await expect.poll(() => phone.getByTestId('pending').textContent()).toContain('Pendientes de sincronizar (3)');
    // Shortcuts: the last combinations are one tap away.
    await phone.getByRole('button', { name: 'Detección de diabetes mellitus' }).click();
    expect(await phone.getByLabel('Actividad').inputValue()).toBe('deteccion_diabetes');

    await phone.context().setOffline(false);
    await phone.getByText('3 entradas sincronizadas.').waitFor();
    expect(await phone.getByTestId('pending').count()).toBe(0);
    await expect.poll(() => phone.getByTestId('entry').count()).toBe(3);
    // A reload sends nothing again: the server still holds exactly three.
    await phone.reload();
    await phone.getByRole('heading', { name: 'Bitácora de actividad clínica' }).waitFor();
    await expect.poll(() => phone.getByTestId('entry').count()).toBe(3);
    const stored = await apiAs(admin, 'GET', `/activity/records?residentId=${residentId}`);
    expect(stored.total).toBe(3);
    expect(stored.items.map((i: { kind: string }) => i.kind).sort()).toEqual([...kinds].sort());
  });

  it('the profesor titular verifies an entry, which then shows as verified and locked', async () => {
    const prof = await newPage(browser);
    await firstLogin(prof, 'rosa.titular', 'temporal-rosa-1', 'rosa.titular-propia-1');
    await prof.goto(`${baseUrl()}/activity/review`);
    await expect.poll(() => prof.getByTestId('entry').count()).toBe(3);
    await prof.getByRole('button', { name: 'Verificar' }).first().click();
    await expect.poll(() => prof.getByTestId('entry').count()).toBe(2);
    const stored = await apiAs(admin, 'GET', `/activity/records?residentId=${residentId}&status=verificada`);
    expect(stored.total).toBe(1);
  });
});

describe('the log from a cold start with no signal', () => {
  it('opened once online, the log opens offline in a new page, queues an entry and syncs it once on reconnecting', async () => {
    const first = await newPage(browser, { width: 375, height: 812 });
    const context = first.context();
    await loginAs(first, 'luis.bitacora', 'luis.bitacora-propia-1');
    await first.getByRole('heading', { name: /Bienvenida/ }).waitFor();
    await first.goto(`${baseUrl()}/activity`);
    await first.getByRole('heading', { name: 'Bitácora de actividad clínica' }).waitFor();
    await expect.poll(() => first.getByTestId('entry').count()).toBe(3);
    // The app shell installs in the background; wait until it is in force.
    expect(await first.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state ?? null))).toBe('activated');
    const before = (await apiAs(first, 'GET', `/activity/records?residentId=${residentId}`)).total as number;
    await first.close();

    await context.setOffline(true);
    const phone = await context.newPage();
    const opened = await phone.goto(`${baseUrl()}/activity`);
    expect(opened?.fromServiceWorker()).toBe(true);
    await phone.getByRole('heading', { name: 'Bitácora de actividad clínica' }).waitFor();
    // A second offline opening gets the very same cached page: no server answered either.
    const again = await phone.goto(`${baseUrl()}/activity`);
    expect(again?.headers()['x-request-id']).toBe(opened?.headers()['x-request-id']);
    await phone.getByRole('heading', { name: 'Bitácora de actividad clínica' }).waitFor();
    expect(await phone.getByTestId('connection').textContent()).toContain('Sin conexión');
    await phone.getByLabel('Actividad').selectOption('deteccion_cacu');
    await phone.getByLabel('Servicio').fill('Consulta externa');
    await phone.getByLabel('Profesor que supervisó').selectOption({ label: 'Rosa Bitácora' });
    await phone.getByRole('button', { name: 'Guardar entrada' }).click();
    await expect.poll(() => phone.getByTestId('pending').textContent()).toContain('Pendientes de sincronizar (1)');

    await context.setOffline(false);
    await phone.getByText('1 entradas sincronizadas.').waitFor();
    expect(await phone.getByTestId('pending').count()).toBe(0);
    await phone.reload();
    await phone.getByRole('heading', { name: 'Bitácora de actividad clínica' }).waitFor();
    const after = await apiAs(phone, 'GET', `/activity/records?residentId=${residentId}&kind=deteccion_cacu`);
    expect(after.total).toBe(1);
    expect((await apiAs(phone, 'GET', `/activity/records?residentId=${residentId}`)).total).toBe(before + 1);
  });
});

describe('Jornadas Nacionales', () => {
  it('shows the second Jornada with the totals of bulletin 004', async () => {
    await admin.goto(`${baseUrl()}/jornadas`);
    const select = admin.getByLabel('Jornada', { exact: true });
    await select.waitFor();
    await select.selectOption({ label: '2 · 14/05/2021' });
    await expect.poll(() => admin.getByTestId('total').textContent()).toContain('158,612');
    expect(await admin.getByTestId('row-cirugia').textContent()).toContain('3,729');
    expect(await admin.getByTestId('row-consulta_medicina_familiar').textContent()).toContain('70,067');
    const pdf = await admin.request.get(`${baseUrl()}${await admin.getByRole('link', { name: 'PDF' }).getAttribute('href')}`);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
  });

  it('shows the beds reconverted for COVID returned to ordinary use (bulletin 003)', async () => {
    await admin.goto(`${baseUrl()}/jornadas/backlog`);
    await expect.poll(() => admin.getByTestId('beds-returned').textContent()).toContain('1,800');
  });
});
