import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { queryRows } from '../rows.ts';
import { BATCH_ROWS, type BackupBatch, type BackupHeader, type Progress } from './format.ts';
import { appliedMigrations, ident, listTables, orderBy, tableSums } from './tables.ts';

/**
 * Writes every table to a gzip file of JSON lines, from one consistent snapshot (a repeatable-read,
 * read-only transaction), so a backup taken while the server works is still all-or-nothing.
 * The same code reads PGlite and native PostgreSQL, and either can restore the other's file.
 */
export async function writeBackup(database: Database, file: string, progress: Progress = () => {}): Promise<BackupHeader> {
  const out = new PassThrough();
  const done = pipeline(out, createGzip(), createWriteStream(file));
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  let header: BackupHeader;
  try {
    header = await database.db.transaction(
    async (tx) => {
      await tx.execute(sql`set local timezone = 'UTC'`);
      const tables = await listTables(tx);
      const head: BackupHeader = { format: 'sirem-backup', version: 1, createdAt: new Date().toISOString(), engine: database.engine, migrations: await appliedMigrations(tx), tables: await tableSums(tx, tables) };
      await write(head);
      for (const t of tables) {
        const total = head.tables.find((s) => s.name === t.name)?.rows ?? 0;
        if (!total) continue;
        // A cursor streams big tables (the audit trail) without holding them in memory.
        await tx.execute(sql`declare backup_rows no scroll cursor for select row_to_json(x)::text as j from ${ident(t.name)} x order by ${orderBy(t)}`);
        for (let copied = 0; ; ) {
          const rows = await queryRows<{ j: string }>(tx, sql`fetch ${sql.raw(String(BATCH_ROWS))} from backup_rows`);
          if (!rows.length) break;
          const batch: BackupBatch = { table: t.name, rows: rows.map((r) => JSON.parse(r.j)) };
          await write(batch);
          copied += rows.length;
          progress(`${t.name}: ${copied}/${total}`);
        }
        await tx.execute(sql`close backup_rows`);
      }
      return head;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  } catch (err) {
    out.destroy(err as Error);
    await done.catch(() => {});
    throw err;
  }
  out.end();
  await done;
  return header;
}
