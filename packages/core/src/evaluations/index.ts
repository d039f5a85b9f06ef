export * from './grading.ts';
export * from './schemas.ts';
