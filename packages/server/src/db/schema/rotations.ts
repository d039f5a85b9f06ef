import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp, date } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { units } from './catalog.ts';
import { foldSql, lifecycleColumns } from './columns.ts';
import { residents } from './people.ts';

/** A clinical service of a unit (Urgencias, Medicina Interna…) with how many residents of each grade it takes at once. */
export const clinicalServices = pgTable(
  'clinical_services',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    name: text('name').notNull(),
    capacityPerGrade: integer('capacity_per_grade').array().notNull(),
    ...lifecycleColumns(),
    search: text('search').generatedAlwaysAs(foldSql(sql`name`)),
  },
  (t) => [index('clinical_services_unit_idx').on(t.unitId)],
);

/** A block of the resident's schedule: a service (of their sede, a subsede or another unit) between two dates. */
export const rotations = pgTable(
  'rotations',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    serviceId: integer('service_id').notNull().references(() => clinicalServices.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    kind: text('kind').notNull().default('regular'),
    note: text('note'),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rotations_resident_idx').on(t.residentId, t.startsOn), index('rotations_service_idx').on(t.serviceId, t.startsOn)],
);

/** Vacations and leaves: requested, then approved or rejected by the coordinator; approved ones block guardias. */
export const absences = pgTable(
  'absences',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    kind: text('kind').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('solicitada'),
    note: text('note'),
    requestedBy: integer('requested_by').references(() => users.id),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('absences_resident_idx').on(t.residentId, t.startsOn)],
);

/**
 * The rotación de campo requirement (DOMAIN §4.3) as dated records: which specialties need it in
 * their last year, how long it lasts and how many camas censables the unit must have. The record
 * in force on 1 March of the resident's last-year cycle judges that year; records are added, never overwritten.
 */
export const fieldRotationRules = pgTable('field_rotation_rules', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  source: text('source').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  specialtyCodes: text('specialty_codes').array().notNull(),
  minMonths: integer('min_months').notNull(),
  maxMonths: integer('max_months').notNull(),
  minBeds: integer('min_beds').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
