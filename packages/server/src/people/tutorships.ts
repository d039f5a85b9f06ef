import { and, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { tutorships } from '../db/schema/people.ts';

/**
 * A tutorship in force today: started, and not ended (its end date is its last day, as for
 * appointments). Ending a tutor appointment on a future date keeps the tutor until then.
 */
export const currentTutorship = and(lte(tutorships.startsOn, sql`current_date`), or(isNull(tutorships.endsOn), gte(tutorships.endsOn, sql`current_date`)));
