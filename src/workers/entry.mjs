// Entry of every worker thread whose code is TypeScript. A new thread inherits no module hooks
// (neither `--import tsx` nor tsx registered by bin/briefing.mjs or a test runner's transform reach
// it), so tsx is registered here before the module named in `workerData.entry` is imported. (A
// failed import cannot be retried after registering: Node caches the failure.)
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
