import type postgres from 'postgres';
import { bulkLoad, part, textArray } from './data-context.ts';
import { type DataSpec, stampOf } from './data-seed.ts';

/** Kinds by specialty profile, as slots of a uniform draw (a kind's share is its slot count). */
const KINDS: Record<string, [string, number][]> = {
  mfa: [['consulta_medicina_familiar', 9], ['deteccion_diabetes', 2], ['deteccion_hipertension', 2], ['deteccion_mastografia', 1], ['deteccion_exploracion_mama', 2], ['deteccion_cacu', 1], ['implante_hormonal', 1], ['vasectomia', 1], ['procedimiento', 1]],
  surgical: [['cirugia', 14], ['procedimiento', 8], ['consulta_especialidad', 12], ['estudio_auxiliar', 5], ['trasplante', 1]],
  clinical: [['consulta_especialidad', 12], ['procedimiento', 3], ['estudio_auxiliar', 4], ['deteccion_hipertension', 1]],
};

/** Diagnosis (CIE-10), procedure (CIE-9-MC) and organ, all from the demonstration catalogue, by kind. */
const CODES: Record<string, [string | null, string | null, string | null][]> = {
  consulta_medicina_familiar: ['E11.9', 'E11.5', 'E66.9', 'E78.5', 'I10', 'J45.9', 'J44.9', 'Z00.0', 'F41.1', 'F32.9', 'H66.9', 'J18.9'].map((d) => [d, null, null]),
  consulta_especialidad: ['I10', 'I20.0', 'I50.0', 'E11.5', 'N18.5', 'J44.9', 'M16.9', 'M17.9', 'C50.9', 'C53.9', 'C61', 'C18.9', 'F32.9', 'F41.1', 'G40.9', 'D25.9', 'N40', 'K81.0', 'H25.9', 'O80'].map((d) => [d, null, null]),
  cirugia: [['K35.8', '47.01'], ['K35.8', '47.09'], ['K80.2', '51.23'], ['K81.0', '51.22'], ['K40.9', '53.00'], ['K40.9', '53.04'], ['H25.9', '13.41'], ['H26.9', '13.41'], ['J35.0', '28.3'], ['H66.9', '20.01'], ['N40', '60.29'], ['M16.9', '81.51'], ['M17.9', '81.54'], ['S72.0', '79.35'], ['O82', '74.1'], ['D25.9', '68.49'], ['C50.9', '85.21'], ['I20.0', '36.10'], ['L89.9', '86.22'], ['T30.0', '86.22']].map(([d, p]) => [d, p, null] as [string, string, null]),
  procedimiento: [['I50.0', '37.80'], ['N18.5', '39.95'], ['C18.9', '45.23'], ['M17.9', '99.23'], ['L89.9', '86.22'], ['T30.0', '86.22']].map(([d, p]) => [d, p, null] as [string, string, null]),
  estudio_auxiliar: ['I50.0', 'I21.9', 'Z01.4', 'J18.9', 'N20.0', 'C18.9'].map((d) => [d, null, null]),
  trasplante: [['N18.5', '55.69', 'rinon'], ['Z94.0', '55.69', 'rinon'], ['H18.6', '11.60', 'cornea'], ['H18.6', '11.64', 'cornea'], [null, '50.59', 'higado'], [null, '41.00', 'medula_osea']],
  deteccion_mastografia: [['Z12.3', null, null]],
  deteccion_exploracion_mama: [['Z12.3', null, null]],
  deteccion_diabetes: [['Z13.1', null, null]],
  deteccion_hipertension: [['Z13.6', null, null]],
  deteccion_cacu: [['Z12.4', null, null]],
  vasectomia: [['Z30.2', '63.73', null]],
  implante_hormonal: [['Z30.0', null, null]],
};

const SERVICES: Record<string, string[]> = {
  cirugia: ['Quirófano'], trasplante: ['Quirófano'],
  consulta_especialidad: ['Consulta externa', 'Consulta externa', 'Consulta externa', 'Hospitalización', 'Urgencias'],
  consulta_medicina_familiar: ['Consulta externa'],
  procedimiento: ['Urgencias', 'Hospitalización', 'Quirófano', 'Consulta externa'],
  estudio_auxiliar: ['Imagenología', 'Laboratorio clínico', 'Gabinete'],
};
const PREVENTIVE = ['Medicina preventiva', 'Consulta externa'];
const AGE_SLOTS = ['0-4', '5-14', '15-29', '15-29', '15-29', '15-29', '30-44', '30-44', '30-44', '30-44', '30-44', '45-59', '45-59', '45-59', '45-59', '45-59', '60+', '60+', '60+', '60+'];
const PEDIATRIC_AGES = ['0-4', '0-4', '0-4', '5-14', '5-14', '15-29'];
const RETURNED = ['Falta el código de diagnóstico correcto; corríjalo y envíe de nuevo.', 'La fecha no coincide con su rotación; revísela.', 'Indique quién supervisó el procedimiento.'];

const slots = (kinds: [string, number][]) => textArray(kinds.flatMap(([k, n]) => Array.from({ length: n }, () => k)));
const byKind = (column: 'dx' | 'px' | 'organ', pick: string) =>
  `case kind ${Object.entries(CODES).map(([kind, list]) => `when '${kind}' then (${textArray(list.map((c) => c[column === 'dx' ? 0 : column === 'px' ? 1 : 2]))})[1 + ${pick} % ${list.length}]`).join(' ')} end`;

/** The codes the generator uses, so a build fails early if the demonstration catalogue changes. */
export async function checkCodes(sql: postgres.Sql) {
  const wanted = { cie10: new Set<string>(), cie9mc: new Set<string>() };
  for (const list of Object.values(CODES)) for (const [d, p] of list) { if (d) wanted.cie10.add(d); if (p) wanted.cie9mc.add(p); }
  const versions = await sql<{ system: string; id: number }[]>`select system, max(id)::int as id from code_versions where current group by system`;
  const ids: Record<string, number> = {};
  for (const [system, codes] of Object.entries(wanted)) {
    const id = versions.find((v) => v.system === system)?.id;
    if (!id) throw new Error(`Falta el catálogo ${system}.`);
    const found = new Set((await sql<{ code: string }[]>`select code from codes where version_id = ${id} and code in ${sql([...codes])}`).map((r) => r.code));
    const missing = [...codes].filter((c) => !found.has(c));
    if (missing.length) throw new Error(`El catálogo ${system} no tiene: ${missing.join(', ')}`);
    ids[system] = id;
  }
  return ids as { cie10: number; cie9mc: number };
}

/**
 * `rows` activity entries over the enrolments of `bench_e`, in proportion to the days each
 * enrolment has run by the reference day (and a little more for senior grades): the resident's
 * sede and unit, kinds and codes that fit the specialty, supervision that grows with the grade,
 * four in five verified by the resident's professor of that cycle. Generated in chunks of about
 * a million rows, each one statement over generate_series.
 */
export async function generateActivity(sql: postgres.Sql, spec: DataSpec, rows: number, log: (msg: string) => void) {
  const versions = await checkCodes(sql);
  const stamp = stampOf(spec);
  await sql.unsafe(`create temp table bench_span as
    select k, lo, hi from (select k, (${rows}::numeric * (sum(w) over (order by k) - w) / sum(w) over ())::bigint as lo, (${rows}::numeric * sum(w) over (order by k) / sum(w) over ())::bigint as hi
      from (select k, days::bigint * (8 + grade) as w from bench_e) x) y`);
  await sql.unsafe('create unique index on bench_span (k)');
  const [{ base }] = await sql.unsafe<{ base: number }[]>('select coalesce(max(id), 0)::int as base from activity_records');
  const chunks = await sql.unsafe<{ from: number; to: number }[]>(`select min(k)::int as "from", max(k)::int as "to" from bench_span group by lo / 1000000 order by 1`);
  const kind = `case profile ${Object.entries(KINDS).map(([p, list]) => `when '${p}' then (${slots(list)})[1 + h2 % ${list.reduce((s, [, n]) => s + n, 0)}]`).join(' ')} end`;
  const service = `case when kind like 'deteccion%' or kind in ('vasectomia', 'implante_hormonal') then (${textArray(PREVENTIVE)})[1 + h3 % 2] ${Object.entries(SERVICES).map(([k, list]) => `when kind = '${k}' then (${textArray(list)})[1 + h3 % ${list.length}]`).join(' ')} end`;
  const supervision = `case when s < 20 then 'observa' when s < 45 then 'ayuda' when s < 75 then 'realiza_supervisado' else 'realiza' end`;
  const age = `case when kind in ('deteccion_mastografia') then (array['45-59','45-59','60+','30-44'])[1 + (h5 / 100) % 4] when pediatric then (${textArray(PEDIATRIC_AGES)})[1 + (h5 / 100) % ${PEDIATRIC_AGES.length}] else (${textArray(AGE_SLOTS)})[1 + (h5 / 100) % ${AGE_SLOTS.length}] end`;
  const sex = `case when kind = 'vasectomia' then 'H' when gynaecology or kind in ('deteccion_mastografia', 'deteccion_exploracion_mama', 'deteccion_cacu', 'implante_hormonal') then 'M' when (h6 / 100) % 100 < 56 then 'M' else 'H' end`;
  const status = `case when h6 % 100 < 80 then 'verificada' when h6 % 100 < 97 then 'registrada' else 'devuelta' end`;
  for (const [i, c] of chunks.entries()) {
    await sql.unsafe(`insert into activity_records (id, resident_id, sede_id, performed_on, unit_id, service, kind, organ, supervision, supervisor_person_id, diagnosis_code, diagnosis_version_id,
        procedure_code, procedure_version_id, age_band, sex, status, review_comment, reviewed_by, reviewed_at, recorded_by, version, created_at, updated_at)
      select id, resident_id, sede_id, day, unit_id, ${service}, kind, ${byKind('organ', 'h4')}, ${supervision}, case when s < 75 then prof_person_id end,
             dx, case when dx is not null then ${versions.cie10} end, px, case when px is not null then ${versions.cie9mc} end, ${age}, ${sex}, status,
             case when status = 'devuelta' then (${textArray(RETURNED)})[1 + h1 % ${RETURNED.length}] end,
             case when status <> 'registrada' then prof_user_id end, reviewed, res_user_id, case when status <> 'registrada' then 1 else 0 end, created, coalesce(reviewed, created)
      from (select *, ${byKind('dx', 'h4')} as dx, ${byKind('px', 'h4')} as px,
                   case when status <> 'registrada' then least(timestamptz '${stamp}', (day + 1 + (h6 / 10000) % 7)::timestamp + time '15:00' + make_interval(secs => h1 % 28800)) end as reviewed,
                   least(timestamptz '${stamp}', day::timestamp + time '19:00' + make_interval(secs => h3 % 14400)) as created
              from (select *, ${status} as status
                      from (select *, ${kind} as kind, (starts_on + h1 % days) as day, h5 % 100 + (grade - 1) * 12 as s
                              from (select e.*, ${base} + g + 1 as id, ${[1, 2, 3, 4, 5, 6].map((n) => `${part(n)} as h${n}`).join(', ')}
                                      from bench_e e join bench_span sp on sp.k = e.k cross join lateral generate_series(sp.lo, sp.hi - 1) g cross join lateral (select md5('${spec.seed}:a:' || g) as m offset 0) hm
                                     where e.k between ${c.from} and ${c.to} offset 0) a offset 0) b offset 0) c offset 0) d
      `);
    log(`  actividad: bloque ${i + 1}/${chunks.length}`);
  }
  await sql.unsafe('drop table bench_span');
}

/** Activity entries, with the table's indexes rebuilt after the load. */
export const loadActivity = (sql: postgres.Sql, spec: DataSpec, log: (msg: string) => void) => bulkLoad(sql, 'activity_records', () => generateActivity(sql, spec, spec.activityRows, log));
