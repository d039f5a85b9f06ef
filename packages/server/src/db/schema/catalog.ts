import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  date,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { foldSql, lifecycleColumns } from './columns.ts';

export const ooads = pgTable('ooads', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  stateCode: text('state_code').notNull(),
  legacyCode: text('legacy_code'),
  ...lifecycleColumns(),
  search: text('search').generatedAlwaysAs(foldSql(sql`name || ' ' || code || ' ' || state_code`)),
});

export const unitTypes = pgTable('unit_types', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  defaultLevel: smallint('default_level').notNull(),
});

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    clues: text('clues'),
    name: text('name').notNull(),
    unitTypeCode: text('unit_type_code').notNull().references(() => unitTypes.code),
    levelOfCare: smallint('level_of_care').notNull(),
    ooadId: integer('ooad_id').notNull().references(() => ooads.id),
    parentUnitId: integer('parent_unit_id').references((): AnyPgColumn => units.id),
    camasCensables: integer('camas_censables').notNull().default(0),
    city: text('city'),
    umaeNumber: integer('umae_number'),
    ...lifecycleColumns(),
    search: text('search').generatedAlwaysAs(foldSql(sql`name || ' ' || coalesce(clues, '') || ' ' || coalesce(city, '')`)),
  },
  (t) => [uniqueIndex('units_clues_key').on(t.clues)],
);

export const specialties = pgTable('specialties', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  durationYears: smallint('duration_years').notNull(),
  entryType: text('entry_type').notNull(),
  prerequisiteSpecialtyId: integer('prerequisite_specialty_id').references((): AnyPgColumn => specialties.id),
  prerequisiteYears: smallint('prerequisite_years'),
  ...lifecycleColumns(),
  search: text('search').generatedAlwaysAs(foldSql(sql`name || ' ' || code`)),
});

export const courses = pgTable('courses', {
  id: serial('id').primaryKey(),
  specialtyId: integer('specialty_id').notNull().references(() => specialties.id),
  name: text('name').notNull(),
  university: text('university'),
  qualityRegistry: boolean('quality_registry').notNull().default(false),
  ...lifecycleColumns(),
  search: text('search').generatedAlwaysAs(foldSql(sql`name || ' ' || coalesce(university, '')`)),
});

export const sedes = pgTable(
  'sedes',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id').notNull().references(() => courses.id),
    unitId: integer('unit_id').notNull().references(() => units.id),
    placesPerGrade: integer('places_per_grade').array().notNull(),
    isSubsede: boolean('is_subsede').notNull().default(false),
    // Linked to the people registry once it exists; a plain id until then.
    titularPersonId: integer('titular_person_id'),
    ...lifecycleColumns(),
  },
  (t) => [uniqueIndex('sedes_course_unit_key').on(t.courseId, t.unitId)],
);

export const academicCycles = pgTable('academic_cycles', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  ...lifecycleColumns(),
});
