import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { firstLogin } from './support/accounts.ts';
import { adminPassword, apiAs, baseUrl, choose, launch, loginAs, newPage } from './support/browser.ts';

let browser: Browser;
let admin: Page;
let sede: { id: number };
let residentName = '';

const person = (firstSurname: string, givenNames: string, birthDate: string, sex: 'H' | 'M') => {
  const curp = buildCurp({ firstSurname, secondSurname: 'Docente', givenNames, birthDate, sex, stateCode: 'NL' });
  return { keyType: 'curp', curp, givenNames, firstSurname, secondSurname: 'Docente', sex, birthDate, nationality: 'MEX' };
};
const unitNamed = async (page: Page, name: string) => (await apiAs(page, 'GET', `/catalog/units?q=${encodeURIComponent(name)}&limit=1`)).items[0] as { id: number; ooadId: number };

beforeAll(async () => {
  browser = await launch();
  admin = await newPage(browser);
  await loginAs(admin, 'admin', adminPassword());
  await admin.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  const unit = await unitNamed(admin, 'Unidad de Medicina Familiar No. 27 (demo)');
  const other = await unitNamed(admin, 'Unidad de Medicina Familiar No. 28 (demo)');
  sede = (await apiAs(admin, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0];
  const cycle = (await apiAs(admin, 'GET', '/catalog/cycles?q=2026-2027')).items[0];
  const resident = person('Quiñones', 'Itzel', '1997-03-14', 'M');
  residentName = 'Quiñones';
  await apiAs(admin, 'POST', '/people/residents', { person: resident, sedeId: sede.id, cycleId: cycle.id, grade: 1, startNow: true });
  // Whether the demo already named one or this call does, the sede now has a current titular.
  await apiAs(admin, 'POST', '/people/faculty', { person: person('Garza', 'Rebeca', '1970-06-02', 'M'), sedeId: sede.id, role: 'titular', startsOn: '2020-03-01' });
  await apiAs(admin, 'POST', '/access/users', { username: 'profesor.sin.gestion', displayName: 'Profesor de la sede', password: 'temporal-profesor-1', grants: [{ role: 'profesor_titular', scopeKind: 'sede', sedeId: sede.id }, { role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: other.ooadId }] });
});
afterAll(() => browser.close());

describe('faculty of a sede', () => {
  it('the coordinator appoints a new tutor, assigns them a resident, is told why a second titular is refused, and ends the appointment', async () => {
    const tutor = person('Ibarra', 'Joaquín', '1978-11-09', 'H');
    await admin.goto(`${baseUrl()}/catalog/sedes/${sede.id}`);
    await admin.getByRole('button', { name: 'Nombrar profesor o tutor' }).click();
    await admin.getByRole('combobox', { name: /^Nombramiento/ }).click();
    await admin.getByRole('option', { name: 'Tutor' }).click();
    await admin.getByRole('textbox', { name: /^Fecha de inicio/ }).fill('01/03/2026');
    await admin.getByText('Registrar persona nueva').click();
    await admin.getByRole('textbox', { name: /^CURP/ }).fill(tutor.curp);
    await admin.getByRole('textbox', { name: /^Nombre\(s\)/ }).fill(tutor.givenNames);
    await admin.getByRole('textbox', { name: /^Primer apellido/ }).fill(tutor.firstSurname);
    await admin.getByRole('textbox', { name: /^Segundo apellido/ }).fill(tutor.secondSurname);
    await admin.getByRole('button', { name: 'Guardar' }).click();
    await admin.getByText('Nombramiento registrado.').first().waitFor();
    const row = admin.locator('tbody tr', { hasText: 'Ibarra Docente Joaquín' });
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toBe('Tutor');

    await admin.getByRole('button', { name: 'Nombrar profesor o tutor' }).click();
    await admin.getByRole('combobox', { name: /^Nombramiento/ }).click();
    await admin.getByRole('option', { name: 'Profesor titular' }).click();
    await admin.getByRole('textbox', { name: /^Fecha de inicio/ }).fill('01/03/2026');
    await choose(admin, 'Persona (nombre o CURP)', 'ibarra joaquin', /Ibarra Docente Joaquín/);
    await admin.getByRole('button', { name: 'Guardar' }).click();
    await admin.getByRole('alert').filter({ hasText: 'ya tiene profesor titular vigente' }).waitFor();
    await admin.getByRole('button', { name: 'Cancelar' }).click();

    await admin.getByRole('button', { name: 'Asignar tutor a un residente' }).click();
    await choose(admin, 'Residente (nombre o CURP)', 'quinones itzel', new RegExp(residentName));
    await admin.getByRole('combobox', { name: /^Tutor/ }).click();
    await admin.getByRole('option', { name: /Ibarra Docente Joaquín/ }).click();
    await admin.getByRole('textbox', { name: /^Fecha de inicio/ }).fill('15/03/2026');
    await admin.getByRole('button', { name: 'Guardar' }).click();
    await admin.getByText('Tutor asignado.').first().waitFor();
    const appointment = (await apiAs(admin, 'GET', `/people/faculty?sedeId=${sede.id}&role=tutor&q=ibarra%20joaquin`)).items[0];
    const followed = await apiAs(admin, 'GET', `/people/faculty/${appointment.personId}/residents`);
    expect(followed.map((r: { fullName: string }) => r.fullName)).toEqual([expect.stringContaining('Quiñones')]);

    await row.getByRole('button', { name: 'Terminar' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Fecha de término/ }).fill('28/02/2026');
    await dialog.getByRole('button', { name: 'Terminar' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'anterior al inicio' }).waitFor();
    await dialog.getByRole('textbox', { name: /^Fecha de término/ }).fill('31/12/2099');
    await dialog.getByRole('button', { name: 'Terminar' }).click();
    await admin.getByText('Nombramiento terminado.').first().waitFor();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('01/03/2026 – 31/12/2099');
  });

  it('a professor of the sede who coordinates another OOAD sees its faculty but no appointment buttons', async () => {
    const page = await newPage(browser);
    await firstLogin(page, 'profesor.sin.gestion', 'temporal-profesor-1', 'profesor-sin-gestion-propia-1');
    await page.goto(`${baseUrl()}/catalog/sedes/${sede.id}`);
    await page.getByRole('heading', { name: 'Profesores y tutores' }).waitFor();
    await page.locator('tbody tr', { hasText: 'Ibarra Docente Joaquín' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'Nombrar profesor o tutor' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Terminar' }).count()).toBe(0);
    const access = await apiAs(page, 'GET', `/people/faculty/access?sedeId=${sede.id}`);
    expect(access).toEqual({ canManage: false });
  });
});
