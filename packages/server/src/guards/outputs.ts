import { type Assignment, can, checkWithElsewhere, guardsInWeek, residentWeeks, restAfter24h, type RosterInstance, type RosterResident, weekOf } from '@sirem/core';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { units } from '../db/schema/catalog.ts';
import { rosters } from '../db/schema/guards.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { sendPdf } from '../lib/pdf.ts';
import { sendXlsx } from '../lib/xlsx.ts';
import { historyOf } from './facts.ts';
import { rostersWithin, unitReach } from './guard-scope.ts';
import { getRoster } from './rosters-service.ts';
import { effectiveParams } from './rules-service.ts';

type Loaded = Awaited<ReturnType<typeof getRoster>>;
const days = (r: Loaded) => (r.instance as RosterInstance).days;
const residentsOf = (r: Loaded) => (r.instance as RosterInstance).residents;
const has = (r: Loaded) => new Set((r.assignments as Assignment[]).map((a) => `${a.residentId}|${a.date}`));

async function unitName(ctx: Ctx, unitId: number) {
  const [u] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return u?.name ?? '';
}

/** The month's roster as a sheet: one row per resident, one column per day, G for a guardia. */
export async function rosterXlsx(ctx: Ctx, reply: FastifyReply, id: number) {
  const roster = await getRoster(ctx, id);
  const set = has(roster);
  type Row = (typeof residentsOf extends (r: Loaded) => infer T ? T : never)[number];
  const columns = [
    { header: 'Residente', width: 30, value: (r: Row) => r.name },
    { header: 'Grado', width: 7, value: (r: Row) => `R${r.grade}` },
    ...days(roster).map((d) => ({ header: `${d.date.slice(8)}${d.type === 'weekday' ? '' : d.type === 'holiday' ? ' F' : ' S'}`, width: 5, value: (r: Row) => (set.has(`${r.id}|${d.date}`) ? 'G' : r.unavailable.includes(d.date) ? '—' : '') })),
    { header: 'Total', width: 7, value: (r: Row) => days(roster).filter((d) => set.has(`${r.id}|${d.date}`)).length },
  ];
  return sendXlsx(reply, `Guardias-${roster.month}-v${roster.version}`, `Guardias ${roster.month}`, columns, (async function* () { yield residentsOf(roster); })());
}

/** The printable roster to post on the ward. */
export async function rosterPdf(ctx: Ctx, reply: FastifyReply, id: number) {
  const roster = await getRoster(ctx, id);
  const set = has(roster);
  const header = ['Residente', ...days(roster).map((d) => ({ text: d.date.slice(8), fillColor: d.type === 'weekday' ? undefined : '#eeeeee', bold: true }))];
  const body = residentsOf(roster).map((r) => [`R${r.grade} ${r.name}`, ...days(roster).map((d) => ({ text: set.has(`${r.id}|${d.date}`) ? 'G' : r.unavailable.includes(d.date) ? '·' : '', alignment: 'center', fillColor: d.type === 'weekday' ? undefined : '#f5f5f5' }))]);
  return sendPdf(reply, `Guardias-${roster.month}-v${roster.version}`, {
    pageOrientation: 'landscape',
    pageMargins: [20, 30, 20, 30],
    content: [
      { text: `Rol de guardias · ${await unitName(ctx, roster.unitId)}`, fontSize: 13, bold: true },
      { text: `Mes ${roster.month} · versión ${roster.version} (${roster.status}) · normativa ${roster.ruleSetCode}`, margin: [0, 2, 0, 8] },
      { table: { headerRows: 1, widths: ['*', ...days(roster).map(() => 13)], body: [header, ...body] }, layout: { hLineWidth: () => 0.3, vLineWidth: () => 0.3 } },
      { text: 'G = guardia · gris = fin de semana o festivo (24 h) · punto = ausencia autorizada', margin: [0, 8, 0, 0], italics: true },
    ],
  });
}

type Week = { weekOf: string; monday: string; days: number; guards: number; hours: number; elsewhere: { date: string; label: string; inHours: boolean }[] };

/**
 * One resident's weeks of the month as the weekly rules count them (core `residentWeeks`): hours
 * (jornada and guardias, with the earlier days of the first week when known) and guardias, with
 * those in other published rosters, each named; `weekOf` is the week's first day in the month.
 */
function weeksOf(instance: RosterInstance, r: RosterResident, mine: string[]): Week[] {
  const first = new Map<number, string>();
  for (const d of instance.days) if (!first.has(weekOf(d.date))) first.set(weekOf(d.date), d.date);
  return residentWeeks(instance, r, mine).filter((w) => w.inMonth).map((w) => {
    const inHours = new Set(w.counted.map((g) => g.date));
    return { weekOf: first.get(w.week) ?? w.monday, monday: w.monday, days: w.days, guards: guardsInWeek(w), hours: w.hours, elsewhere: w.elsewhere.map((g) => ({ date: g.date, label: g.label, inHours: inHours.has(g.date) })) };
  });
}

/**
 * Monthly compliance of a unit's published rosters: per resident and week, guardias and hours
 * (jornada + guardias); the rest after each 24-h duty, computed from the roster and judged by the
 * rule in force for the month today (so a roster published before the rule tightened shows its
 * breaks); and the count of rule violations. A resident works one week whichever roster a guardia
 * is in, so every figure counts their guardias in the other rosters published today (read as a
 * draft's are, `historyOf`), names those rosters, and the violations include the collisions with
 * them. A jefe de servicio sees the rosters of the services they head.
 */
export async function complianceReport(ctx: Ctx, unitId: number, month: string) {
  if (!can(ctx.actor.grants, 'guards.manage')) throw forbidden('No tiene acceso a los reportes de guardias.');
  const { headed } = await unitReach(ctx, unitId);
  const list = await ctx.db.select({ id: rosters.id }).from(rosters).where(and(eq(rosters.unitId, unitId), eq(rosters.month, month), eq(rosters.status, 'published'), rostersWithin(headed)));
  const restRequired = list.length ? (await effectiveParams(ctx.db, `${month}-01`, { ooadId: null, unitId })).params.restAfter24h : false;
  const out = [];
  for (const { id } of list) {
    const roster = await getRoster(ctx, id);
    const published = roster.instance as RosterInstance;
    const history = await historyOf(ctx.db, roster, published, published.residents.map((r) => r.id));
    const instance: RosterInstance = { ...published, residents: published.residents.map((r) => ({ ...r, ...history.get(r.id) })) };
    const assignments = roster.assignments as Assignment[];
    const violations = checkWithElsewhere(instance, assignments);
    const rest = new Map(restAfter24h(instance, assignments).map((x) => [x.residentId, x]));
    const rows = instance.residents.map((r) => {
      const mine = assignments.filter((a) => a.residentId === r.id).map((a) => a.date).sort();
      const weeks = weeksOf(instance, r, mine);
      const own = rest.get(r.id);
      const breaks = restRequired ? (own?.breaks ?? []) : [];
      const restAfter24hKept = restRequired ? breaks.length === 0 : null;
      const elsewhere = [...new Set(weeks.flatMap((w) => w.elsewhere.map((g) => g.label)))];
      return { residentId: r.id, name: r.name, grade: r.grade, guards: mine.length, weeks, elsewhere, duties24h: own?.duties ?? 0, restAfter24hKept, restBreaks: breaks, violations: violations.filter((v) => v.residentId === r.id).length };
    });
    const elsewhere = [...new Set(rows.flatMap((r) => r.elsewhere))];
    out.push({ rosterId: id, version: roster.version, ruleSetCode: roster.ruleSetCode, violations: violations.length, elsewhere, restRequired, restBreaks: rows.reduce((s, r) => s + r.restBreaks.length, 0), residents: rows });
  }
  return { unitId, month, rosters: out };
}
