import { and, eq } from 'drizzle-orm';
import { mexicoToday } from '@sirem/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { residentWithAccount } from './support/accounts.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

type Sede = { id: number; unitId: number; ooadId: number };
type Resident = Awaited<ReturnType<typeof residentWithAccount>>;
type Campaign = { id: number; version: number; closedAt: string | null; closedBy: number | null };
let t: TestContext;
let admin: Client;
let central: Client;
let jalisco: Sede;
let cycleId: number;
let residents: Resident[] = [];
let survey: { id: number; questions: { id: number }[] };

const sheet = (satisfaction: number) => ({ answers: [{ questionId: survey.questions[0].id, value: satisfaction }] });
const open = async (body: Record<string, unknown> = {}) =>
  ok<Campaign>(await central.post('/api/v1/surveys/campaigns', { surveyId: survey.id, cycleId, audience: 'residentes', opensOn: '2026-03-01', closesOn: '2099-12-31', ...body }), 201);
const closeAs = (c: Client, id: number, version: number) => c.post(`/api/v1/surveys/campaigns/${id}/close`, { version });
const closings = (id: number) => t.database.db.$count(auditLog, and(eq(auditLog.entity, 'survey_campaign'), eq(auditLog.action, 'close'), eq(auditLog.entityId, String(id))));

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.cierre', [national()]);
  central = await t.userWith('central.cierre', [national('nivel_central')]);
  jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  for (let i = 0; i < 7; i++) residents.push(await residentWithAccount(t, admin, jalisco, cycleId, `cierre.jal.${i}`));
  survey = ok(await central.post('/api/v1/surveys', { title: 'Satisfacción con la sede (cierre)', questions: [{ kind: 'likert', text: '¿Qué tan satisfecho está con su sede?', measures: 'satisfaction' }] }), 201);
});
afterAll(() => t.close());

describe('results are published only once the campaign closes', () => {
  let campaign: Campaign;

  it('reading before and after a known resident answers an open campaign gives the same page, so nothing can be subtracted', async () => {
    campaign = await open();
    for (const r of residents.slice(0, 5)) ok(await r.client.post(`/api/v1/surveys/campaigns/${campaign.id}/responses`, sheet(5)), 201);
    const read = async () => [
      ok(await central.get(`/api/v1/surveys/campaigns/${campaign.id}/results?groupBy=nation`)),
      ok(await central.get(`/api/v1/surveys/campaigns/${campaign.id}/results?groupBy=sede&sedeId=${jalisco.id}`)),
      ok(await central.get(`/api/v1/surveys/${survey.id}/trends`)),
    ];
    const before = await read();
    // The sixth resident is the one an onlooker watches: with figures out, 5 → 6 would show their answer.
    ok(await residents[5].client.post(`/api/v1/surveys/campaigns/${campaign.id}/responses`, sheet(1)), 201);
    expect(await read()).toEqual(before);
    expect(before[0]).toEqual({ published: false, closesOn: '2099-12-31', message: 'Los resultados se publican al cerrar la campaña el 31/12/2099.' });
    expect(before[2]).toEqual({ surveyId: survey.id, points: [] });
  });

  it('the centre closes the campaign with the version it read, and the results appear with every answer', async () => {
    const listed = ok<{ campaigns: { id: number; version: number; closed: boolean }[] }>(await central.get(`/api/v1/surveys/${survey.id}`)).campaigns;
    expect(listed).toEqual([expect.objectContaining({ id: campaign.id, version: 0, closed: false })]);
    const closed = ok<Campaign>(await closeAs(central, campaign.id, 0));
    expect(closed).toMatchObject({ id: campaign.id, version: 1, closedAt: expect.any(String), closedBy: expect.any(Number) });
    expect(await closings(campaign.id)).toBe(1);
    const results = ok<{ published: boolean; total: { suppressed: boolean; responses: number; satisfiedPct: number } }>(await central.get(`/api/v1/surveys/campaigns/${campaign.id}/results?groupBy=nation`));
    expect(results).toMatchObject({ published: true, total: { suppressed: false, responses: 6, satisfiedPct: 83.3 } });
    const trend = ok<{ points: { campaignId: number; responses: number }[] }>(await central.get(`/api/v1/surveys/${survey.id}/trends`));
    expect(trend.points).toEqual([expect.objectContaining({ campaignId: campaign.id, responses: 6 })]);
    expect(ok<{ campaigns: { closed: boolean }[] }>(await central.get(`/api/v1/surveys/${survey.id}`)).campaigns[0].closed).toBe(true);
  });

  it('a resident who had not answered can no longer see or answer it, and the published figures stay as they were', async () => {
    const late = residents[6];
    expect(ok<{ id: number }[]>(await late.client.get('/api/v1/surveys/campaigns/mine')).map((c) => c.id)).not.toContain(campaign.id);
    expect((await late.client.get(`/api/v1/surveys/campaigns/${campaign.id}/form`)).statusCode).toBe(409);
    const refused = await late.client.post(`/api/v1/surveys/campaigns/${campaign.id}/responses`, sheet(1));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'campaign_closed', detail: expect.stringMatching(/^La campaña se cerró el \d\d\/\d\d\/\d{4}; ya no recibe respuestas\.$/) });
    expect(ok<{ total: { responses: number } }>(await central.get(`/api/v1/surveys/campaigns/${campaign.id}/results?groupBy=nation`)).total.responses).toBe(6);
  });

  it('closing it again is refused saying since when it is closed', async () => {
    const again = await closeAs(central, campaign.id, 1);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'campaign_closed', detail: expect.stringMatching(/^La campaña ya se cerró el \d\d\/\d\d\/\d{4}; no hay nada que cerrar\.$/), current: { version: 1 } });
    expect(await closings(campaign.id)).toBe(1);
  });
});

describe('closing safely', () => {
  it('a stale version is refused with the campaign as it stands, and of two simultaneous closings one wins and the other hears 409', async () => {
    const c = await open();
    const stale = await closeAs(central, c.id, 3);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { id: c.id, version: 0, closedAt: null } });

    const other = await t.userWith('central.cierre.2', [national('nivel_central')]);
    const answers = await Promise.all([closeAs(central, c.id, 0), closeAs(other, c.id, 0)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.statusCode === 409)?.json();
    expect(['version_conflict', 'campaign_closed']).toContain(loser.code);
    expect(loser.current).toMatchObject({ id: c.id, version: 1, closedAt: expect.any(String) });
    expect(await closings(c.id)).toBe(1);
  });

  it('a campaign past its closing day is closed already: results are out, answers and a manual closing are refused', async () => {
    const previous = (await cycleStartingIn(t.database.db, 2025)).id;
    const past = await open({ cycleId: previous, opensOn: '2025-03-01', closesOn: '2025-12-31' });
    expect(ok<{ published: boolean; total: { suppressed: boolean } }>(await central.get(`/api/v1/surveys/campaigns/${past.id}/results`))).toMatchObject({ published: true, total: { suppressed: true } });
    const answer = await residents[6].client.post(`/api/v1/surveys/campaigns/${past.id}/responses`, sheet(4));
    expect(answer.json()).toMatchObject({ status: 409, code: 'campaign_closed', detail: 'La encuesta se responde del 01/03/2025 al 31/12/2025.' });
    const closing = await closeAs(central, past.id, 0);
    expect(closing.json()).toMatchObject({ status: 409, code: 'campaign_closed', detail: 'La campaña ya cerró el 31/12/2025, su fecha de cierre; no hay nada que cerrar.' });
  });

  it('only the centre closes a campaign: the coordinator of the sede\'s own OOAD is refused and the campaign stays open', async () => {
    const c = await open({ audience: 'residentes_sede', sedeId: jalisco.id });
    const coordinator = await t.userWith('coord.cierre', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco.ooadId }]);
    const res = await closeAs(coordinator, c.id, 0);
    expect(res.json()).toMatchObject({ status: 403, detail: 'Solo el nivel central cierra campañas de encuestas.' });
    expect(await closings(c.id)).toBe(0);
    expect(ok<{ published: boolean }>(await coordinator.get(`/api/v1/surveys/campaigns/${c.id}/results`)).published).toBe(false);
  });
});

describe('campaign days are days in Mexico City', () => {
  afterEach(() => vi.useRealTimers());

  it('a campaign takes answers until midnight in Mexico City on its closing day (not until midnight UTC, 18:00 there), and closes after it', async () => {
    // 03:00 UTC after the coming UTC midnight: already the next day in UTC, still the evening before in Mexico City.
    const evening = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 3 * 3_600_000);
    vi.useFakeTimers({ toFake: ['Date'], now: evening });
    const closesOn = mexicoToday(evening);
    expect(closesOn < evening.toISOString().slice(0, 10)).toBe(true);
    // Signed in at that moment, so the sessions are current whichever clock the database reads.
    const centre = await t.login('central.cierre');
    const [early, late] = [await t.login('cierre.jal.0'), await t.login('cierre.jal.1')];
    const campaign = ok<Campaign>(await centre.post('/api/v1/surveys/campaigns', { surveyId: survey.id, cycleId, audience: 'residentes', opensOn: '2026-03-01', closesOn }), 201);
    expect(ok<{ id: number }[]>(await early.get('/api/v1/surveys/campaigns/mine')).map((c) => c.id)).toContain(campaign.id);
    ok(await early.post(`/api/v1/surveys/campaigns/${campaign.id}/responses`, sheet(4)), 201);
    expect(ok<{ published: boolean }>(await centre.get(`/api/v1/surveys/campaigns/${campaign.id}/results?groupBy=nation`)).published).toBe(false);

    // 01:00 in Mexico City the next day: the closing day has passed there.
    vi.setSystemTime(new Date(evening.getTime() + 4 * 3_600_000));
    const refused = await late.post(`/api/v1/surveys/campaigns/${campaign.id}/responses`, sheet(2));
    expect(refused.json()).toMatchObject({ status: 409, code: 'campaign_closed' });
    expect(ok<{ published: boolean }>(await centre.get(`/api/v1/surveys/campaigns/${campaign.id}/results?groupBy=nation`)).published).toBe(true);
  });
});
