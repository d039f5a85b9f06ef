import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { sedes, specialties, units } from './catalog.ts';
import { foldSql } from './columns.ts';
import { jornadas } from './jornadas.ts';
import { persons, residents } from './people.ts';

/** One upload of an official code catalogue (CIE-10 diagnoses or CIE-9-MC procedures); the newest current one is used for new entries. */
export const codeVersions = pgTable('code_versions', {
  id: serial('id').primaryKey(),
  system: text('system').notNull(),
  label: text('label').notNull(),
  rowCount: integer('row_count').notNull(),
  current: boolean('current').notNull().default(true),
  loadedBy: integer('loaded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const codes = pgTable(
  'codes',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id').notNull().references(() => codeVersions.id),
    code: text('code').notNull(),
    description: text('description').notNull(),
    search: text('search').generatedAlwaysAs(foldSql(sql`code || ' ' || description`)),
  },
  (t) => [uniqueIndex('codes_version_code_key').on(t.versionId, t.code)],
);

/**
 * One clinical act in a resident's portfolio. No patient identity is stored, by design: only an
 * age band and sex. `sede_id` is the resident's sede when recorded (who may see and verify it);
 * `unit_id` is where the act happened (what a Jornada counts).
 */
export const activityRecords = pgTable(
  'activity_records',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    sedeId: integer('sede_id').notNull().references(() => sedes.id),
    performedOn: date('performed_on', { mode: 'string' }).notNull(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    service: text('service').notNull(),
    kind: text('kind').notNull(),
    organ: text('organ'),
    supervision: text('supervision').notNull(),
    supervisorPersonId: integer('supervisor_person_id').references(() => persons.id),
    diagnosisCode: text('diagnosis_code'),
    diagnosisVersionId: integer('diagnosis_version_id').references(() => codeVersions.id),
    procedureCode: text('procedure_code'),
    procedureVersionId: integer('procedure_version_id').references(() => codeVersions.id),
    ageBand: text('age_band').notNull(),
    sex: text('sex').notNull(),
    note: text('note'),
    jornadaId: integer('jornada_id').references(() => jornadas.id),
    status: text('status').notNull().default('registrada'),
    reviewComment: text('review_comment'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    clientKey: text('client_key'),
    recordedBy: integer('recorded_by').references(() => users.id),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('activity_resident_idx').on(t.residentId, t.performedOn),
    index('activity_sede_idx').on(t.sedeId, t.status),
    // Covers every Jornada report query (by unit and kind, by day, participants) as an index-only scan.
    index('activity_jornada_idx').on(t.jornadaId, t.unitId, t.kind, t.status, t.performedOn, t.residentId),
    uniqueIndex('activity_client_key').on(t.residentId, t.clientKey),
  ],
);

/** Minimum verified counts a resident must reach, per specialty, activity group and grade (data, not code). */
export const activityRequirements = pgTable(
  'activity_requirements',
  {
    id: serial('id').primaryKey(),
    specialtyId: integer('specialty_id').notNull().references(() => specialties.id),
    grade: smallint('grade').notNull(),
    group: text('group').notNull(),
    minimum: integer('minimum').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull().default(sql`current_date`),
  },
  (t) => [uniqueIndex('activity_requirements_key').on(t.specialtyId, t.grade, t.group, t.validFrom)],
);
