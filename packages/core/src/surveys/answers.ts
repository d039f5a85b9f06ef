import { type QuestionKind, SCALE } from './schemas.ts';

export type Question = { id: number; kind: QuestionKind; text: string; options: string[] | null; required: boolean };
export type Answer = { questionId: number; value?: number | null; choices?: number[] | null; text?: string | null };

/** Checks a whole answer sheet against its questions; returns one message per problem, by question. */
export function answerProblems(questions: readonly Question[], answers: readonly Answer[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  if (byId.size !== answers.length) problems.push({ field: 'answers', message: 'Hay preguntas respondidas dos veces.' });
  for (const a of answers) if (!questions.some((q) => q.id === a.questionId)) problems.push({ field: 'answers', message: `La pregunta ${a.questionId} no es de esta encuesta.` });
  questions.forEach((q, i) => {
    const a = byId.get(q.id);
    const field = `answers.${i + 1}`;
    const empty = !a || (a.value == null && !a.choices?.length && !a.text);
    if (empty) {
      if (q.required) problems.push({ field, message: `Responda la pregunta ${i + 1}.` });
      return;
    }
    if (q.kind !== 'likert' && q.kind !== 'nps' && a.value != null) problems.push({ field, message: `La pregunta ${i + 1} no lleva valor numérico.` });
    if (q.kind === 'likert' || q.kind === 'nps') {
      const [min, max] = SCALE[q.kind];
      if (!Number.isInteger(a.value) || (a.value as number) < min || (a.value as number) > max) problems.push({ field, message: `La pregunta ${i + 1} se responde de ${min} a ${max}.` });
    } else if (q.kind === 'single' || q.kind === 'multiple') {
      const n = q.options?.length ?? 0;
      const c = a.choices ?? [];
      if (c.some((x) => x >= n) || (q.kind === 'single' && c.length !== 1)) problems.push({ field, message: q.kind === 'single' ? `Elija una opción en la pregunta ${i + 1}.` : `Opción inexistente en la pregunta ${i + 1}.` });
    }
  });
  return problems;
}
