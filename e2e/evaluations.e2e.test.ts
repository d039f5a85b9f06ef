import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurp } from '../packages/core/src/people/curp-build.ts';
import { firstLogin, goto } from './support/accounts.ts';
import { adminPassword, apiAs, launch, loginAs, newPage } from './support/browser.ts';

let browser: Browser;
let admin: Page;
let residentId = 0;

const person = (givenNames: string, firstSurname: string, birthDate: string, sex: 'H' | 'M') => {
  const curp = buildCurp({ firstSurname, secondSurname: 'Prueba', givenNames, birthDate, sex, stateCode: 'NL' });
  return { keyType: 'curp', curp, givenNames, firstSurname, secondSurname: 'Prueba', sex, birthDate, nationality: 'MEX' };
};

const rosa = person('Rosa', 'Evaluada', '1997-06-21', 'M');

beforeAll(async () => {
  browser = await launch();
  admin = await newPage(browser);
  await loginAs(admin, 'admin', adminPassword());
  await admin.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  const unit = (await apiAs(admin, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%209%20(demo)&limit=1')).items[0];
  const sede = (await apiAs(admin, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0];
  const cycle = (await apiAs(admin, 'GET', '/catalog/cycles?q=2026-2027')).items[0];
  const resident = await apiAs(admin, 'POST', '/people/residents', { person: rosa, sedeId: sede.id, cycleId: cycle.id, grade: 1 });
  residentId = resident.id;
  const teacher = person('Mario', 'Docente', '1975-01-30', 'H');
  await apiAs(admin, 'POST', '/people/faculty', { person: teacher, sedeId: sede.id, role: 'adjunto', startsOn: '2026-03-01' });
  const user = await apiAs(admin, 'POST', '/access/users', { username: 'mario.docente', displayName: 'Mario Docente', password: 'temporal-mario-1', grants: [{ role: 'profesor_adjunto', scopeKind: 'sede', sedeId: sede.id }], personKey: teacher.curp });
  const template = (await apiAs(admin, 'GET', '/evaluations/templates'))[0];
  await apiAs(admin, 'POST', '/evaluations', { residentId, cycleId: cycle.id, period: 3, templateId: template.id, evaluatorKind: 'profesor', evaluatorUserId: user.id });
});
afterAll(() => browser.close());

describe('evaluating a resident', () => {
  it('a professor fills the quarterly rubric on a phone-sized screen', async () => {
    const phone = await newPage(browser, { width: 375, height: 812 });
    await firstLogin(phone, 'mario.docente', 'temporal-mario-1', 'mario-propia-clave-1');
    await goto(phone, '/evaluations');
    const card = phone.getByText('Rosa Evaluada');
    await card.waitFor();
    await phone.getByRole('button', { name: 'Llenar' }).click();
    const form = phone.getByTestId('evaluation-form');
    await form.waitFor();
    const groups = form.getByRole('radiogroup');
    await expect.poll(() => groups.count()).toBe(6);
    // Nothing on the form is wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.getByRole('button', { name: 'Enviar evaluación' }).click();
    await form.getByText('Califique todos los reactivos.').waitFor();
    for (let i = 0; i < 6; i++) await groups.nth(i).getByRole('radio', { name: i < 3 ? /^4\. Sobresaliente/ : /^3\. Competente/ }).check();
    await form.getByLabel('Comentario para el residente').fill('Muy buen manejo del paciente crónico.');
    await phone.getByRole('button', { name: 'Enviar evaluación' }).click();
    await expect.poll(() => phone.getByTestId('evaluation-sent').textContent()).toContain('83.3');

    const saved = await apiAs(admin, 'GET', `/evaluations/committee?sedeId=${(await apiAs(admin, 'GET', `/people/residents/${residentId}`)).sedeId}&cycleId=${(await apiAs(admin, 'GET', '/catalog/cycles?q=2026-2027')).items[0].id}`);
    const row = saved.residents.find((r: { residentId: number }) => r.residentId === residentId);
    expect(row.quarters[2].mean).toBe(83.3);
  });
});

describe('following a thesis', () => {
  it('the resident records her thesis and a milestone, is told what is missing, and hears of a change made meanwhile', async () => {
    await apiAs(admin, 'POST', '/access/users', { username: 'rosa.evaluada', displayName: 'Rosa Evaluada', password: 'temporal-rosa-1', grants: [{ role: 'residente', scopeKind: 'self' }], personKey: rosa.curp });
    const page = await newPage(browser);
    await firstLogin(page, 'rosa.evaluada', 'temporal-rosa-1', 'rosa-propia-clave-1');
    await goto(page, '/evaluations/mine');
    const form = page.getByTestId('thesis-form');
    await form.getByText('Aún no está registrada.').waitFor();
    await form.getByRole('button', { name: 'Agregar hito' }).click();
    await form.getByLabel('Fecha compromiso (aaaa-mm-dd)').fill('2026-13-01');
    await form.getByRole('button', { name: 'Guardar tesis' }).click();
    await form.getByText('El título es obligatorio.').waitFor();
    await form.getByText('El hito es obligatorio.').waitFor();
    await form.getByText('Fecha inválida: use el formato aaaa-mm-dd.').waitFor();

    await form.getByLabel('Título').fill('Adherencia terapéutica en diabetes tipo 2');
    await form.getByLabel('Asesor').fill('Dr. Pérez');
    await form.getByLabel('Hito', { exact: true }).fill('Protocolo aprobado por el comité local');
    await form.getByLabel('Fecha compromiso (aaaa-mm-dd)').fill('2026-12-15');
    await form.getByLabel('Cumplido', { exact: true }).check();
    await form.getByRole('button', { name: 'Guardar tesis' }).click();
    await form.getByText('Tesis guardada.').waitFor();
    const saved = await apiAs(admin, 'GET', `/evaluations/theses/${residentId}`);
    expect(saved).toMatchObject({ title: 'Adherencia terapéutica en diabetes tipo 2', status: 'propuesta', milestones: [{ name: 'Protocolo aprobado por el comité local', dueOn: '2026-12-15', doneOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }] });

    // The coordination names another advisor while the resident still has the page open.
    await apiAs(admin, 'POST', `/evaluations/theses/${residentId}`, { title: saved.title, advisorName: 'Dra. Ruiz', status: 'en_desarrollo', milestones: saved.milestones, version: saved.version });
    await form.getByLabel('Título').fill('Adherencia terapéutica en diabetes tipo 2 en la UMF 9');
    await form.getByRole('button', { name: 'Guardar tesis' }).click();
    await form.getByText(/Otra persona modificó este registro/).waitFor();
    expect(await form.getByLabel('Asesor').inputValue()).toBe('Dra. Ruiz');
    await form.getByRole('button', { name: 'Guardar tesis' }).click();
    await form.getByText('Tesis guardada.').waitFor();
    expect((await apiAs(admin, 'GET', `/evaluations/theses/${residentId}`)).version).toBe(saved.version + 2);
  });
});

describe('designing an evaluation template', () => {
  it('the centre adds a specialty competency and builds a three-level template on it, after the form names what is missing', async () => {
    await goto(admin, '/evaluations/design');
    await admin.getByTestId('competency-framework').filter({ hasText: 'Transversales (boletín 001)' }).getByText('Toma de decisiones').waitFor();
    const cf = admin.getByTestId('competency-form');
    await cf.getByRole('button', { name: 'Agregar competencia' }).click();
    await cf.getByText('La clave es obligatoria.').waitFor();
    await cf.getByLabel('Clave').fill('MF-E2E-01');
    await cf.getByLabel('Nombre').fill('Estudio de salud familiar');
    const specialty = cf.getByRole('combobox', { name: 'Especialidad' });
    await specialty.click();
    await specialty.fill('Medicina Familiar');
    await admin.getByRole('option', { name: /^Medicina Familiar/ }).first().click();
    await cf.getByRole('button', { name: 'Agregar competencia' }).click();
    await cf.getByText('Competencia agregada.').waitFor();
    await admin.getByTestId('competency-framework').filter({ hasText: 'De especialidad: Medicina Familiar' }).getByText('Estudio de salud familiar').waitFor();

    const tf = admin.getByTestId('template-form');
    await tf.getByRole('button', { name: 'Crear plantilla' }).click();
    await tf.getByText('El nombre de la plantilla es obligatorio.').waitFor();
    await tf.getByText('Elija la competencia del reactivo.').waitFor();
    await tf.getByLabel('Nombre de la plantilla').fill('Medicina Familiar R1 (navegador)');
    const competency = tf.getByRole('combobox', { name: 'Competencia' });
    await competency.click();
    await competency.fill('MF-E2E');
    await admin.getByRole('option', { name: /MF-E2E-01/ }).click();
    await tf.getByLabel('Reactivo').fill('Elabora el estudio de salud de una familia de su consultorio.');
    await tf.getByTestId('template-level').nth(3).getByRole('button', { name: 'Quitar' }).click();
    await tf.getByRole('button', { name: 'Crear plantilla' }).click();
    await tf.getByText('Plantilla creada.').waitFor();
    await admin.getByTestId('template-card').filter({ hasText: 'Medicina Familiar R1 (navegador)' }).getByText('1 reactivos · rúbrica de 3 niveles').waitFor();
    const stored = (await apiAs(admin, 'GET', '/evaluations/templates')).find((x: { name: string }) => x.name === 'Medicina Familiar R1 (navegador)');
    expect(stored.levels.map((l: { label: string }) => l.label)).toEqual(['Insuficiente', 'En desarrollo', 'Competente']);
    expect(stored.items).toMatchObject([{ competency: 'Estudio de salud familiar' }]);
  });
});
