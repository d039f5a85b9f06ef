import { describe, expect, it } from 'vitest';
import { answerProblems, type Question } from './answers.ts';
import { surveyInput } from './schemas.ts';

const qs: Question[] = [
  { id: 1, kind: 'likert', text: 'Satisfacción con el curso', options: null, required: true },
  { id: 2, kind: 'nps', text: '¿Recomendaría su sede?', options: null, required: true },
  { id: 3, kind: 'single', text: 'Grado', options: ['R1', 'R2'], required: true },
  { id: 4, kind: 'text', text: 'Comentarios', options: null, required: false },
];

describe('survey answers', () => {
  it('accepts a complete sheet and leaves optional questions empty', () => {
    expect(answerProblems(qs, [{ questionId: 1, value: 4 }, { questionId: 2, value: 10 }, { questionId: 3, choices: [1] }])).toEqual([]);
  });

  it('says which question is missing or out of its scale', () => {
    const p = answerProblems(qs, [{ questionId: 1, value: 6 }, { questionId: 3, choices: [0, 1] }]);
    expect(p.map((x) => x.message)).toEqual(['La pregunta 1 se responde de 1 a 5.', 'Responda la pregunta 2.', 'Elija una opción en la pregunta 3.']);
  });

  it('refuses answers to questions of another survey', () => {
    expect(answerProblems(qs, [{ questionId: 99, value: 1 }]).map((p) => p.message)).toContain('La pregunta 99 no es de esta encuesta.');
  });

  it('refuses a numeric value on a question that is not a scale', () => {
    expect(answerProblems(qs, [{ questionId: 1, value: 4 }, { questionId: 2, value: 9 }, { questionId: 3, choices: [0] }, { questionId: 4, value: 1e308 }]).map((p) => p.message)).toEqual(['La pregunta 4 no lleva valor numérico.']);
  });

  it('refuses a choice question without options and an indicator on free text', () => {
    const r = surveyInput.safeParse({ title: 'X', questions: [{ kind: 'single', text: 'Uno', options: ['a'] }, { kind: 'text', text: 'Dos', measures: 'satisfaction' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['questions.0.options', 'questions.1.measures']);
  });
});
