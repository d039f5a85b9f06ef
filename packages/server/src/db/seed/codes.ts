import { readFileSync } from 'node:fs';
import type { Db } from '../client.ts';
import { codeVersions } from '../schema/activity.ts';
import { parseCsv } from '../../imports/parse.ts';
import { readCodeFile, storeVersion } from '../../activity/codes-service.ts';

const file = (name: string) => parseCsv(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')).rows;

/**
 * A small subset of CIE-10 and CIE-9-MC, enough for the demonstration data and for trying the
 * log; an administrator replaces it by uploading the official DGIS files. Runs once.
 */
export async function loadDemoCodes(db: Db) {
  if ((await db.$count(codeVersions)) > 0) return;
  await db.transaction(async (tx) => {
    await storeVersion(tx, { system: 'cie10', label: 'CIE-10 subconjunto de demostración' }, readCodeFile(file('cie10-demo.csv'), 'cie10'), null);
    await storeVersion(tx, { system: 'cie9mc', label: 'CIE-9-MC subconjunto de demostración' }, readCodeFile(file('cie9mc-demo.csv'), 'cie9mc'), null);
  });
}
