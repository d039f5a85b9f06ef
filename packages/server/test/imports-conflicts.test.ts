import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { units } from '../src/db/schema/catalog.ts';
import { facultyAppointments, persons, residents } from '../src/db/schema/people.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { csvFile, errorsAt, FACULTY_HEADER, facultyRow, RESIDENT_HEADER, residentRow, uploadFile } from './support/imports.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let jalisco: { id: number; clues: string };
let nuevoLeon: { id: number; clues: string };
let cycle2025: { id: number; code: string };
let cycle2026: { id: number; code: string };

async function sedeIn(ooad: string) {
  const sede = await familyMedicineSede(t.database.db, ooad);
  const [unit] = await t.database.db.select().from(units).where(eq(units.id, sede.unitId));
  return { id: sede.id, clues: unit?.clues as string };
}

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.import.conflicts', [national()]);
  jalisco = await sedeIn('Jalisco');
  nuevoLeon = await sedeIn('Nuevo León');
  cycle2025 = await cycleStartingIn(t.database.db, 2025);
  cycle2026 = await cycleStartingIn(t.database.db, 2026);
});
afterAll(() => t.close());

const count = async () => ({ persons: await t.database.db.$count(persons), residents: await t.database.db.$count(residents), appointments: await t.database.db.$count(facultyAppointments) });

describe('conflicts found when the file is validated', () => {
  it('reports a live residency elsewhere and repeated or taken matrículas by row and column, and commits nothing', async () => {
    // Enrolled by hand last cycle, with matrícula 11110001: still an active resident.
    const enrolled = mexican();
    const manual = await admin.post('/api/v1/people/residents', { person: { ...enrolled, matricula: '11110001' }, sedeId: jalisco.id, cycleId: cycle2025.id, grade: 1 });
    expect(manual.statusCode, manual.body).toBe(201);
    const at = { clues: jalisco.clues, cycle: cycle2026.code };
    const [twinA, twinB, taken, good] = [mexican(), mexican(), mexican(), mexican()];
    const file = csvFile([
      RESIDENT_HEADER,
      residentRow(enrolled, { ...at, grade: 'R2' }),
      residentRow(twinA, { ...at, matricula: '22220002' }),
      residentRow(twinB, { ...at, matricula: '22220002' }),
      residentRow(taken, { ...at, matricula: '11110001' }),
      residentRow(good, { ...at, matricula: '33330003' }),
    ]);
    const before = await count();
    const res = await uploadFile(admin, file, 'conflictos.csv');
    expect(res.statusCode, res.body).toBe(201);
    const { id, summary, errors } = res.json();
    expect(summary).toMatchObject({ total: 5, create: 2, errors: 3 });
    expect(errorsAt(errors, 2)).toEqual([{ line: 2, column: 'CURP', message: expect.stringMatching(new RegExp(`residencia vigente.*Medicina Familiar.*ciclo ${cycle2025.code}`)) }]);
    expect(errorsAt(errors, 3)).toEqual([]);
    expect(errorsAt(errors, 4)).toEqual([{ line: 4, column: 'Matrícula', message: expect.stringContaining('se repite en la fila 3') }]);
    expect(errorsAt(errors, 5)).toEqual([{ line: 5, column: 'Matrícula', message: expect.stringContaining('ya pertenece a otra persona') }]);
    const refused = await admin.post(`/api/v1/imports/batches/${id}/commit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('import_has_errors');
    expect(await count()).toEqual(before);
  });

  it('refuses a faculty row whose CURP is registered under another name, and a second current titular of a sede', async () => {
    const [first, second, third, fourth, impostor] = [mexican(), mexican(), mexican(), mexican(), mexican()];
    const appointed = await uploadFile(admin, csvFile([FACULTY_HEADER, facultyRow(first, { clues: jalisco.clues, role: 'titular' })]), 'titular.csv', 'faculty');
    expect(appointed.json().summary, appointed.body).toMatchObject({ create: 1, errors: 0 });
    expect((await admin.post(`/api/v1/imports/batches/${appointed.json().id}/commit`)).statusCode).toBe(200);
    const rival = await admin.post('/api/v1/people/faculty', { person: impostor, sedeId: nuevoLeon.id, role: 'adjunto', startsOn: '2026-03-01' });
    expect(rival.statusCode, rival.body).toBe(201);

    const before = await count();
    const res = await uploadFile(
      admin,
      csvFile([
        FACULTY_HEADER,
        facultyRow(second, { clues: jalisco.clues, role: 'Profesor titular' }),
        facultyRow(third, { clues: nuevoLeon.clues, role: 'titular' }),
        facultyRow(fourth, { clues: nuevoLeon.clues, role: 'titular', startsOn: '01/04/2026' }),
        facultyRow({ ...impostor, givenNames: 'Otro Nombre' }, { clues: nuevoLeon.clues, role: 'tutor' }),
      ]),
      'profesores.csv',
      'faculty',
    );
    expect(res.statusCode, res.body).toBe(201);
    const { id, summary, errors } = res.json();
    expect(summary).toMatchObject({ total: 4, create: 1, errors: 3 });
    expect(errorsAt(errors, 2)).toEqual([{ line: 2, column: 'Nombramiento', message: expect.stringContaining(`ya tiene profesor titular vigente (${first.givenNames} ${first.firstSurname})`) }]);
    expect(errorsAt(errors, 3)).toEqual([]);
    expect(errorsAt(errors, 4)).toEqual([{ line: 4, column: 'Nombramiento', message: expect.stringContaining('vigente en la fila 3') }]);
    expect(errorsAt(errors, 5)).toEqual([{ line: 5, column: 'CURP', message: expect.stringContaining(`registrada a nombre de ${impostor.givenNames}`) }]);
    expect((await admin.post(`/api/v1/imports/batches/${id}/commit`)).statusCode).toBe(409);
    expect(await count()).toEqual(before);
  });
});

describe('importing a file again', () => {
  it('lists what each row would change, applies it and audits every updated record', async () => {
    const [a, b] = [mexican(), mexican()];
    const at = { clues: nuevoLeon.clues, cycle: cycle2026.code };
    const first = (await uploadFile(admin, csvFile([RESIDENT_HEADER, residentRow(a, at), residentRow(b, at)]), 'r1.csv')).json();
    expect((await admin.post(`/api/v1/imports/batches/${first.id}/commit`)).statusCode).toBe(200);

    const again = await uploadFile(admin, csvFile([RESIDENT_HEADER, residentRow(a, { ...at, grade: 'R2' }), residentRow(b, at)]), 'r2.csv');
    expect(again.json().summary).toMatchObject({ create: 0, update: 1, unchanged: 1, errors: 0 });
    const expected = [{ line: 2, key: a.curp, name: expect.stringContaining(a.firstSurname), changes: [{ column: 'Grado', from: 'R1', to: 'R2' }] }];
    expect(again.json().updates).toEqual(expected);
    expect((await admin.get(`/api/v1/imports/batches/${again.json().id}`)).json().updates).toEqual(expected);
    const residentsBefore = await t.database.db.$count(residents);
    expect((await admin.post(`/api/v1/imports/batches/${again.json().id}/commit`)).statusCode).toBe(200);
    expect(await t.database.db.$count(residents)).toBe(residentsBefore);
    const [person] = await t.database.db.select().from(persons).where(eq(persons.curp, a.curp));
    const [resident] = await t.database.db.select().from(residents).where(eq(residents.personId, person?.id as number));
    expect(resident?.grade).toBe(2);
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'resident'), eq(auditLog.entityId, String(resident?.id)), eq(auditLog.action, 'import_update')));
    expect(audits).toEqual([expect.objectContaining({ actorName: 'admin.import.conflicts', before: { cycleId: cycle2026.id, grade: 1 }, after: { cycleId: cycle2026.id, grade: 2, importBatchId: again.json().id } })]);
  });

  it('shows a changed end date of an appointment and audits it', async () => {
    const tutor = mexican();
    const file = (endsOn?: string) => csvFile([FACULTY_HEADER, facultyRow(tutor, { clues: jalisco.clues, role: 'tutor', endsOn })]);
    const first = (await uploadFile(admin, file(), 'tutor.csv', 'faculty')).json();
    expect((await admin.post(`/api/v1/imports/batches/${first.id}/commit`)).statusCode).toBe(200);
    const again = (await uploadFile(admin, file('28/02/2027'), 'tutor.csv', 'faculty')).json();
    expect(again.summary).toMatchObject({ create: 0, update: 1 });
    expect(again.updates).toEqual([expect.objectContaining({ line: 2, changes: [{ column: 'Término', from: 'sin término', to: '28/02/2027' }] })]);
    expect((await admin.post(`/api/v1/imports/batches/${again.id}/commit`)).statusCode).toBe(200);
    const [appointment] = await t.database.db.select().from(facultyAppointments).innerJoin(persons, eq(persons.id, facultyAppointments.personId)).where(eq(persons.curp, tutor.curp));
    expect(appointment?.faculty_appointments.endsOn).toBe('2027-02-28');
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'faculty_appointment'), eq(auditLog.entityId, String(appointment?.faculty_appointments.id))));
    expect(audits).toEqual([expect.objectContaining({ action: 'import_update', before: { endsOn: null }, after: { endsOn: '2027-02-28', importBatchId: again.id } })]);
  });
});
