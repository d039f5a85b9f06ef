import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestContext } from './support/app.ts';
import { guardUnit, jobResult } from './support/guard-rosters.ts';

type Week = { weekOf: string; monday: string; guards: number; hours: number; elsewhere: { date: string; label: string; inHours: boolean }[] };
type Row = { residentId: number; guards: number; weeks: Week[]; elsewhere: string[]; violations: number };
type Day = { date: string; type: string };

let t: TestContext;
let coord: Client;
let unitId: number;
let desk: Awaited<ReturnType<typeof guardUnit>>['desk'];

beforeAll(async () => {
  ({ t, coord, unitId, desk } = await guardUnit('guards.compliance'));
});
afterAll(() => t.close());

const mondayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A March roster generated with its own coverage, published as generated. */
async function publishedWith(serviceIds: number[], coverage: Record<'weekday' | 'weekend' | 'holiday', Record<number, number>>) {
  const started = await coord.post('/api/v1/guards/rosters/generate', { unitId, serviceIds, month: '2026-03', coverage });
  expect(started.statusCode, started.body).toBe(202);
  const job = await jobResult(coord, started.json().jobId);
  expect(job.result?.status, JSON.stringify(job)).toBe('ok');
  const roster = (await coord.get(`/api/v1/guards/rosters/${job.result.rosterId}`)).json();
  expect((await coord.post(`/api/v1/guards/rosters/${roster.id}/publish`, { revision: roster.revision })).statusCode).toBe(200);
  return roster;
}

describe('compliance report across rosters', () => {
  it('counts a resident\'s guardias in both published rosters of the month in their weekly guardias and hours, naming the other roster', async () => {
    const urgencias = await desk.service('Urgencias adultos');
    const interna = await desk.service('Medicina Interna');
    await desk.residentsIn(urgencias, 6, '2026-03-01', '2026-03-31');
    await desk.residentsIn(interna, 4, '2026-03-01', '2026-03-31');
    // Urgencias covers only weekends and holidays; the services together cover every day, with the same residents.
    const first = await publishedWith([urgencias], { weekday: {}, weekend: { 1: 1 }, holiday: { 1: 1 } });
    const second = await desk.published([urgencias, interna], '2026-03');
    const both = (first.instance.residents as { id: number }[]).map((r) => r.id)
      .find((id) => desk.datesOf(first, id).length && desk.datesOf(second, id).length) as number;
    expect(both, 'a resident with guardias in both rosters').toBeDefined();
    const inFirst = desk.datesOf(first, both);
    const inSecond = desk.datesOf(second, both);

    const report = (await coord.get(`/api/v1/guards/compliance?unitId=${unitId}&month=2026-03`)).json();
    const rowIn = (rosterId: number) => report.rosters.find((r: { rosterId: number }) => r.rosterId === rosterId).residents.find((r: Row) => r.residentId === both) as Row;
    const a = rowIn(first.id);
    const b = rowIn(second.id);
    expect(report.rosters.map((r: { violations: number }) => r.violations)).toEqual([0, 0]);

    // Guardias per week: this roster's and the other's, in either report.
    const all = [...inFirst, ...inSecond].sort();
    for (const row of [a, b]) {
      expect(row.weeks.reduce((s, w) => s + w.guards, 0)).toBe(all.length);
      for (const w of row.weeks) expect(w.guards).toBe(all.filter((d) => mondayOf(d) === w.monday).length);
    }
    expect(a.guards).toBe(inFirst.length);
    // The other roster's guardias are named in the weeks they fall in, and in the row.
    expect(a.weeks.flatMap((w) => w.elsewhere.map((g) => g.date))).toEqual(inSecond);
    expect(a.elsewhere).toEqual([expect.stringContaining('Urgencias adultos + Medicina Interna (2026-03)')]);
    expect(b.weeks.flatMap((w) => w.elsewhere.map((g) => g.date))).toEqual(inFirst);
    expect(b.elsewhere).toEqual([expect.stringContaining('Urgencias adultos (2026-03)')]);
    expect(report.rosters.find((r: { rosterId: number }) => r.rosterId === first.id).elsewhere).toContainEqual(expect.stringContaining('Medicina Interna (2026-03)'));

    // Hours per week: jornada of 8 h on each weekday but the rest day after any guardia, plus 16 h per weekday guardia and 24 h per weekend one.
    const days = first.instance.days as Day[];
    const typeOf = new Map(days.map((d) => [d.date, d.type]));
    const rest = new Set(all.map(nextDay));
    for (const w of a.weeks) {
      const week = days.filter((d) => mondayOf(d.date) === w.monday);
      const jornada = week.filter((d) => d.type === 'weekday' && !rest.has(d.date)).length * 8;
      const guards = all.filter((d) => mondayOf(d) === w.monday).reduce((s, d) => s + (typeOf.get(d) === 'weekday' ? 16 : 24), 0);
      expect(w.hours, `week of ${w.monday}`).toBe(jornada + guards);
    }
    // The same resident's week reads the same from either roster.
    expect(b.weeks.map((w) => w.hours)).toEqual(a.weeks.map((w) => w.hours));
  });
});
