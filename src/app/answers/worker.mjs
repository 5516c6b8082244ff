// Entry of an answer worker thread. Workers do not inherit the TypeScript loader the main thread
// registered, so each registers it before loading the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
