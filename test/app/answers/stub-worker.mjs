// A stand-in answer worker speaking the pool's protocol, misbehaving on purpose:
// mode `crash` exits on its first command, `hang` never answers, `echo` answers with the command.
import { parentPort, workerData } from 'node:worker_threads';

const mode = workerData.databasePath.split('#')[1];
parentPort.on('message', (m) => {
  if (mode === 'crash') process.exit(3);
  if (mode === 'echo') parentPort.postMessage({ type: 'reply', id: m.id, reply: { tone: 'info', title: `echo ${m.command.name}`, sections: [], notes: [], more: 0 } });
});
parentPort.postMessage({ type: 'log', level: 'info', message: 'stub up', fields: { mode } });
parentPort.postMessage({ type: 'ready', ms: 1 });
