import type { Browser, Page } from 'playwright-core';
import { buildCurp } from '../../packages/core/src/people/curp-build.ts';
import { adminPassword, apiAs, loginAs, newPage } from './browser.ts';

type NewResident = { givenNames: string; firstSurname: string; birthDate: string; username: string; password: string };

/**
 * Signs the administrator in and enrols an R1 (surname "… Prueba") at the demo family-medicine
 * sede in cycle 2026-2027, with a resident account on a temporary password.
 */
export async function adminWithDemoResident(browser: Browser, r: NewResident): Promise<{ admin: Page; sedeId: number; cycleId: number }> {
  const admin = await newPage(browser);
  await loginAs(admin, 'admin', adminPassword());
  await admin.getByRole('heading', { name: /Bienvenida/ }).waitFor();
  const unit = (await apiAs(admin, 'GET', '/catalog/units?q=Unidad%20de%20Medicina%20Familiar%20No.%207%20(demo)&limit=1')).items[0];
  const sedeId = (await apiAs(admin, 'GET', `/catalog/sedes?unitId=${unit.id}`)).items[0].id as number;
  const cycleId = (await apiAs(admin, 'GET', '/catalog/cycles?q=2026-2027')).items[0].id as number;
  const names = { givenNames: r.givenNames, firstSurname: r.firstSurname, secondSurname: 'Prueba' };
  const curp = buildCurp({ ...names, birthDate: r.birthDate, sex: 'M', stateCode: 'JC' });
  await apiAs(admin, 'POST', '/people/residents', { person: { keyType: 'curp', curp, ...names, sex: 'M', birthDate: r.birthDate, nationality: 'MEX' }, sedeId, cycleId, grade: 1 });
  await apiAs(admin, 'POST', '/access/users', { username: r.username, displayName: `${r.givenNames} ${r.firstSurname}`, password: r.password, grants: [{ role: 'residente', scopeKind: 'self' }], personKey: curp });
  return { admin, sedeId, cycleId };
}
