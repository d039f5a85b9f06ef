import { describe, expect, it } from 'vitest';
import { campaignClosed, resultsPendingMessage } from './closing.ts';

describe('campaign closing', () => {
  it('stays open through its closing day and closes the day after', () => {
    expect(campaignClosed({ closesOn: '2026-11-30', closedAt: null }, '2026-11-30')).toBe(false);
    expect(campaignClosed({ closesOn: '2026-11-30', closedAt: null }, '2026-12-01')).toBe(true);
  });

  it('is closed from the moment someone closes it, whatever its closing day', () => {
    expect(campaignClosed({ closesOn: '2099-12-31', closedAt: '2026-06-15T10:00:00Z' }, '2026-06-15')).toBe(true);
  });

  it('says in dd/mm/aaaa when the results come out', () => {
    expect(resultsPendingMessage('2026-11-30')).toBe('Los resultados se publican al cerrar la campaña el 30/11/2026.');
  });
});
