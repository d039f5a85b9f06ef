import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../client.ts';
import { queryRows } from '../rows.ts';
import type { BackupBatch, BackupHeader, Progress } from './format.ts';
import { appliedMigrations, ident, listTables, type TableInfo, tableSums } from './tables.ts';

export class RestoreError extends Error {}

/**
 * Loads a backup into an empty, migrated database in one transaction: rows go in table by table
 * (parents first), sequences follow the data, and the per-table checksums of the file must match
 * what was loaded before anything is committed. Any problem leaves the database as it was.
 */
export async function restoreBackup(database: Database, file: string, progress: Progress = () => {}): Promise<BackupHeader> {
  if (!existsSync(file)) throw new RestoreError(`No se encontró el archivo ${file}.`);
  const source = createReadStream(file);
  const gunzip = createGunzip();
  // pipe() does not pass errors on; without this a read error would never reach the reader.
  source.on('error', (err) => gunzip.destroy(err));
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const header = parseHeader((await iterator.next().catch(unreadable)).value);
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone = 'UTC'`);
      const migrations = await appliedMigrations(tx);
      if (migrations.join() !== header.migrations.join())
        throw new RestoreError(`La copia es de otra versión de la base (${header.migrations.length} migraciones; esta instalación tiene ${migrations.length}). Restaure con la versión de SIREM que la generó.`);
      const tables = await listTables(tx);
      await assertEmpty(tx, tables);
      const byName = new Map(tables.map((t) => [t.name, t]));
      let loaded = 0;
      const expected = header.tables.reduce((s, t) => s + t.rows, 0);
      for (;;) {
        const next = await iterator.next().catch(unreadable);
        if (next.done) break;
        const batch = parseBatch(next.value, byName);
        await insertBatch(tx, byName.get(batch.table) as TableInfo, batch.rows);
        loaded += batch.rows.length;
        progress(`${batch.table}: ${loaded}/${expected} filas`);
      }
      for (const t of tables) if (t.serial) await tx.execute(sql`select setval(pg_get_serial_sequence(${t.name}, ${t.serial}), coalesce((select max(${ident(t.serial)}) from ${ident(t.name)}), 0) + 1, false)`);
      const sums = new Map((await tableSums(tx, tables)).map((s) => [s.name, s]));
      const wrong = header.tables.filter((t) => sums.get(t.name)?.checksum !== t.checksum).map((t) => `${t.name} (${sums.get(t.name)?.rows ?? 0} de ${t.rows} filas)`);
      if (wrong.length) throw new RestoreError(`La copia no coincide con lo cargado en: ${wrong.join(', ')}. El archivo está incompleto o dañado; no se restauró nada.`);
    });
  } finally {
    lines.close();
  }
  return header;
}

function unreadable(): never {
  throw new RestoreError('El archivo no es una copia de SIREM legible (gzip dañado o incompleto); no se restauró nada.');
}

function parseHeader(line: string | undefined): BackupHeader {
  let header: Partial<BackupHeader> | null = null;
  try {
    header = JSON.parse(line ?? '');
  } catch {}
  if (header?.format !== 'sirem-backup' || header.version !== 1 || !Array.isArray(header.tables) || !Array.isArray(header.migrations))
    throw new RestoreError('El archivo no es una copia de SIREM (falta el encabezado sirem-backup versión 1).');
  return header as BackupHeader;
}

function parseBatch(line: string, tables: Map<string, TableInfo>): BackupBatch {
  let batch: Partial<BackupBatch> | null = null;
  try {
    batch = JSON.parse(line);
  } catch {}
  if (!batch || typeof batch.table !== 'string' || !Array.isArray(batch.rows)) throw new RestoreError('El archivo tiene una línea dañada; no se restauró nada.');
  if (!tables.has(batch.table)) throw new RestoreError(`La copia trae la tabla «${batch.table}», que esta versión no tiene; no se restauró nada.`);
  return batch as BackupBatch;
}

async function assertEmpty(tx: Pick<Db, 'execute'>, tables: TableInfo[]) {
  for (const t of tables) {
    const [row] = await queryRows<{ any: boolean }>(tx, sql`select exists (select 1 from ${ident(t.name)}) as any`);
    if (row?.any) throw new RestoreError(`La base de destino ya tiene datos (tabla ${t.name}). Restaure en una base nueva o en una carpeta de datos vacía.`);
  }
}

async function insertBatch(tx: Pick<Db, 'execute'>, t: TableInfo, rows: unknown[]) {
  const list = sql.raw(t.columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', '));
  await tx.execute(sql`insert into ${ident(t.name)} (${list}) select ${list} from json_populate_recordset(null::${ident(t.name)}, ${JSON.stringify(rows)}::json)`);
}
