// An answer worker: a read-only connection to the knowledge store and a Briefing over it, answering
// parsed commands posted by the pool (./pool.ts). Log lines go back to the pool's logger, so masking
// of secrets and the log level stay in one place.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createBriefing } from '../../core/commands/briefing.ts';
import { errorFields, type Logger } from '../../log.ts';
import { knowledgeOver, vectorCachePath, warmUp, wordVectorsOn } from '../asking.ts';
import { KnowledgeStore } from '../../store/sqlite/knowledge/store.ts';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.ts';
import { existsSync } from 'node:fs';
import { openDb, type Db } from '../../store/sqlite/db.ts';
import { statePathFor } from '../../store/sqlite/state.ts';
import { sqliteVisibility } from '../../store/sqlite/web.ts';

const port = parentPort!;
const init = workerData as WorkerInit;
const t0 = performance.now();

const send = (m: FromWorker) => port.postMessage(m);

function forwardingLogger(scope: string): Logger {
  const emit = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields: Record<string, unknown> = {}) =>
    send({ type: 'log', level, message: `${scope}: ${message}`, fields: plain(fields) });
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'), child: (s) => forwardingLogger(`${scope}:${s}`) };
}

/** Errors cross as plain data (name, message, code, stack, cause); anything else that cannot be cloned, as text. */
function plain(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Error) out[k] = errorFields(v);
    else if (typeof v === 'function' || typeof v === 'symbol') out[k] = String(v);
    else out[k] = v;
  }
  return out;
}

const logger = forwardingLogger('worker');
// Linux applies a niceness to the calling thread alone: the thread acking commands keeps the CPU
// when both want it, and the answers take what is left (they have minutes, not seconds).
if (init.nice > 0) {
  try {
    setPriority(Math.min(19, getPriority() + init.nice));
  } catch (err) {
    logger.debug('could not lower the answer worker priority', { error: err });
  }
}
const store = KnowledgeStore.open({ path: init.databasePath, readonly: true, logger: logger.child('store') });
// Workers read the vector cache the main thread writes; they never scan the package themselves.
const knowledge = knowledgeOver(store, wordVectorsOn() ? { vectors: { cachePath: vectorCachePath(init.databasePath), cacheOnly: true } } : {});
// The same rule as the main thread: what a workspace added is its own. With BRIEFING_DATABASE_URL
// the web tables saying who added what are in PostgreSQL (a snapshot kept fresh by the other
// replicas' notifications; pg is loaded only then); else in the state file beside the knowledge
// file (as the main thread's deps.db()), which the bot opens before starting workers; without one,
// nothing was added from chat.
const shared = init.databaseUrl ? (await import('../../store/postgres/shared.ts')).sharedPostgres(init.databaseUrl, { applicationName: 'briefing answers', max: 2, onError: (err) => logger.warn('web tables: connection lost; reconnecting', { error: err.message }) }) : null;
const rules = shared?.web();
const statePath = statePathFor(init.databasePath);
const visibilityDb: Db | null = !rules && existsSync(statePath) ? openDb(statePath, { readonly: true }) : null;
const visibility = rules ? rules.view.visibility : visibilityDb ? sqliteVisibility(visibilityDb) : undefined;
const briefing = createBriefing({ knowledge, ...(visibility ? { visibility } : {}), logger: logger.child('commands') });
await warmUp(knowledge);
await rules?.view.ready;

port.on('message', (m: ToWorker) => {
  if (m.type !== 'run') return;
  void briefing.execute(m.command, m.ctx).then((reply) => send({ type: 'reply', id: m.id, reply }));
});
port.once('close', () => {
  store.close();
  visibilityDb?.close();
  void rules?.view.close().then(() => shared?.close());
});
send({ type: 'ready', ms: Math.round(performance.now() - t0) });
