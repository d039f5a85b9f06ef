import { date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { units } from './catalog.ts';

/** A Jornada Nacional for the recovery of deferred services (DOMAIN §4.10): dates, participants, target categories. */
export const jornadas = pgTable(
  'jornadas',
  {
    id: serial('id').primaryKey(),
    number: integer('number').notNull(),
    name: text('name'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    ooadIds: integer('ooad_ids').array().notNull(),
    umaeIds: integer('umae_ids').array().notNull(),
    categories: text('categories').array().notNull(),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jornadas_number_key').on(t.number)],
);

/** What a unit planned to deliver in a category during a Jornada. */
export const jornadaPlans = pgTable(
  'jornada_plans',
  {
    id: serial('id').primaryKey(),
    jornadaId: integer('jornada_id').notNull().references(() => jornadas.id),
    unitId: integer('unit_id').notNull().references(() => units.id),
    category: text('category').notNull(),
    planned: integer('planned').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jornada_plans_key').on(t.jornadaId, t.unitId, t.category)],
);

/** Counts a unit enters for work its own staff did (not residents), kept apart from activity records and labelled so. */
export const jornadaUnitCounts = pgTable(
  'jornada_unit_counts',
  {
    id: serial('id').primaryKey(),
    jornadaId: integer('jornada_id').notNull().references(() => jornadas.id),
    unitId: integer('unit_id').notNull().references(() => units.id),
    day: date('day', { mode: 'string' }).notNull(),
    category: text('category').notNull(),
    count: integer('count').notNull(),
    note: text('note'),
    enteredBy: integer('entered_by').references(() => users.id),
    version: integer('version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jornada_unit_counts_key').on(t.jornadaId, t.unitId, t.day, t.category), index('jornada_unit_counts_unit_idx').on(t.unitId)],
);

/** How many people wait for a service at a unit on a date (consultas, cirugías programadas): the backlog the Jornadas recover. */
export const backlogSnapshots = pgTable(
  'backlog_snapshots',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    service: text('service').notNull(),
    category: text('category').notNull(),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    waiting: integer('waiting').notNull(),
    enteredBy: integer('entered_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('backlog_snapshots_key').on(t.unitId, t.service, t.category, t.takenOn)],
);

/** A unit's beds on a date: ordinary, and reconverted (e.g. for COVID) until they return to ordinary use. */
export const bedCapacity = pgTable(
  'bed_capacity',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    ordinaryBeds: integer('ordinary_beds').notNull(),
    reconvertedBeds: integer('reconverted_beds').notNull(),
    note: text('note'),
    enteredBy: integer('entered_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bed_capacity_key').on(t.unitId, t.takenOn)],
);

/**
 * Residents' entries linked to a Jornada, counted per unit, kind and day (returned entries
 * excluded). Kept by statement triggers on activity_records in the same transaction as each
 * change, so the Jornada report reads a few thousand tallies instead of every entry; derived
 * data, rebuilt from the entries on restore and never written by the application.
 */
export const jornadaTallies = pgTable(
  'jornada_tallies',
  {
    jornadaId: integer('jornada_id').notNull().references(() => jornadas.id),
    unitId: integer('unit_id').notNull(),
    kind: text('kind').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jornadaId, t.unitId, t.kind, t.day] })],
);

/** Entries per resident in a Jornada, kept like jornada_tallies, so participants are counted without reading the entries. */
export const jornadaParticipantTallies = pgTable(
  'jornada_participant_tallies',
  {
    jornadaId: integer('jornada_id').notNull().references(() => jornadas.id),
    residentId: integer('resident_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jornadaId, t.residentId] })],
);
