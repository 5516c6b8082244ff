// Composition of asking: the AskEngine with its lexicons (thesaurus, WordNet) over any SearchPort.
// The store holds and searches; the engine decides what a question means; this is the one place that
// puts them together (the main thread, the answer workers and `briefing ask` all come here).
import { AskEngine } from '../core/ask/engine.ts';
import type { SearchPort } from '../core/ask/port.ts';
import { Nicknames } from '../core/ask/identity.ts';
import { Thesaurus } from '../core/ask/thesaurus.ts';
import type { Knowledge } from '../core/ask/types.ts';
import { WordNet } from '../core/ask/wordnet.ts';

export interface LexiconOptions {
  /** The user thesaurus; default config/thesaurus.yaml (missing file: none). */
  thesaurusPath?: string;
  /** First names that are one name; default config/nicknames.yaml (missing file: none). */
  nicknamesPath?: string;
  /** Set false to search without WordNet synonyms. */
  wordnet?: boolean;
}

/** Asking over an index: the AskEngine with the thesaurus and WordNet. */
export function knowledgeOver(index: SearchPort, opts: LexiconOptions = {}): Knowledge {
  const thesaurus = Thesaurus.load(opts.thesaurusPath ?? 'config/thesaurus.yaml');
  const nicknames = Nicknames.load(opts.nicknamesPath ?? 'config/nicknames.yaml');
  return new AskEngine(index, { thesaurus, wordnet: opts.wordnet === false ? null : new WordNet(), nicknames });
}

/** Loads the lexicons and compiles the hot paths of asking, so the first user's question does not pay for it. */
export async function warmUp(knowledge: Knowledge): Promise<void> {
  await knowledge.ask('what did the minister say about the talks', { limit: 1 });
}
