// Asking a store in tests: the app's AskEngine over it (src/app/knowledge.ts), one per store, so
// the speaker matcher and lexicons are built once per store as in the running bot.
import { knowledgeOver } from '../../src/app/asking.ts';
import type { SearchPort } from '../../src/core/ask/port.ts';
import type { Knowledge } from '../../src/core/ask/types.ts';

const engines = new WeakMap<SearchPort, Knowledge>();

export function asking(index: SearchPort, opts: { wordnet?: boolean } = {}): Knowledge {
  let k = engines.get(index);
  if (!k) engines.set(index, (k = knowledgeOver(index, opts)));
  return k;
}
