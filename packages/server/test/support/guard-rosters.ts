import { expect } from 'vitest';
import { type Client, national, setupApp } from './app.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './people.ts';

export type Assigned = { date: string; residentId: number };
/** One R1 on guardia every day. */
export const ONLY_R1 = { weekday: { 1: 1 }, weekend: { 1: 1 }, holiday: { 1: 1 } };

/** Polls a background job until it ends. */
export async function jobResult(client: Client, jobId: number) {
  for (let i = 0; i < 400; i++) {
    const job = (await client.get(`/api/v1/guards/jobs/${jobId}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/**
 * A unit's guardia desk for roster stories: its coordinator opens services, the administrator
 * enrols R1 residents rotating in them, and rosters are generated (and published) as drafts a
 * coordinator reads back through the API.
 */
export function guardDesk(admin: Client, coord: Client, place: { unitId: number; sedeId: number; cycleId: number }) {
  const service = async (name: string) => (await coord.post('/api/v1/rotations/services', { unitId: place.unitId, name, capacityPerGrade: [10, 10, 10] })).json().id as number;

  /** R1 residents rotating in a service between two dates. */
  const residentsIn = async (serviceId: number, n: number, startsOn: string, endsOn: string) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = (await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: place.sedeId, cycleId: place.cycleId, grade: 1 })).json();
      const rot = await coord.post('/api/v1/rotations', { residentId: r.id, serviceId, startsOn, endsOn });
      if (rot.statusCode !== 201) throw new Error(rot.body);
      ids.push(r.id);
    }
    return ids;
  };

  const generated = async (serviceIds: number[], month: string) => {
    const started = await coord.post('/api/v1/guards/rosters/generate', { unitId: place.unitId, serviceIds, month, coverage: ONLY_R1 });
    expect(started.statusCode, started.body).toBe(202);
    const job = await jobResult(coord, started.json().jobId);
    expect(job.result?.status, JSON.stringify(job)).toBe('ok');
    return (await coord.get(`/api/v1/guards/rosters/${job.result?.rosterId}`)).json();
  };

  const published = async (serviceIds: number[], month: string) => {
    const roster = await generated(serviceIds, month);
    expect(roster.violations).toEqual([]);
    const done = await coord.post(`/api/v1/guards/rosters/${roster.id}/publish`, { revision: roster.revision });
    expect(done.statusCode, done.body).toBe(200);
    return roster;
  };

  /** A resident's guardias in a roster, by date. */
  const datesOf = (roster: { assignments: Assigned[] }, residentId: number) => roster.assignments.filter((a) => a.residentId === residentId).map((a) => a.date).sort();

  return { service, residentsIn, generated, published, datesOf };
}

/** A fresh app with a family-medicine unit in Jalisco, its coordinator and an administrator, and the unit's guardia desk. */
export async function guardUnit(name: string) {
  const t = await setupApp();
  const admin = await t.userWith(`admin.${name}`, [national()]);
  const sede = await familyMedicineSede(t.database.db, 'Jalisco');
  const coord = await t.userWith(`cceis.${name}`, [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }]);
  const desk = guardDesk(admin, coord, { unitId: sede.unitId, sedeId: sede.id, cycleId: (await cycleStartingIn(t.database.db, 2026)).id });
  return { t, admin, coord, unitId: sede.unitId, desk };
}
