export * from './instruments.ts';
export * from './scoring.ts';
export * from './schemas.ts';
export * from './conduct.ts';
export * from './periods.ts';
export * from './reminders.ts';
