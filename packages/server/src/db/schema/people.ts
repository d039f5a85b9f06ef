import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { academicCycles, sedes, units } from './catalog.ts';
import { foldSql, lifecycleColumns } from './columns.ts';

/**
 * A person known to the institute. Mexicans are identified by CURP; foreigners without one by a
 * temporary institutional key (key_type 'temporal'). Cédulas are verified by hand (no public API).
 */
export const persons = pgTable(
  'persons',
  {
    id: serial('id').primaryKey(),
    keyType: text('key_type').notNull(),
    curp: text('curp'),
    tempKey: text('temp_key'),
    givenNames: text('given_names').notNull(),
    firstSurname: text('first_surname').notNull(),
    secondSurname: text('second_surname'),
    sex: text('sex').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    nationality: text('nationality').notNull().default('MEX'),
    email: text('email'),
    phone: text('phone'),
    matricula: text('matricula'),
    cedulaLicenciatura: text('cedula_licenciatura'),
    cedulaLicenciaturaVerified: boolean('cedula_licenciatura_verified').notNull().default(false),
    cedulaEspecialidad: text('cedula_especialidad'),
    cedulaEspecialidadVerified: boolean('cedula_especialidad_verified').notNull().default(false),
    userId: integer('user_id').references(() => users.id),
    ...lifecycleColumns(),
    /** Surnames then names, folded: the order of every people list, indexed so a page is an index walk. */
    sortName: text('sort_name').generatedAlwaysAs(foldSql(sql`first_surname || ' ' || coalesce(second_surname || ' ', '') || given_names`)),
    search: text('search').generatedAlwaysAs(
      foldSql(sql`given_names || ' ' || first_surname || ' ' || coalesce(second_surname, '') || ' ' || coalesce(curp, '') || ' ' || coalesce(temp_key, '') || ' ' || coalesce(matricula, '')`),
    ),
  },
  (t) => [
    uniqueIndex('persons_curp_key').on(t.curp),
    uniqueIndex('persons_temp_key_key').on(t.tempKey),
    uniqueIndex('persons_matricula_key').on(t.matricula),
    uniqueIndex('persons_user_key').on(t.userId),
    index('persons_sort_name_idx').on(t.sortName, t.id),
    // Word search ("garcia") is a substring match; trigrams let it read the matching rows only.
    index('persons_search_trgm_idx').using('gin', t.search.op('gin_trgm_ops')),
    // Foreign residents are few (143 of 26,350): their list walks this small index in name order.
    index('persons_foreign_idx').on(t.sortName, t.id).where(sql`nationality <> 'MEX'`),
  ],
);

/** One residency program a person follows (a specialty at a sede), with its current state. */
export const residents = pgTable(
  'residents',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => persons.id),
    sedeId: integer('sede_id').notNull().references(() => sedes.id),
    status: text('status').notNull(),
    grade: smallint('grade').notNull(),
    cycleId: integer('cycle_id').notNull().references(() => academicCycles.id),
    entryCycleId: integer('entry_cycle_id').notNull().references(() => academicCycles.id),
    examFolio: text('exam_folio'),
    examScore: numeric('exam_score', { precision: 6, scale: 2 }),
    graduatedOn: date('graduated_on', { mode: 'string' }),
    diplomaNumber: text('diploma_number'),
    hired: boolean('hired'),
    hiredUnitId: integer('hired_unit_id').references(() => units.id),
    hiredOn: date('hired_on', { mode: 'string' }),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('residents_sede_idx').on(t.sedeId, t.status), index('residents_person_idx').on(t.personId)],
);

/** A resident's grade in each academic cycle: one row per cycle, never two. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    personId: integer('person_id').notNull().references(() => persons.id),
    cycleId: integer('cycle_id').notNull().references(() => academicCycles.id),
    sedeId: integer('sede_id').notNull().references(() => sedes.id),
    grade: smallint('grade').notNull(),
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('enrolments_person_cycle_key').on(t.personId, t.cycleId), index('enrolments_cycle_idx').on(t.cycleId, t.sedeId), index('enrolments_resident_idx').on(t.residentId)],
);

/** The resident's timeline: every lifecycle transition with its date and reason. */
export const residentEvents = pgTable(
  'resident_events',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    details: jsonb('details'),
    cycleId: integer('cycle_id').references(() => academicCycles.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resident_events_resident_idx').on(t.residentId, t.occurredOn)],
);

/** Faculty appointments: profesor titular, adjunto or tutor of a sede, with dates. */
export const facultyAppointments = pgTable(
  'faculty_appointments',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => persons.id),
    sedeId: integer('sede_id').notNull().references(() => sedes.id),
    role: text('role').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('faculty_sede_idx').on(t.sedeId, t.role), index('faculty_person_idx').on(t.personId)],
);

/** Which tutor follows which resident, over which dates. */
export const tutorships = pgTable(
  'tutorships',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    tutorPersonId: integer('tutor_person_id').notNull().references(() => persons.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tutorships_tutor_idx').on(t.tutorPersonId), index('tutorships_resident_idx').on(t.residentId)],
);
