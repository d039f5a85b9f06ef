import { boolean, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { ooads, sedes, units } from './catalog.ts';
import { persons } from './people.ts';

/**
 * A report of mistreatment, harassment, punishment guardias or other conduct. An anonymous report
 * stores no reporter and only the SHA-256 of the follow-up token; it keeps the date received, not
 * the time, so it cannot be lined up against session activity.
 */
export const conductReports = pgTable(
  'conduct_reports',
  {
    id: serial('id').primaryKey(),
    folio: text('folio').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }),
    ooadId: integer('ooad_id').notNull().references(() => ooads.id),
    unitId: integer('unit_id').notNull().references(() => units.id),
    sedeId: integer('sede_id').references(() => sedes.id),
    accusedPersonId: integer('accused_person_id').references(() => persons.id),
    accusedDescription: text('accused_description'),
    reporterUserId: integer('reporter_user_id').references(() => users.id),
    tokenHash: text('token_hash'),
    status: text('status').notNull().default('recibido'),
    version: integer('version').notNull().default(0),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('conduct_reports_folio_key').on(t.folio), uniqueIndex('conduct_reports_token_key').on(t.tokenHash), index('conduct_reports_scope_idx').on(t.ooadId, t.status, t.id)],
);

/** Case notes: committee notes (internal or shared with the reporter) and the reporter's messages. */
export const conductNotes = pgTable(
  'conduct_notes',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id').notNull().references(() => conductReports.id),
    author: text('author').notNull(),
    authorUserId: integer('author_user_id').references(() => users.id),
    body: text('body').notNull(),
    sharedWithReporter: boolean('shared_with_reporter').notNull().default(false),
    writtenOn: date('written_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('conduct_notes_report_idx').on(t.reportId, t.id)],
);

/** Codes of conduct and ethics published in the system; each new version needs a new acknowledgement. */
export const conductCodes = pgTable('conduct_codes', {
  id: serial('id').primaryKey(),
  code: text('code').notNull(),
  edition: text('edition').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  publishedOn: date('published_on', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('conduct_codes_edition_key').on(t.code, t.edition)]);

export const conductAcknowledgements = pgTable(
  'conduct_acknowledgements',
  {
    codeId: integer('code_id').notNull().references(() => conductCodes.id),
    userId: integer('user_id').notNull().references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.codeId, t.userId] })],
);
