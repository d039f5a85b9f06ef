import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema/catalog.ts';
import { personFactory } from '../src/db/seed/national/people.ts';
import { seededRandom } from '../src/db/seed/national/random.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { csvFile, RESIDENT_HEADER, uploadFile } from './support/imports.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

let t: TestContext;
let admin: Client;
let clues: string;
let cycleCode: string;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.import.progress', [national()]);
  const sede = await familyMedicineSede(t.database.db, 'Jalisco');
  const [unit] = await t.database.db.select().from(units).where(eq(units.id, sede.unitId));
  clues = unit?.clues as string;
  cycleCode = (await cycleStartingIn(t.database.db, 2026)).code;
});
afterAll(() => t.close());

const ROWS = 4000;
type Progress = { status: string; done: number; total: number };

function largeFile() {
  const make = personFactory(seededRandom(11));
  const rows = Array.from({ length: ROWS }, () => {
    const p = make.mexican(1995);
    return [p.curp ?? '', p.givenNames, p.firstSurname, p.secondSurname ?? '', p.sex, p.birthDate.split('-').reverse().join('/'), p.matricula ?? '', clues, 'MFA', cycleCode, 'R1'];
  });
  return csvFile([RESIDENT_HEADER, ...rows]);
}

describe('progress of a commit', () => {
  it('answers the progress poll while a large commit holds the database, and the bar moves', async () => {
    const validated = await uploadFile(admin, largeFile(), 'nacional.csv');
    expect(validated.json().summary, validated.body).toMatchObject({ create: ROWS, errors: 0 });
    const id = validated.json().id as number;
    let finished = false;
    const commit = admin.post(`/api/v1/imports/batches/${id}/commit`).finally(() => (finished = true));
    const answeredDuringCommit: Progress[] = [];
    while (!finished) {
      const res = await admin.get(`/api/v1/imports/batches/${id}/progress`);
      expect(res.statusCode, res.body).toBe(200);
      if (!finished) answeredDuringCommit.push(res.json());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await commit).statusCode).toBe(200);
    const moving = answeredDuringCommit.filter((p) => p.status === 'committing');
    expect(moving.some((p) => p.done > 0 && p.done < p.total), JSON.stringify(answeredDuringCommit)).toBe(true);
    expect(moving.every((p) => p.total === ROWS)).toBe(true);
    expect((await admin.get(`/api/v1/imports/batches/${id}/progress`)).json()).toMatchObject({ status: 'committed', done: ROWS, total: ROWS });
  });

  it('shows the progress only to whoever uploaded the file, and never without a session', async () => {
    const other = await t.userWith('admin.other', [national()]);
    const make = personFactory(seededRandom(12));
    const p = make.mexican(1994);
    const row = [p.curp ?? '', p.givenNames, p.firstSurname, p.secondSurname ?? '', p.sex, p.birthDate.split('-').reverse().join('/'), '', clues, 'MFA', cycleCode, 'R1'];
    const { id } = (await uploadFile(admin, csvFile([RESIDENT_HEADER, row]), 'uno.csv')).json();
    expect((await admin.get(`/api/v1/imports/batches/${id}/progress`)).json()).toMatchObject({ status: 'validated', done: 0, total: 1 });
    expect((await other.get(`/api/v1/imports/batches/${id}/progress`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/batches/${id}/progress` })).statusCode).toBe(401);
  });
});
