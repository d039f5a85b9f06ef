import { z } from 'zod';
import { formatDate } from '../shared/dates.ts';
import { versioned } from '../shared/schemas.ts';

export type ClosingFacts = { closesOn: string; closedAt: string | Date | null };

/**
 * A campaign is closed once someone closes it or once its closing day is over. Results exist only
 * then: while answers still arrive, two readings a moment apart would differ by one answer sheet,
 * and whoever knows who answered in between would learn that person's answers.
 */
export const campaignClosed = (c: ClosingFacts, today: string): boolean => c.closedAt !== null || c.closesOn < today;

/** The day from which the campaign's results are published. */
export const resultsPendingMessage = (closesOn: string) => `Los resultados se publican al cerrar la campaña el ${formatDate(closesOn)}.`;

export const closeCampaignInput = versioned;
export type CloseCampaignInput = z.infer<typeof closeCampaignInput>;
