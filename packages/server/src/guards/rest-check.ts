/** The rest after 24-h duties is computed in core, with the residents' guardias in other rosters. */
export { type RestBreak, type RestCheck, restAfter24h } from '@sirem/core';
