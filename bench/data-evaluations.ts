import type postgres from 'postgres';
import { bulkLoad, part } from './data-context.ts';
import { type DataSpec, stampOf } from './data-seed.ts';

const COMMENTS: [number, string][] = [
  [85, 'Desempeño sobresaliente en el trimestre; sirve de modelo a sus compañeros.'],
  [65, 'Cumple con lo esperado para su grado; siga fortaleciendo la investigación.'],
  [0, 'Requiere un plan de mejora en toma de decisiones y gestión del servicio.'],
];

/**
 * Four quarterly evaluations per enrolment, each by the resident's professor of that cycle and by
 * the resident (self-evaluation), on the first template: every item scored with a level of the
 * template's rubric (skewed to "competente", a little higher in self-evaluations and later
 * quarters) and the grade the server would compute from those levels. Quarters over by the
 * reference day are submitted (professor ones acknowledged); the current one is partly
 * submitted; later ones are only assigned.
 */
async function generateEvaluations(sql: postgres.Sql, spec: DataSpec, log: (msg: string) => void) {
  const [template] = await sql<{ id: number; levels: { level: number }[] }[]>`select id, levels from evaluation_templates order by id limit 1`;
  if (!template) throw new Error('Falta la plantilla de evaluación.');
  const levels = template.levels.map((l) => l.level).sort((a, b) => a - b);
  const [min, max] = [levels[0] as number, levels.at(-1) as number];
  const items = await sql<{ id: number }[]>`select id from evaluation_items where template_id = ${template.id} order by position`;
  if (!items.length || max === min) throw new Error('La plantilla de evaluación no tiene reactivos o rúbrica.');
  const stamp = stampOf(spec);
  const today = `date '${spec.today}'`;
  const [{ base }] = await sql.unsafe<{ base: number }[]>('select coalesce(max(id), 0)::int as base from evaluations');
  const [{ n }] = await sql.unsafe<{ n: number }[]>('select count(*)::int as n from bench_e');
  // Per item, a level index 0–3 on the default four-level shape, mapped onto however many levels the rubric has.
  const draw = (i: number) => `('x' || substr(mi${Math.floor(i / 6)}, ${1 + (i % 6) * 5}, 5))::bit(20)::int % 100 + bias + w * 8 + p * 2 - 5`;
  const level = (i: number) => `(array[${levels.join(',')}])[1 + round(case when v${i} < 4 then 0 when v${i} < 22 then 1 when v${i} < 75 then 2 else 3 end * ${levels.length - 1} / 3.0)::int]`;
  const itemHashes = Array.from({ length: Math.ceil(items.length / 6) }, (_, j) => `md5(m || ':items:${j}') as mi${j}`).join(', ');
  const scores = `jsonb_build_array(${items.map((it, i) => `jsonb_build_object('itemId', ${it.id}, 'level', lv${i})`).join(', ')})`;
  const grade = `round((${items.map((_, i) => `lv${i}`).join(' + ')} - ${items.length * min})::numeric * 100 / ${items.length * (max - min)}, 1)`;
  const comment = `case ${COMMENTS.map(([g, t]) => `when score >= ${g} then '${t}'`).join(' ')} end`;
  const quarters = [1, 2, 3, 4].flatMap((p) => [0, 1].map((w) => `(${p}, ${w})`)).join(', ');
  const chunk = 50_000;
  for (let from = 0; from < n; from += chunk) {
    await sql.unsafe(`insert into evaluations (id, resident_id, cycle_id, period, period_starts_on, period_ends_on, template_id, evaluator_kind, evaluator_user_id, status, scores, grade, comment,
        submitted_at, acknowledged_at, assigned_by, version, created_at)
      select id, resident_id, cycle_id, p, ps, pe, ${template.id}, case w when 0 then 'profesor' else 'autoevaluacion' end, case w when 0 then prof_user_id else res_user_id end, status,
             case when status <> 'asignada' then scores end, case when status <> 'asignada' then score end, case when status <> 'asignada' and w = 0 then ${comment} end,
             submitted, case when status = 'reconocida' then least(timestamptz '${stamp}', submitted + make_interval(days => 1 + h4 % 5)) end,
             titular_user_id, case status when 'asignada' then 0 when 'enviada' then 1 else 2 end, least(timestamptz '${stamp}', ps::timestamp + time '14:00')
      from (select *, ${scores} as scores, ${grade} as score,
                   case when status = 'asignada' then null
                        when pe < ${today} then least(timestamptz '${stamp}', (pe + 1 + h2 % 14)::timestamp + time '16:00' + make_interval(secs => h3 % 14400))
                        else least(timestamptz '${stamp}', greatest(ps, ${today} - h2 % 10)::timestamp + time '16:00' + make_interval(secs => h3 % 14400)) end as submitted
              from (select *, ${items.map((_, i) => `${level(i)} as lv${i}`).join(', ')},
                           case when pe < ${today} then (case w when 0 then 'reconocida' else 'enviada' end)
                                when ps <= ${today} then (case when h1 % 100 < 55 + w * 10 then 'enviada' else 'asignada' end)
                                else 'asignada' end as status
                      from (select *, ${items.map((_, i) => `${draw(i)} as v${i}`).join(', ')}
                              from (select e.*, p, w, ${base} + e.k * 8 + (p - 1) * 2 + w + 1 as id, ${itemHashes},
                                           (e.starts_on + make_interval(months => (p - 1) * 3))::date as ps, (e.starts_on + make_interval(months => p * 3) - interval '1 day')::date as pe,
                                           ('x' || substr(md5('${spec.seed}:ability:' || e.enrolment_id), 1, 5))::bit(20)::int % 21 - 10 as bias,
                                           ${[1, 2, 3, 4].map((k) => `${part(k)} as h${k}`).join(', ')}
                                      from bench_e e cross join (values ${quarters}) q(p, w)
                                      cross join lateral (select md5('${spec.seed}:ev:' || e.enrolment_id || ':' || p || ':' || w) as m offset 0) hm
                                     where e.k >= ${from} and e.k < ${from + chunk} offset 0) a offset 0) b offset 0) c offset 0) d`);
    log(`  evaluaciones: ${Math.min(n, from + chunk)}/${n} inscripciones`);
  }
}

/** The promotion committee's decision for every closed enrolment, consistent with its outcome and grades. */
async function generateDecisions(sql: postgres.Sql) {
  const [{ base }] = await sql.unsafe<{ base: number }[]>('select coalesce(max(id), 0)::int as base from promotion_decisions');
  await sql.unsafe(`insert into promotion_decisions (id, resident_id, cycle_id, decision, rationale, decided_by, decided_at, version)
    select ${base} + row_number() over (order by e.k)::int, e.resident_id, e.cycle_id, 'promueve',
           case when e.outcome = 'egresa' then 'Concluye el grado ' || e.grade || ' con promedio de ' || to_char(g.mean, 'FM990.0') || ' en las evaluaciones trimestrales; procede su egreso.'
                else 'Promedio de ' || to_char(g.mean, 'FM990.0') || ' en las evaluaciones trimestrales y mínimos de actividad del grado ' || e.grade || ' cumplidos.' end,
           e.titular_user_id, (e.ends_on - 10)::timestamp + time '17:00', 0
      from bench_e e join (select resident_id, cycle_id, avg(grade) as mean from evaluations where evaluator_kind = 'profesor' and grade is not null group by 1, 2) g
        on g.resident_id = e.resident_id and g.cycle_id = e.cycle_id
     where e.outcome is not null order by e.k`);
}

/** Evaluations and promotion decisions, with the indexes rebuilt after the load. */
export async function loadEvaluations(sql: postgres.Sql, spec: DataSpec, log: (msg: string) => void) {
  await bulkLoad(sql, 'evaluations', () => generateEvaluations(sql, spec, log));
  await sql.unsafe('analyze evaluations');
  await bulkLoad(sql, 'promotion_decisions', () => generateDecisions(sql));
}
