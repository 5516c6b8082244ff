// The ingest lease, held from a worker thread (see ingest-leader.ts): its renewals go out on this
// thread's own event loop, so a leader whose main thread is busy for seconds at a time (extracting
// a large content folder, parsing a feed) does not let the lease lapse while it is still ingesting,
// which would let a second replica start the same work. When this process dies (kill -9) the thread
// dies with it and the lease runs out as before. Messages: to the parent { type: 'lead', token },
// { type: 'lose', why }, { type: 'error', message }, { type: 'stopped' }; from it { type: 'stop' }.
import { parentPort, workerData } from 'node:worker_threads';
import { openPool } from '../store/postgres/db.ts';
import { runForLease } from '../store/postgres/lease.ts';

interface Init {
  url: string;
  name: string;
  holder: string;
  ttlMs: number;
}

const init = workerData as Init;
const port = parentPort!;
const pool = openPool(init.url, { max: 1, applicationName: `briefing ingest lease ${init.holder}`, onError: (err) => port.postMessage({ type: 'error', message: err.message }) });
const leader = runForLease({
  pool,
  name: init.name,
  holder: init.holder,
  ttlMs: init.ttlMs,
  onLead: (token) => port.postMessage({ type: 'lead', token }),
  onLose: (why) => port.postMessage({ type: 'lose', why }),
  onError: (err) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
});
port.on('message', (m: { type: string }) => {
  if (m.type !== 'stop') return;
  void leader
    .stop()
    .catch(() => undefined)
    .then(() => pool.end().catch(() => undefined))
    .then(() => {
      port.postMessage({ type: 'stopped' });
      port.close();
    });
});
