import type { MessageKey } from '../i18n/es.ts';

const KEYS: Record<string, MessageKey> = { draft: 'guards.state.draft', published: 'guards.state.published', superseded: 'guards.state.superseded' };

/** The catalogue key of a roster's status; an unknown status falls back to the draft wording. */
export const rosterStatusKey = (status: string): MessageKey => KEYS[status] ?? 'guards.state.draft';
