import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAD7, PHQ9 } from './instruments.ts';
import { answersProblem, nextScreeningDue, scoreScreening } from './scoring.ts';

const phq = (...a: number[]) => scoreScreening('phq9', a);

describe('PHQ-9 scoring', () => {
  it('has nine items and four answer options', () => {
    expect(PHQ9.items).toHaveLength(9);
    expect(GAD7.items).toHaveLength(7);
    expect(PHQ9.options.map((o) => o.es)).toEqual(['Ningún día', 'Varios días', 'Más de la mitad de los días', 'Casi todos los días']);
  });

  it('places each total in its band at the published cut-offs', () => {
    expect(phq(0, 0, 0, 0, 0, 0, 0, 0, 0)).toEqual({ score: 0, band: 'minima', crisis: false });
    expect(phq(1, 1, 1, 1, 0, 0, 0, 0, 0).band).toBe('minima');
    expect(phq(1, 1, 1, 1, 1, 0, 0, 0, 0).band).toBe('leve');
    expect(phq(2, 2, 2, 2, 2, 0, 0, 0, 0).band).toBe('moderada');
    expect(phq(3, 3, 3, 3, 3, 0, 0, 0, 0).band).toBe('moderadamente_grave');
    expect(phq(3, 3, 3, 3, 3, 3, 2, 0, 0).band).toBe('grave');
    expect(phq(3, 3, 3, 3, 3, 3, 3, 3, 3)).toEqual({ score: 27, band: 'grave', crisis: true });
  });

  it('opens the crisis pathway on any answer above 0 on item 9, whatever the total', () => {
    expect(phq(0, 0, 0, 0, 0, 0, 0, 0, 1)).toEqual({ score: 1, band: 'minima', crisis: true });
    expect(phq(3, 3, 3, 3, 3, 3, 3, 3, 0).crisis).toBe(false);
  });

  it('refuses incomplete or out-of-range answers with a message that says which', () => {
    expect(answersProblem('phq9', [0, 0])).toContain('9 preguntas');
    expect(answersProblem('gad7', [0, 0, 0, 4, 0, 0, 0])).toContain('pregunta 4');
    expect(() => phq(0, 0, 0)).toThrow(RangeError);
  });

  it('scores any complete answer set to the sum, never crisis on GAD-7', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }), (a) => {
        const r = scoreScreening('gad7', a);
        expect(r.score).toBe(a.reduce((s, x) => s + x, 0));
        expect(r.crisis).toBe(false);
        expect(r.band).toBe(r.score >= 15 ? 'grave' : r.score >= 10 ? 'moderada' : r.score >= 5 ? 'leve' : 'minima');
      }),
    );
  });
});

describe('quarterly schedule', () => {
  it('is due now when nothing was answered this quarter', () => {
    expect(nextScreeningDue(null, '2026-11-22')).toEqual({ dueOn: '2026-10-01', dueNow: true });
    expect(nextScreeningDue('2026-09-30', '2026-11-22')).toEqual({ dueOn: '2026-10-01', dueNow: true });
  });

  it('is due the first day of next quarter once answered, across the year end', () => {
    expect(nextScreeningDue('2026-10-05', '2026-11-22')).toEqual({ dueOn: '2027-01-01', dueNow: false });
    expect(nextScreeningDue('2026-02-01', '2026-03-31')).toEqual({ dueOn: '2026-04-01', dueNow: false });
  });
});
