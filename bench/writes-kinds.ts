import type postgres from 'postgres';

/**
 * The writes of the write-mix benchmark: what each sends through HTTP, the same change as direct
 * SQL (the row and its audit row in one transaction), and how to find afterwards which writes were
 * stored. Every write carries a marker of its own (a phone number or a note) that lands in its row
 * and in its audit row, so each answer can be matched with what the database holds.
 */
export type Sql = postgres.Sql;
type Tx = postgres.TransactionSql;

export type Pools = {
  /** Active residents, with their person's id and where they train. */
  residents: { id: number; personId: number; sedeId: number; unitId: number }[];
  /** One rotation per resident (made for the benchmark) in a roomy service of their unit. */
  rotations: { id: number; residentId: number; serviceId: number }[];
  /** The residents of the demo titular's sede, whose activity the titular records. */
  supervised: { id: number; sedeId: number; unitId: number }[];
  /** Current versions of the persons and rotations edited, read again before each phase. */
  versions: { person: Map<number, number>; rotation: Map<number, number> };
  users: { central: number; titular: number };
};

export type WriteKind = {
  name: string;
  /** Which demo account sends it. */
  account: 'central' | 'titular';
  entity: string;
  action: string;
  /** The audit row's `after` field that holds the marker. */
  field: string;
  /** The n-th write as an HTTP request, and the marker it leaves. */
  http: (p: Pools, n: number) => { method: 'POST' | 'PATCH'; path: string; body: Record<string, unknown>; marker: string };
  /** The same change in SQL, inside the caller's transaction, with its audit row. */
  direct: (tx: Tx, p: Pools, n: number) => Promise<void>;
  /** How many row changes of this kind the database holds (a sum of versions, or a count of marked rows). */
  written: (sql: Sql, p: Pools) => Promise<number>;
  /** After an HTTP answer: the version the server now stores, so the next edit of the row is not stale. */
  answered?: (p: Pools, body: string) => void;
};

const at = <T>(list: T[], n: number) => list[n % list.length] as T;
const marker = (n: number) => `carga-${n}`;
/** A phone number unique to the n-th write. */
const phone = (n: number) => `55${String(n).padStart(8, '0')}`;
/** One day per lap of the pool, so a resident's absences never overlap. */
const absenceDay = (p: Pools, n: number) => new Date(Date.UTC(2027, 1, 1) + 2 * Math.floor(n / p.residents.length) * 86_400_000).toISOString().slice(0, 10);
const rotationEnd = (n: number) => `2027-01-${String(20 + (n % 11)).padStart(2, '0')}`;
const keep = (map: Map<number, number>) => (_p: Pools, body: string) => {
  const row = JSON.parse(body) as { id?: number; version?: number };
  if (row.id && typeof row.version === 'number') map.set(row.id, row.version);
};
const audit = (tx: Tx, actor: number, action: string, entity: string, id: number, after: unknown) =>
  tx`insert into audit_log (actor_id, actor_name, action, entity, entity_id, after, request_id) values (${actor}, 'carga-directa', ${action}, ${entity}, ${String(id)}, ${tx.json(after as postgres.JSONValue)}, 'carga')`;
/** An INSERT and its audit row (the caller's transaction). */
async function inserted(tx: Tx, table: 'absences' | 'activity_records', values: Record<string, unknown>, actor: number, action: string, entity: string) {
  const [row] = await tx`insert into ${tx(table)} ${tx(values)} returning *`;
  await audit(tx, actor, action, entity, row?.id, row);
}
const versionSum = (sql: Sql, table: 'persons' | 'rotations', ids: number[]) => sql<{ s: string }[]>`select coalesce(sum(version), 0) as s from ${sql(table)} where id = any(${ids})`.then((r) => Number(r[0]?.s));
const marked = (sql: Sql, table: 'absences' | 'activity_records') => sql<{ n: string }[]>`select count(*) as n from ${sql(table)} where note like 'carga-%'`.then((r) => Number(r[0]?.n));

const contact: WriteKind = {
  name: 'edit contact details (version check)',
  account: 'central',
  entity: 'person',
  action: 'update',
  field: 'phone',
  http: (p, n) => {
    const r = at(p.residents, n);
    return { method: 'PATCH', path: `/api/v1/people/persons/${r.personId}`, body: { phone: phone(n), version: p.versions.person.get(r.personId) ?? 0 }, marker: phone(n) };
  },
  direct: async (tx, p, n) => {
    const r = at(p.residents, n);
    const [row] = await tx`update persons set phone = ${phone(n)}, version = version + 1, updated_at = now() where id = ${r.personId} and version = ${p.versions.person.get(r.personId) ?? 0} returning id, phone, email, version`;
    if (!row) throw new Error(`versión desactualizada de la persona ${r.personId}`);
    p.versions.person.set(r.personId, row.version);
    await audit(tx, p.users.central, 'update', 'person', r.personId, row);
  },
  written: (sql, p) => versionSum(sql, 'persons', p.residents.map((r) => r.personId)),
  answered: (p, body) => keep(p.versions.person)(p, body),
};

const activity: WriteKind = {
  name: 'record an activity entry',
  account: 'titular',
  entity: 'activity_record',
  action: 'create',
  field: 'note',
  http: (p, n) => {
    const r = at(p.supervised, n);
    return { method: 'POST', path: '/api/v1/activity/records', body: { residentId: r.id, performedOn: '2026-11-20', unitId: r.unitId, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', diagnosisCode: 'I10', ageBand: '45-59', sex: 'M', note: marker(n) }, marker: marker(n) };
  },
  direct: async (tx, p, n) => {
    const r = at(p.supervised, n);
    const values = { resident_id: r.id, sede_id: r.sedeId, performed_on: '2026-11-20', unit_id: r.unitId, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', diagnosis_code: 'I10', age_band: '45-59', sex: 'M', note: marker(n), recorded_by: p.users.titular };
    await inserted(tx, 'activity_records', values, p.users.titular, 'create', 'activity_record');
  },
  written: (sql) => marked(sql, 'activity_records'),
};

const absence: WriteKind = {
  name: 'register an absence (overlap check)',
  account: 'central',
  entity: 'absence',
  action: 'request',
  field: 'note',
  http: (p, n) => {
    const r = at(p.residents, n);
    const day = absenceDay(p, n);
    return { method: 'POST', path: '/api/v1/rotations/absences', body: { residentId: r.id, kind: 'academica', startsOn: day, endsOn: day, note: marker(n) }, marker: marker(n) };
  },
  direct: async (tx, p, n) => {
    const r = at(p.residents, n);
    const day = absenceDay(p, n);
    await inserted(tx, 'absences', { resident_id: r.id, kind: 'academica', starts_on: day, ends_on: day, note: marker(n), requested_by: p.users.central }, p.users.central, 'request', 'absence');
  },
  written: (sql) => marked(sql, 'absences'),
};

const rotation: WriteKind = {
  name: 'edit a rotation (version check)',
  account: 'central',
  entity: 'rotation',
  action: 'update',
  field: 'note',
  http: (p, n) => {
    const r = at(p.rotations, n);
    const body = { residentId: r.residentId, serviceId: r.serviceId, startsOn: '2027-01-04', endsOn: rotationEnd(n), kind: 'regular', note: marker(n), version: p.versions.rotation.get(r.id) ?? 0 };
    return { method: 'PATCH', path: `/api/v1/rotations/${r.id}`, body, marker: marker(n) };
  },
  direct: async (tx, p, n) => {
    const r = at(p.rotations, n);
    const [row] = await tx`update rotations set ends_on = ${rotationEnd(n)}, note = ${marker(n)}, version = version + 1, updated_at = now() where id = ${r.id} and version = ${p.versions.rotation.get(r.id) ?? 0} returning *`;
    if (!row) throw new Error(`versión desactualizada de la rotación ${r.id}`);
    p.versions.rotation.set(r.id, row.version);
    await audit(tx, p.users.central, 'update', 'rotation', r.id, row);
  },
  written: (sql, p) => versionSum(sql, 'rotations', p.rotations.map((r) => r.id)),
  answered: (p, body) => keep(p.versions.rotation)(p, body),
};

export const KINDS: WriteKind[] = [contact, activity, absence, rotation];

/** Of these markers, the ones whose audit row of the kind exists: the writes that were stored. */
export async function storedMarkers(sql: Sql, kind: WriteKind, markers: string[]) {
  if (!markers.length) return new Set<string>();
  const rows = await sql<{ m: string }[]>`select after->>${kind.field} as m from audit_log where entity = ${kind.entity} and action = ${kind.action} and after->>${kind.field} = any(${markers})`;
  return new Set(rows.map((r) => r.m));
}

/** Audit rows of the kind written after `mark` (an audit id), by the given actor name or any. */
export async function auditsSince(sql: Sql, kind: WriteKind, mark: number) {
  const [row] = await sql<{ n: string }[]>`select count(*) as n from audit_log where id > ${mark} and entity = ${kind.entity} and action = ${kind.action}`;
  return Number(row?.n);
}

/** Reads the current versions of the persons and rotations the benchmark edits. */
export async function refreshVersions(sql: Sql, p: Pools) {
  for (const r of await sql<{ id: number; version: number }[]>`select id, version from persons where id = any(${p.residents.map((r) => r.personId)})`) p.versions.person.set(r.id, r.version);
  for (const r of await sql<{ id: number; version: number }[]>`select id, version from rotations where id = any(${p.rotations.map((r) => r.id)})`) p.versions.rotation.set(r.id, r.version);
}
