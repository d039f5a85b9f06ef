import type postgres from 'postgres';
import { bulkLoad, part, textArray } from './data-context.ts';
import type { DataSpec } from './data-seed.ts';

type Question = { kind: 'likert' | 'nps' | 'single' | 'multiple' | 'text'; text: string; options?: string[]; required?: boolean; measures?: 'satisfaction' | 'recommend' };

const QUESTIONS: Question[] = [
  { kind: 'likert', text: 'En general, ¿qué tan satisfecho está con su curso de especialización?', measures: 'satisfaction' },
  { kind: 'likert', text: 'Sus profesores lo supervisaron adecuadamente durante las guardias.' },
  { kind: 'likert', text: 'Las instalaciones y el equipo de la sede le permiten aprender.' },
  { kind: 'likert', text: 'Su carga de trabajo le deja tiempo para estudiar y descansar.' },
  { kind: 'nps', text: '¿Qué tan probable es que recomiende esta sede a un colega? (0 a 10)', measures: 'recommend' },
  { kind: 'single', text: '¿Cuántas horas de enseñanza formal recibe por semana?', options: ['Menos de 2', 'De 2 a 5', 'De 6 a 10', 'Más de 10'] },
  { kind: 'multiple', text: '¿Qué actividades académicas le resultaron más útiles?', options: ['Sesiones generales', 'Revisión de casos', 'Club de revistas', 'Simulación', 'Pase de visita'] },
  { kind: 'text', text: '¿Qué cambiaría de su sede?', required: false },
];
const SUGGESTIONS = ['Más tiempo de enseñanza en el quirófano.', 'Respetar el descanso después de la guardia.', 'Mejorar el acceso a bibliografía en línea.', 'Más sesiones de simulación.', 'Un área de descanso para residentes.', 'Retroalimentación más frecuente de los profesores.'];
const RESPONSE_RATE = 65;

/**
 * One satisfaction survey for residents and one campaign of it in each of the last `cycles`
 * cycles (October–November of the cycle, so the current one is open on the reference day).
 * About 65 % of the residents enrolled that cycle answer: a participation row says who took part,
 * an anonymous answer sheet carries only the groups results are published by (OOAD, unit, sede,
 * specialty). The sheet's id is an md5 of the seed and the sheet's place in an order drawn
 * independently of the respondents, and sheets are written in id order, so nothing in a sheet
 * points back to a participation.
 */
async function generateSurveys(sql: postgres.Sql, spec: DataSpec, cycles: number) {
  const [{ admin }] = await sql<{ admin: number }[]>`select min(id)::int as admin from users where username = 'admin'`;
  const [{ survey }] = await sql.unsafe<{ survey: number }[]>('select coalesce(max(id), 0)::int + 1 as survey from surveys');
  const campaigns = await sql<{ id: number; cycle_id: number; opens: string; closes: string }[]>`
    select id, cycle_id, opens::text, closes::text from (
      select (select coalesce(max(id), 0) from survey_campaigns) + row_number() over (order by starts_on)::int as id, id as cycle_id,
             make_date(extract(year from starts_on)::int, 10, 1) as opens, make_date(extract(year from starts_on)::int, 11, 30) as closes
        from (select id, starts_on from academic_cycles where starts_on <= ${spec.today}::date order by starts_on desc limit ${cycles}) c) x order by id`;
  const first = campaigns[0];
  if (!first) throw new Error('No hay ciclos para las campañas.');
  await sql.unsafe(`insert into surveys (id, title, description, purpose, created_by, created_at, updated_at)
    values (${survey}, 'Encuesta de satisfacción de residentes', 'Opinión anónima sobre el curso y la sede; se publica por grupos.', 'general', ${admin}, '${first.opens} 15:00+00'::timestamptz - interval '14 days', '${first.opens} 15:00+00'::timestamptz - interval '14 days')`);
  const [{ qbase }] = await sql.unsafe<{ qbase: number }[]>('select coalesce(max(id), 0)::int as qbase from survey_questions');
  for (const [i, q] of QUESTIONS.entries())
    await sql`insert into survey_questions (id, survey_id, position, kind, text, options, required, measures)
      values (${qbase + i + 1}, ${survey}, ${i + 1}, ${q.kind}, ${q.text}, ${q.options ? sql.json(q.options) : null}, ${q.required ?? true}, ${q.measures ?? null})`;
  for (const c of campaigns)
    await sql.unsafe(`insert into survey_campaigns (id, survey_id, cycle_id, audience, opens_on, closes_on, created_at)
      values (${c.id}, ${survey}, ${c.cycle_id}, 'residentes', '${c.opens}', '${c.closes}', '${c.opens} 15:00+00'::timestamptz - interval '7 days')`);
  // Who answered: residents enrolled in the campaign's cycle, each with a 65 % chance drawn from the seed.
  await sql.unsafe(`create temp table bench_resp as
    select c.id as campaign_id, e.res_user_id as user_id, e.ooad_id, e.unit_id, e.sede_id, e.specialty_id,
           row_number() over (partition by c.id order by md5('${spec.seed}:sheet:' || c.id || ':' || e.enrolment_id)) as n
      from bench_e e join survey_campaigns c on c.cycle_id = e.cycle_id and c.survey_id = ${survey}
     where ('x' || substr(md5('${spec.seed}:answers:' || c.id || ':' || e.enrolment_id), 1, 5))::bit(20)::int % 100 < ${RESPONSE_RATE}`);
  await sql.unsafe(`insert into survey_participations (campaign_id, user_id, subject_appointment_id) select campaign_id, user_id, 0 from bench_resp order by campaign_id, user_id`);
  await sql.unsafe(`insert into survey_responses (id, campaign_id, ooad_id, unit_id, sede_id, specialty_id, subject_appointment_id)
    select md5('${spec.seed}:response:' || campaign_id || ':' || n)::uuid as id, campaign_id, ooad_id, unit_id, sede_id, specialty_id, null from bench_resp order by 1`);
  await sql.unsafe('drop table bench_resp');
  for (const t of ['surveys', 'survey_questions', 'survey_campaigns']) await sql.unsafe(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
  await generateAnswers(sql, spec, survey, qbase);
  return campaigns.length;
}

/**
 * Each sheet's answers: Likert and 0–10 answers drawn per question, shifted by a lean of the
 * sheet's sede (so sedes differ in the published results), one or several choices, and a
 * suggestion in about a quarter of the sheets (the only optional question).
 */
async function generateAnswers(sql: postgres.Sql, spec: DataSpec, survey: number, qbase: number) {
  const likert = 'case when v < 5 then 1 when v < 14 then 2 when v < 32 then 3 when v < 72 then 4 else 5 end';
  // Skewed to the upper half, as satisfaction surveys are: about a quarter answer 9 or 10.
  const nps = 'least(10, 3 + (v * 8) / 100)';
  const select = QUESTIONS.map((q, i) => {
    const id = qbase + i + 1;
    const value = q.kind === 'likert' ? likert : q.kind === 'nps' ? nps : 'null';
    const choices =
      q.kind === 'single' ? `jsonb_build_array(h2 % ${q.options?.length})`
      : q.kind === 'multiple' ? `(select jsonb_agg(o order by o) from generate_series(0, ${(q.options?.length ?? 1) - 1}) o where ((h2 % ${2 ** (q.options?.length ?? 1) - 1}) + 1) & (1 << o) <> 0)`
      : 'null';
    const text = q.kind === 'text' ? `case when h3 % 100 < 25 then (${textArray(SUGGESTIONS)})[1 + h4 % ${SUGGESTIONS.length}] end` : 'null';
    return `select r.id, ${id}, (${value})::numeric, ${choices}, ${text}
      from survey_responses r join survey_campaigns c on c.id = r.campaign_id and c.survey_id = ${survey}
      cross join lateral (select md5('${spec.seed}:answer:' || r.id || ':${id}') as m offset 0) hm
      cross join lateral (select ${[1, 2, 3, 4].map((k) => `${part(k)} as h${k}`).join(', ')} offset 0) h
      cross join lateral (select least(99, greatest(0, h1 % 100 + (('x' || substr(md5('${spec.seed}:lean:' || r.sede_id), 1, 5))::bit(20)::int % 31) - 15)) as v offset 0) x
      ${q.kind === 'text' ? 'where h3 % 100 < 25' : ''}`;
  });
  for (const s of select) await sql.unsafe(`insert into survey_answers (response_id, question_id, value, choices, text) ${s}`);
}

/** The surveys of the last `cycles` cycles, with the answer table's indexes rebuilt after the load. */
export async function loadSurveys(sql: postgres.Sql, spec: DataSpec, cycles: number) {
  let campaigns = 0;
  await bulkLoad(sql, 'survey_answers', async () => {
    campaigns = await generateSurveys(sql, spec, cycles);
  });
  return campaigns;
}
