import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/access.ts';
import { guardSwaps, jobs } from '../../src/db/schema/guards.ts';
import { surveyCampaigns, surveyResponses } from '../../src/db/schema/surveys.ts';
import { wellbeingAlerts } from '../../src/db/schema/wellbeing.ts';
import type { Client, TestContext } from './app.ts';
import type { Place } from './authz-fixtures.ts';
import { ok } from './catalog.ts';
import { csvFile, RESIDENT_HEADER, uploadFile } from './imports.ts';
import { mexican } from './people.ts';
import { placementOfPerson } from '../../src/people/placement.ts';

/**
 * The records of a place that the matrix's guard, survey, wellbeing, evaluation and import
 * entries aim at, built through the API as the people who make them would, except where the API
 * offers no way (a decided swap on a roster nobody can swap in, a closed campaign's anonymous
 * answers), which go straight into their tables.
 */
export type Records = {
  /** The April roster of the place's service, published (a solver run with no coverage asked). */
  rosterId: number;
  /** A new draft version of it. */
  draftRosterId: number;
  /** A swap request on the published roster, already decided. */
  swapId: number;
  /** A campaign open today for the residents of the place's sede. */
  campaignId: number;
  /** A closed campaign of the place's sede with five anonymous answers, enough to be published. */
  closedCampaignId: number;
  /** A PHQ-9 alert the place's resident raised by answering item 9 above 0. */
  alertId: number;
  /** A nurse registered as an evaluator at the place's unit. */
  unitEvaluatorId: number;
};

export const userIdOf = async (t: TestContext, username: string) => {
  const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return user?.id as number;
};

export async function waitForJob(client: Client, jobId: number) {
  for (let i = 0; i < 400; i++) {
    const job = ok<{ status: string; result?: { status: string; rosterId?: number } }>(await client.get(`/api/v1/guards/jobs/${jobId}`));
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const NO_COVERAGE = { weekday: {}, weekend: {}, holiday: {} };
/** Nine answers with item 9 above 0: the crisis pathway raises an alert for the liaison. */
const CRISIS = [0, 0, 0, 0, 0, 0, 0, 0, 1];

export async function buildRecords(t: TestContext, admin: Client, p: Place, resident: Client, residentUser: number, surveyId: number, tag: string): Promise<Records> {
  const db = t.database.db;
  const { jobId } = ok<{ jobId: number }>(await admin.post('/api/v1/guards/rosters/generate', { unitId: p.unitId, serviceIds: [p.serviceId], month: '2026-04', coverage: NO_COVERAGE }), 202);
  const job = await waitForJob(admin, jobId);
  const rosterId = job.result?.rosterId as number;
  ok(await admin.post(`/api/v1/guards/rosters/${rosterId}/publish`, { revision: 0 }));
  const draftRosterId = ok<{ id: number }>(await admin.post(`/api/v1/guards/rosters/${rosterId}/revise`), 201).id;
  const [swap] = await db.insert(guardSwaps).values({ rosterId, requesterResidentId: p.residentId, requesterDate: '2026-04-06', partnerResidentId: p.residentId, partnerDate: '2026-04-10', status: 'rechazado', createdBy: residentUser }).returning({ id: guardSwaps.id });

  const campaign = (opensOn: string, closesOn: string) => admin.post('/api/v1/surveys/campaigns', { surveyId, cycleId: p.cycleId, audience: 'residentes_sede', sedeId: p.sedeId, opensOn, closesOn });
  const campaignId = ok<{ id: number }>(await campaign(isoDay(-30), isoDay(30)), 201).id;
  const closedCampaignId = ok<{ id: number }>(await campaign('2026-06-01', '2026-06-30'), 201).id;
  await db.update(surveyCampaigns).set({ closedAt: new Date('2026-07-01T00:00:00Z') }).where(eq(surveyCampaigns.id, closedCampaignId));
  const { specialtyId } = await placementOfPerson(db, p.residentPersonId);
  const sheet = { campaignId: closedCampaignId, ooadId: p.ooadId, unitId: p.unitId, sedeId: p.sedeId, specialtyId };
  await db.insert(surveyResponses).values([sheet, sheet, sheet, sheet, sheet]);

  ok(await resident.post('/api/v1/wellbeing/screenings', { instrument: 'phq9', answers: CRISIS }), 201);
  const [alert] = await db.select({ id: wellbeingAlerts.id }).from(wellbeingAlerts).where(eq(wellbeingAlerts.personId, p.residentPersonId));
  const evaluator = ok<{ id: number }>(await admin.post('/api/v1/evaluations/unit-evaluators', { unitId: p.unitId, username: `enfermera.${tag}`, displayName: `Enfermera ${tag}`, password: 'contraseña-matriz-1' }), 201);
  return { rosterId, draftRosterId, swapId: swap?.id as number, campaignId, closedCampaignId, alertId: alert?.id as number, unitEvaluatorId: evaluator.id };
}

/** A survey every campaign of the matrix runs: one required Likert question that feeds the satisfaction indicator. */
export async function matrixSurvey(admin: Client) {
  return ok<{ id: number }>(await admin.post('/api/v1/surveys', { title: 'Satisfacción con la sede (matriz)', questions: [{ kind: 'likert', text: '¿Qué tan satisfecho está con su sede?', measures: 'satisfaction' }] }), 201).id;
}

/** A resident file of one row for the place's sede; with `broken`, the row names a grade the course does not have. */
export const residentFile = (clues: string, broken = false) =>
  csvFile([RESIDENT_HEADER, [...personCells(), clues, 'MIN', '2026-2027', broken ? 'R9' : 'R1']]);
const personCells = () => {
  const person = mexican();
  return [person.curp, person.givenNames, person.firstSurname, person.secondSurname ?? '', person.sex, person.birthDate.split('-').reverse().join('/'), ''];
};

/** A batch the client uploaded (and only they may read or apply); its row error keeps it from being applied. */
export async function uploadedBatch(client: Client, clues: string) {
  return ok<{ id: number }>(await uploadFile(client, residentFile(clues, true), 'matriz.csv'), 201).id;
}

/** A finished job of the user's own, as the roster generation leaves behind. */
export async function finishedJob(t: TestContext, userId: number) {
  const [row] = await t.database.db.insert(jobs).values({ kind: 'roster', status: 'done', progress: 100, input: {}, result: { status: 'infeasible' }, createdBy: userId, finishedAt: new Date() }).returning({ id: jobs.id });
  return row?.id as number;
}
