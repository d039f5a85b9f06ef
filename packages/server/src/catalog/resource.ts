import type { Action, ListQuery, Scope, UnitPlace } from '@sirem/core';
import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgSelect, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import type { Actor } from '../http/context.ts';
import type { FieldError } from '../http/errors.ts';
import type { XlsxColumn } from '../lib/xlsx.ts';

export type Row = Record<string, unknown> & { id: number };
export type SortKey = { expr: SQL | PgColumn; type: 'text' | 'int' | 'date' };

/** A table the actor edits through the generic catalogue service (list, get, create, update, deactivate, delete). */
export type EditableTable = PgTable & { id: PgColumn; version: PgColumn; active: PgColumn; validTo: PgColumn; updatedAt: PgColumn };

export type Resource<Input, Q extends ListQuery = ListQuery> = {
  entity: string;
  /** Spanish noun with article, used in messages: "La unidad". */
  label: string;
  table: EditableTable;
  /** The list projection with its joins; the generic code adds where, order and limit. */
  query: (db: Db) => PgSelect;
  count: (db: Db) => PgSelect;
  sortable: Record<string, SortKey>;
  defaultSort: string;
  search?: SQL | PgColumn;
  filters?: (query: Q) => (SQL | undefined)[];
  /** Restricts reads by the actor's scope; undefined means the whole catalogue is visible. */
  readScope?: (scope: Scope) => SQL | undefined;
  writeAction: Action;
  /** Where an input or stored row sits, to check the actor's write scope; absent means national only. */
  placeOf?: (db: Db, values: Record<string, unknown>) => Promise<UnitPlace>;
  toValues: (input: Input) => Record<string, unknown>;
  /** Cross-row checks (existence, uniqueness, limits) returning field errors, or throwing a conflict. */
  validate?: (db: Db, input: Input, existingId: number | null) => Promise<FieldError[]>;
  references?: { count: (db: Db, id: number) => Promise<number>; message: (n: number) => string }[];
  exportColumns: XlsxColumn<Row>[];
  exportName: string;
};

export type Ctx = { db: Db; actor: Actor; requestId: string };
