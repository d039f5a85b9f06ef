export * from './schemas.ts';
export * from './answers.ts';
export * from './suppression.ts';
export * from './blocks.ts';
export * from './closing.ts';
