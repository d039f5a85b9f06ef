import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { ooads, units } from './catalog.ts';
import { residents } from './people.ts';

/** Official guardia rule sets as dated records; the one in force on a date applies. */
export const guardRuleSets = pgTable('guard_rule_sets', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  source: text('source').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  params: jsonb('params').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An institution's stricter parameters, nationally or for one OOAD or unit, from a date. */
export const guardRuleOverrides = pgTable('guard_rule_overrides', {
  id: serial('id').primaryKey(),
  ooadId: integer('ooad_id').references(() => ooads.id),
  unitId: integer('unit_id').references(() => units.id),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  params: jsonb('params').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Extra non-working days an institution declares (e.g. election day, LFT art. 74 IX). */
export const extraHolidays = pgTable('extra_holidays', {
  id: serial('id').primaryKey(),
  date: date('date', { mode: 'string' }).notNull(),
  name: text('name').notNull(),
  ooadId: integer('ooad_id').references(() => ooads.id),
});

/**
 * A month's guardia roster for a unit and a group of its services. Each save of a published
 * roster creates a new version; published versions are never changed.
 */
export const rosters = pgTable(
  'rosters',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    groupKey: text('group_key').notNull(),
    serviceIds: integer('service_ids').array().notNull(),
    month: text('month').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    ruleSetCode: text('rule_set_code').notNull(),
    params: jsonb('params').notNull(),
    coverage: jsonb('coverage').notNull(),
    assignments: jsonb('assignments').notNull(),
    /** The residents, days and absences the roster was built for, so edits are checked against the same facts. */
    instance: jsonb('instance').notNull(),
    report: jsonb('report').notNull(),
    seed: integer('seed').notNull(),
    revision: integer('revision').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('rosters_version_key').on(t.unitId, t.groupKey, t.month, t.version),
    // At most one published version per month: two publications racing each other cannot both win.
    uniqueIndex('rosters_one_published_key').on(t.unitId, t.groupKey, t.month).where(sql`status = 'published'`),
    // Finds the published rosters a resident has guardias in (every draft's checks look for them) without reading each roster.
    index('rosters_published_residents_idx').using('gin', sql`roster_resident_ids(${t.assignments})`).where(sql`status = 'published'`),
  ],
);

/** Background work (roster solving): claimed once with FOR UPDATE SKIP LOCKED, progress reported as it runs. */
export const jobs = pgTable('jobs', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  status: text('status').notNull().default('queued'),
  progress: integer('progress').notNull().default(0),
  input: jsonb('input').notNull(),
  result: jsonb('result'),
  error: text('error'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** How many times a runner claimed the job: 1 unless a runner died while holding it. */
  attempts: integer('attempts').notNull().default(0),
  /** Refreshed while the job runs; a job silent for too long was left by a dead runner and is claimed again. */
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
});

/** A private calendar-feed token per user; only its SHA-256 is stored, like session tokens. */
export const calendarTokens = pgTable('calendar_tokens', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id).unique(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A resident's request to exchange one of their guardias with another resident's; the jefe de servicio decides. */
export const guardSwaps = pgTable('guard_swaps', {
  id: serial('id').primaryKey(),
  rosterId: integer('roster_id').notNull().references(() => rosters.id),
  requesterResidentId: integer('requester_resident_id').notNull(),
  requesterDate: date('requester_date', { mode: 'string' }).notNull(),
  partnerResidentId: integer('partner_resident_id').notNull(),
  partnerDate: date('partner_date', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('solicitado'),
  reason: text('reason'),
  decidedBy: integer('decided_by').references(() => users.id),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
});

/** Messages to users (roster changes that affect them); read from their inbox. */
export const notifications = pgTable('notifications', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  kind: text('kind').notNull(),
  message: text('message').notNull(),
  link: text('link'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
});

/** A day a resident asks to be free of guardia; the solver grants it when every hard rule still holds (a soft goal). */
export const guardDayOffRequests = pgTable(
  'guard_day_off_requests',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    date: date('date', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('guard_day_off_requests_key').on(t.residentId, t.date)],
);
