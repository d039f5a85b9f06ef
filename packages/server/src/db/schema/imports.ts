import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './access.ts';

/**
 * An uploaded file after validation (step 1): its normalised rows and errors, kept until it is
 * committed (step 2) in one transaction. Re-committing a committed batch does nothing.
 */
export const importBatches = pgTable('import_batches', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status').notNull(),
  createdBy: integer('created_by').notNull().references(() => users.id),
  summary: jsonb('summary').notNull(),
  rows: jsonb('rows').notNull(),
  errors: jsonb('errors').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  committedAt: timestamp('committed_at', { withTimezone: true }),
});
