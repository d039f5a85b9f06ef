import { and, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { courses, sedes, units } from '../db/schema/catalog.ts';
import { facultyAppointments, persons } from '../db/schema/people.ts';
import type { surveyCampaigns } from '../db/schema/surveys.ts';
import type { Db } from '../db/client.ts';
import { placementOfUser } from '../people/placement.ts';
import { campaignToday } from './closing-service.ts';

type Campaign = typeof surveyCampaigns.$inferSelect;

/** Appointments not ended by today (a campaign day, in Mexico City). */
const currentAppointment = () => or(isNull(facultyAppointments.endsOn), gte(facultyAppointments.endsOn, campaignToday()));
export type RespondentPlace = { sedeId: number; unitId: number; ooadId: number; specialtyId: number };


/** Where a teacher teaches now (their most recent current appointment). */
async function teachingPlace(db: Db, userId: number): Promise<RespondentPlace | null> {
  const [row] = await db
    .select({ sedeId: facultyAppointments.sedeId, unitId: sedes.unitId, ooadId: units.ooadId, specialtyId: courses.specialtyId })
    .from(facultyAppointments)
    .innerJoin(persons, eq(persons.id, facultyAppointments.personId))
    .innerJoin(sedes, eq(sedes.id, facultyAppointments.sedeId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .where(and(eq(persons.userId, userId), currentAppointment(), lte(facultyAppointments.startsOn, campaignToday())))
    .orderBy(desc(facultyAppointments.id))
    .limit(1);
  return row ?? null;
}

/**
 * The place a respondent answers from, or null when the campaign's audience does not include them.
 * Only these group attributes travel with the anonymous answer sheet.
 */
export async function respondentPlace(db: Db, userId: number, campaign: Campaign): Promise<RespondentPlace | null> {
  if (campaign.audience === 'profesores') return teachingPlace(db, userId);
  const p = await placementOfUser(db, userId);
  if (!p?.residentId || p.sedeId === null || p.unitId === null || p.ooadId === null || p.specialtyId === null) return null;
  if (campaign.audience === 'residentes_sede' && p.sedeId !== campaign.sedeId) return null;
  return { sedeId: p.sedeId, unitId: p.unitId, ooadId: p.ooadId, specialtyId: p.specialtyId };
}

/** Teachers a resident may evaluate: current appointments at the resident's sede. */
export function teachersAt(db: Db, sedeId: number) {
  return db
    .select({ appointmentId: facultyAppointments.id, role: facultyAppointments.role, name: sql<string>`${persons.givenNames} || ' ' || ${persons.firstSurname}` })
    .from(facultyAppointments)
    .innerJoin(persons, eq(persons.id, facultyAppointments.personId))
    .where(and(eq(facultyAppointments.sedeId, sedeId), currentAppointment()))
    .orderBy(persons.firstSurname);
}
