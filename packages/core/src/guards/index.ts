export * from './calendar.ts';
export * from './rules.ts';
export * from './instance.ts';
export * from './checker.ts';
export * from './fairness.ts';
export * from './solver.ts';
export * from './report.ts';
export { guardCapacity } from './explain.ts';
export * from './ical.ts';
