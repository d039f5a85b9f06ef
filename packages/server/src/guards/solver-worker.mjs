// Worker entry: registers the TypeScript loader in this thread, then runs the solver module.
import { register } from 'tsx/esm/api';

register();
await import('./solver-thread.ts');
