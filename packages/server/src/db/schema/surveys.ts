import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { academicCycles, ooads, sedes, specialties, units } from './catalog.ts';
import { facultyAppointments } from './people.ts';

export const surveys = pgTable('surveys', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description'),
  /** 'general' (course and sede satisfaction) or 'docente' (residents evaluate a teacher). */
  purpose: text('purpose').notNull().default('general'),
  version: integer('version').notNull().default(0),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id').notNull().references(() => surveys.id),
    position: smallint('position').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    options: jsonb('options').$type<string[]>(),
    required: boolean('required').notNull().default(true),
    /** Which published indicator this question feeds: % satisfied, % would recommend, or none. */
    measures: text('measures'),
  },
  (t) => [index('survey_questions_survey_idx').on(t.surveyId, t.position)],
);

export const surveyCampaigns = pgTable('survey_campaigns', {
  id: serial('id').primaryKey(),
  surveyId: integer('survey_id').notNull().references(() => surveys.id),
  cycleId: integer('cycle_id').notNull().references(() => academicCycles.id),
  audience: text('audience').notNull(),
  sedeId: integer('sede_id').references(() => sedes.id),
  opensOn: date('opens_on', { mode: 'string' }).notNull(),
  closesOn: date('closes_on', { mode: 'string' }).notNull(),
  /** Set when the campaign is closed (by hand or once its closing date has passed); results exist only after it. */
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: integer('closed_by').references(() => users.id),
  version: integer('version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who has answered, only to refuse a second answer. It shares nothing with the responses: no
 * id, no time, no place; the pair is all there is.
 */
export const surveyParticipations = pgTable(
  'survey_participations',
  {
    campaignId: integer('campaign_id').notNull().references(() => surveyCampaigns.id),
    userId: integer('user_id').notNull().references(() => users.id),
    subjectAppointmentId: integer('subject_appointment_id').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId, t.subjectAppointmentId] })],
);

/**
 * One anonymous answer sheet. No column refers to the respondent; the id is random so it does
 * not follow insertion order, and there is no timestamp. The place columns are the groups results
 * are published by (each subject to small-group suppression). For teacher evaluations the subject
 * is the teacher's appointment, never the respondent.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    campaignId: integer('campaign_id').notNull().references(() => surveyCampaigns.id),
    ooadId: integer('ooad_id').references(() => ooads.id),
    unitId: integer('unit_id').references(() => units.id),
    sedeId: integer('sede_id').references(() => sedes.id),
    specialtyId: integer('specialty_id').references(() => specialties.id),
    subjectAppointmentId: integer('subject_appointment_id').references(() => facultyAppointments.id),
  },
  (t) => [index('survey_responses_campaign_idx').on(t.campaignId, t.sedeId)],
);

export const surveyAnswers = pgTable(
  'survey_answers',
  {
    responseId: uuid('response_id').notNull().references(() => surveyResponses.id),
    questionId: integer('question_id').notNull().references(() => surveyQuestions.id),
    value: numeric('value', { precision: 4, scale: 1 }),
    choices: jsonb('choices').$type<number[]>(),
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] })],
);
