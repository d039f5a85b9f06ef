// The benchmark uses the same core code the server runs.
export { checkRoster, dayIndex, monthDays, objective, solveRoster, weekOf } from '../packages/core/src/guards/index.ts';
export type { Coverage, RosterInstance, RosterResident } from '../packages/core/src/guards/index.ts';
export { IMSS_2026 as IMSS_PARAMS } from '../packages/core/src/guards/test-instances.ts';
