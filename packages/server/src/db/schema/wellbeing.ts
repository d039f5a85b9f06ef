import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { ooads, sedes } from './catalog.ts';
import { persons } from './people.ts';

/**
 * A self-screening (PHQ-9, GAD-7): sensitive health data, read only by the person, the
 * mental-health liaison in scope, and (as far as the person allows) their tutor; every read is audited.
 */
export const wellbeingScreenings = pgTable(
  'wellbeing_screenings',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => persons.id),
    instrument: text('instrument').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    answers: jsonb('answers').$type<number[]>().notNull(),
    score: smallint('score').notNull(),
    band: text('band').notNull(),
    crisis: boolean('crisis').notNull(),
    /** Where the person was placed when answering, so aggregates and alerts follow the liaison's scope. */
    sedeId: integer('sede_id').references(() => sedes.id),
    ooadId: integer('ooad_id').references(() => ooads.id),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('wellbeing_screenings_person_idx').on(t.personId, t.completedAt), index('wellbeing_screenings_place_idx').on(t.ooadId, t.instrument)],
);

/** A confidential alert for the mental-health liaison, raised by PHQ-9 item 9 above 0. */
export const wellbeingAlerts = pgTable(
  'wellbeing_alerts',
  {
    id: serial('id').primaryKey(),
    screeningId: integer('screening_id').notNull().references(() => wellbeingScreenings.id),
    personId: integer('person_id').notNull().references(() => persons.id),
    ooadId: integer('ooad_id').references(() => ooads.id),
    status: text('status').notNull().default('abierta'),
    note: text('note'),
    handledBy: integer('handled_by').references(() => users.id),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('wellbeing_alerts_scope_idx').on(t.ooadId, t.status, t.id)],
);

/** What the person lets their tutor see; absent row means nothing. */
export const wellbeingSharing = pgTable('wellbeing_sharing', {
  personId: integer('person_id').primaryKey().references(() => persons.id),
  tutorSees: text('tutor_sees').notNull().default('nada'),
  version: integer('version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One reminder per person and screening period (e.g. 2026-Q4), so a reminder goes out once across instances. */
export const wellbeingReminders = pgTable(
  'wellbeing_reminders',
  {
    personId: integer('person_id').notNull().references(() => persons.id),
    period: text('period').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.period] })],
);
