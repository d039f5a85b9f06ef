import type { TableSum } from './tables.ts';

/** First line of a backup file: what it holds and how to tell that a restore reproduced it. */
export type BackupHeader = {
  format: 'sirem-backup';
  version: 1;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  migrations: string[];
  tables: TableSum[];
};
/** Every further line: a batch of one table's rows, as PostgreSQL's own JSON of each row. */
export type BackupBatch = { table: string; rows: unknown[] };

export const BATCH_ROWS = 2000;
export type Progress = (message: string) => void;
