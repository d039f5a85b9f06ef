export * from './grading.ts';
export * from './schemas.ts';
export * from './tutoring.ts';
