import { cycleForDate, expectedByNow, mexicoToday, progressOf, requiredThroughGrade } from '@sirem/core';
import { type DatedRequirement, gradeCycleStarts, requirementsInForce } from '@sirem/core/activity/requirements';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activityRecords, activityRequirements } from '../db/schema/activity.ts';
import { academicCycles, courses, sedes } from '../db/schema/catalog.ts';
import { enrolments, persons, residents } from '../db/schema/people.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { assertSedeInScope } from '../people/scope.ts';
import { activityScope, coversResident, residentPlace } from './scope.ts';

/** Every dated minimum of the sede's specialty; which one applies depends on the cycle of each grade. */
async function requirementsOf(db: Db, sedeId: number): Promise<DatedRequirement[]> {
  const [sede] = await db.select({ specialtyId: courses.specialtyId }).from(sedes).innerJoin(courses, eq(courses.id, sedes.courseId)).where(eq(sedes.id, sedeId));
  if (!sede) throw notFound('La sede');
  return db
    .select({ group: activityRequirements.group, grade: activityRequirements.grade, minimum: activityRequirements.minimum, validFrom: activityRequirements.validFrom })
    .from(activityRequirements)
    .where(eq(activityRequirements.specialtyId, sede.specialtyId));
}

/** When each resident's grades began (current cycle and enrolment history), to pick the minimum in force then. */
async function gradeStartsOf(db: Db, residentIds: number[]) {
  const out = new Map<number, (grade: number) => string>();
  if (!residentIds.length) return out;
  const current = await db
    .select({ id: residents.id, grade: residents.grade, startsOn: academicCycles.startsOn })
    .from(residents)
    .innerJoin(academicCycles, eq(academicCycles.id, residents.cycleId))
    .where(inArray(residents.id, residentIds));
  const history = await db
    .select({ residentId: enrolments.residentId, grade: enrolments.grade, startsOn: academicCycles.startsOn })
    .from(enrolments)
    .innerJoin(academicCycles, eq(academicCycles.id, enrolments.cycleId))
    .where(inArray(enrolments.residentId, residentIds));
  for (const r of current) out.set(r.id, gradeCycleStarts(r.grade, r.startsOn, history.filter((h) => h.residentId === r.id)));
  return out;
}

const inForceFor = (dated: DatedRequirement[], starts: Map<number, (grade: number) => string>, residentId: number) => {
  const startOf = starts.get(residentId);
  return startOf ? requirementsInForce(dated, startOf) : [];
};

async function verifiedCounts(db: Db, residentIds: number[]) {
  if (!residentIds.length) return new Map<number, Map<string, number>>();
  const rows = await db
    .select({ residentId: activityRecords.residentId, kind: activityRecords.kind, n: count() })
    .from(activityRecords)
    .where(and(inArray(activityRecords.residentId, residentIds), eq(activityRecords.status, 'verificada')))
    .groupBy(activityRecords.residentId, activityRecords.kind);
  const out = new Map<number, Map<string, number>>();
  for (const r of rows) out.set(r.residentId, (out.get(r.residentId) ?? new Map()).set(r.kind, Number(r.n)));
  return out;
}

const cycleFraction = (today: string) => {
  const c = cycleForDate(today);
  const span = Date.parse(c.endsOn) - Date.parse(c.startsOn);
  return (Date.parse(today) - Date.parse(c.startsOn)) / span;
};

/** Done (verified) vs required through the resident's current grade, and what is expected by today. */
export async function residentProgress(ctx: Ctx, residentId: number) {
  const scope = activityScope(ctx, 'activity.read');
  const r = await residentPlace(ctx.db, residentId);
  if (!coversResident(scope, ctx, r)) throw notFound('El residente');
  const [{ grade }] = await ctx.db.select({ grade: residents.grade }).from(residents).where(eq(residents.id, residentId));
  const today = mexicoToday();
  const reqs = inForceFor(await requirementsOf(ctx.db, r.sedeId), await gradeStartsOf(ctx.db, [residentId]), residentId);
  const done = (await verifiedCounts(ctx.db, [residentId])).get(residentId) ?? new Map();
  const expected = new Map(expectedByNow(reqs, grade, cycleFraction(today)).map((e) => [e.group, e.minimum]));
  const rows = progressOf(requiredThroughGrade(reqs, grade), done).map((p) => ({ ...p, expectedNow: expected.get(p.group) ?? 0 }));
  return { residentId, grade, rows };
}

/** Residents of a sede with any group below what they should have reached by today. */
export async function sedeBehind(ctx: Ctx, sedeId: number) {
  const scope = activityScope(ctx, 'activity.read');
  if (scope.kind === 'some' && scope.self && !scope.sedeIds.length && !scope.unitIds.length && !scope.ooadIds.length) throw forbidden('La vista de la sede es para profesores y coordinadores.');
  await assertSedeInScope(ctx.db, scope, sedeId);
  const today = mexicoToday();
  const dated = await requirementsOf(ctx.db, sedeId);
  const people = await ctx.db
    .select({ id: residents.id, grade: residents.grade, givenNames: persons.givenNames, firstSurname: persons.firstSurname, secondSurname: persons.secondSurname })
    .from(residents)
    .innerJoin(persons, eq(persons.id, residents.personId))
    .where(and(eq(residents.sedeId, sedeId), inArray(residents.status, ['activo', 'alta', 'licencia'])))
    .orderBy(persons.firstSurname, persons.givenNames)
    .limit(500);
  const done = await verifiedCounts(ctx.db, people.map((p) => p.id));
  const starts = await gradeStartsOf(ctx.db, people.map((p) => p.id));
  const fraction = cycleFraction(today);
  const rows = people.map((p) => {
    const progress = progressOf(expectedByNow(inForceFor(dated, starts, p.id), p.grade, fraction), done.get(p.id) ?? new Map());
    const behind = progress.filter((g) => g.missing > 0);
    return { residentId: p.id, fullName: `${p.firstSurname} ${p.secondSurname ?? ''} ${p.givenNames}`.replace(/\s+/g, ' '), grade: p.grade, behind: behind.map((b) => ({ group: b.group, expected: b.required, done: b.done, missing: b.missing })) };
  });
  return { sedeId, residents: rows.filter((r) => r.behind.length > 0), total: rows.length };
}

export type ProgressSummary = { required: number; done: number; percent: number | null; groups: number; groupsBehind: number };

/**
 * One line of activity progress per resident, for a view that has already authorised the sede
 * (the promotion committee): verified entries toward everything required through the grade (a
 * group's surplus does not make up for another's shortfall), and how many groups are below what
 * is expected at `fraction` of the grade's cycle.
 */
export async function progressSummaries(db: Db, sedeId: number, people: { residentId: number; grade: number }[], fraction: number): Promise<Map<number, ProgressSummary>> {
  const dated = await requirementsOf(db, sedeId);
  const done = await verifiedCounts(db, people.map((p) => p.residentId));
  const starts = await gradeStartsOf(db, people.map((p) => p.residentId));
  return new Map(people.map((p) => {
    const reqs = inForceFor(dated, starts, p.residentId);
    const mine = done.get(p.residentId) ?? new Map<string, number>();
    const through = progressOf(requiredThroughGrade(reqs, p.grade), mine).filter((g) => g.required > 0);
    const required = through.reduce((s, g) => s + g.required, 0);
    const toward = through.reduce((s, g) => s + Math.min(g.done, g.required), 0);
    const behind = progressOf(expectedByNow(reqs, p.grade, fraction), mine).filter((g) => g.missing > 0).length;
    return [p.residentId, { required, done: toward, percent: required ? Math.floor((toward / required) * 100) : null, groups: through.length, groupsBehind: behind }];
  }));
}
