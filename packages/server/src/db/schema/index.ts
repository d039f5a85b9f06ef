export * from './catalog.ts';
export * from './access.ts';
export * from './audit.ts';
export * from './people.ts';
export * from './imports.ts';
export * from './rotations.ts';
export * from './guards.ts';
