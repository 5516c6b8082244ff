// Entry of an extraction worker thread. The worker's code is TypeScript, and a new thread inherits
// no module hooks (neither `--import tsx` nor tsx registered by bin/briefing.mjs or a test runner's
// transform reach it), so tsx is registered here before anything TypeScript is imported. (A failed
// import cannot be retried after registering: Node caches the failure.)
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker-main.ts');
