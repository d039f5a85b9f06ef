import { boolean, date, index, integer, jsonb, numeric, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { RubricLevel } from '@sirem/core';
import { users } from './access.ts';
import { academicCycles, specialties, units } from './catalog.ts';
import { lifecycleColumns } from './columns.ts';
import { residents } from './people.ts';

/** Competencies as dated data: the transversal ones of bulletin 001 (no specialty) and each specialty's own. */
export const competencies = pgTable(
  'competencies',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    specialtyId: integer('specialty_id').references(() => specialties.id),
    description: text('description'),
    ...lifecycleColumns(),
  },
  (t) => [uniqueIndex('competencies_code_key').on(t.code)],
);

export const evaluationTemplates = pgTable('evaluation_templates', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  specialtyId: integer('specialty_id').references(() => specialties.id),
  levels: jsonb('levels').$type<RubricLevel[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const evaluationItems = pgTable(
  'evaluation_items',
  {
    id: serial('id').primaryKey(),
    templateId: integer('template_id').notNull().references(() => evaluationTemplates.id),
    competencyId: integer('competency_id').notNull().references(() => competencies.id),
    position: smallint('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('evaluation_items_template_idx').on(t.templateId, t.position)],
);

/**
 * One evaluation of one resident in one quarter by one evaluator (a professor, the resident
 * themselves, nursing staff or a peer). Once the resident acknowledges it, it can no longer change.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    cycleId: integer('cycle_id').notNull().references(() => academicCycles.id),
    period: smallint('period').notNull(),
    periodStartsOn: date('period_starts_on', { mode: 'string' }).notNull(),
    periodEndsOn: date('period_ends_on', { mode: 'string' }).notNull(),
    templateId: integer('template_id').notNull().references(() => evaluationTemplates.id),
    evaluatorKind: text('evaluator_kind').notNull(),
    evaluatorUserId: integer('evaluator_user_id').notNull().references(() => users.id),
    status: text('status').notNull().default('asignada'),
    scores: jsonb('scores').$type<{ itemId: number; level: number }[]>(),
    grade: numeric('grade', { precision: 5, scale: 1 }),
    comment: text('comment'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    assignedBy: integer('assigned_by').references(() => users.id),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluations_resident_idx').on(t.residentId, t.cycleId, t.period), index('evaluations_evaluator_idx').on(t.evaluatorUserId, t.status)],
);

/**
 * Staff of a unit who evaluate residents without teaching them (nursing, for the 360 evaluation):
 * an account with no role at all, registered here by the unit's coordination, so it can only fill
 * the evaluations assigned to it. Ending the registration keeps past evaluations attributable.
 */
export const unitEvaluators = pgTable(
  'unit_evaluators',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    userId: integer('user_id').notNull().references(() => users.id),
    kind: text('kind').notNull().default('enfermeria'),
    registeredBy: integer('registered_by').references(() => users.id),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('unit_evaluators_key').on(t.unitId, t.userId)],
);

/** The promotion committee's decision for a resident at the end of a cycle. */
export const promotionDecisions = pgTable(
  'promotion_decisions',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    cycleId: integer('cycle_id').notNull().references(() => academicCycles.id),
    decision: text('decision').notNull(),
    rationale: text('rationale').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(0),
  },
  (t) => [uniqueIndex('promotion_decisions_key').on(t.residentId, t.cycleId)],
);

/** Thesis or research project; an approved one is required before egreso. */
export const theses = pgTable('theses', {
  id: serial('id').primaryKey(),
  residentId: integer('resident_id').notNull().references(() => residents.id).unique(),
  title: text('title').notNull(),
  advisorName: text('advisor_name').notNull(),
  status: text('status').notNull(),
  milestones: jsonb('milestones').$type<{ name: string; dueOn: string; doneOn?: string | null }[]>().notNull(),
  version: integer('version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A tutoring session between a resident and their tutor: topics, agreements and follow-up. */
export const tutoringSessions = pgTable(
  'tutoring_sessions',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    tutorUserId: integer('tutor_user_id').notNull().references(() => users.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    topics: text('topics').notNull(),
    agreements: text('agreements'),
    followUp: text('follow_up'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tutoring_sessions_resident_idx').on(t.residentId, t.heldOn)],
);

/** Continuous feedback from any professor of the sede; the resident and their tutor read it. */
export const feedbackNotes = pgTable(
  'feedback_notes',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    authorUserId: integer('author_user_id').notNull().references(() => users.id),
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('feedback_notes_resident_idx').on(t.residentId, t.id)],
);

/** An action plan with a due date; a reminder goes to the resident and the tutor shortly before it. */
export const actionPlans = pgTable(
  'action_plans',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    title: text('title').notNull(),
    detail: text('detail'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('abierto'),
    remindedOn: date('reminded_on', { mode: 'string' }),
    createdBy: integer('created_by').notNull().references(() => users.id),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('action_plans_due_idx').on(t.status, t.dueOn)],
);
