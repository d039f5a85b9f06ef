import { DEFAULT_RUBRIC } from '@sirem/core';
import type { Db } from '../client.ts';
import { competencies, evaluationItems, evaluationTemplates } from '../schema/evaluations.ts';

/** Transversal competencies named in bulletin 001; specialty competencies are added as data per specialty. */
export const TRANSVERSAL = [
  { code: 'T-DEC', name: 'Toma de decisiones', item: 'Toma decisiones clínicas fundamentadas y oportunas, y las comunica al equipo.' },
  { code: 'T-ING', name: 'Inglés', item: 'Lee y aprovecha literatura médica en inglés para su práctica.' },
  { code: 'T-INV', name: 'Investigación', item: 'Plantea preguntas de investigación y aplica el método científico en su proyecto.' },
  { code: 'T-GES', name: 'Gestión', item: 'Organiza su trabajo y los recursos del servicio con eficiencia.' },
  { code: 'T-LID', name: 'Liderazgo', item: 'Coordina y orienta al equipo de salud con respeto.' },
  { code: 'T-DH', name: 'Desarrollo humano', item: 'Trata con dignidad a pacientes y colegas y cuida su propio bienestar.' },
];

/** Loads the transversal competencies and a default quarterly template once; later runs leave them alone. */
export async function loadEvaluationCatalogue(db: Db): Promise<void> {
  if ((await db.$count(competencies)) > 0) return;
  await db.transaction(async (tx) => {
    const rows = await tx.insert(competencies).values(TRANSVERSAL.map((c) => ({ code: c.code, name: c.name, validFrom: '2020-01-01' }))).returning({ id: competencies.id, code: competencies.code });
    const [template] = await tx.insert(evaluationTemplates).values({ name: 'Evaluación trimestral de competencias transversales', levels: DEFAULT_RUBRIC }).returning({ id: evaluationTemplates.id });
    await tx.insert(evaluationItems).values(TRANSVERSAL.map((c, i) => ({ templateId: template.id, competencyId: rows.find((r) => r.code === c.code)?.id as number, position: i + 1, text: c.item })));
  });
}
