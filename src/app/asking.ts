// Composition of asking: the AskEngine with its lexicons (thesaurus, WordNet) over any SearchPort.
// The store holds and searches; the engine decides what a question means; this is the one place that
// puts them together (the main thread, the answer workers and `briefing ask` all come here).
import { AskEngine } from '../core/ask/engine.ts';
import type { SearchPort } from '../core/ask/port.ts';
import { Nicknames } from '../core/ask/identity.ts';
import { Thesaurus } from '../core/ask/thesaurus.ts';
import { LazyVectors } from '../core/ask/vectors.ts';
import type { Knowledge } from '../core/ask/types.ts';
import { WordNet } from '../core/ask/wordnet.ts';

export interface LexiconOptions {
  /** The user thesaurus; default config/thesaurus.yaml (missing file: none). */
  thesaurusPath?: string;
  /** First names that are one name; default config/nicknames.yaml (missing file: none). */
  nicknamesPath?: string;
  /** Set false to search without WordNet synonyms. */
  wordnet?: boolean;
  /**
   * Word vectors: where their cache lives (e.g. next to the database), or false for none. With
   * `cacheOnly` a process only reads a cache another one wrote (answer workers).
   */
  vectors?: { cachePath: string | null; cacheOnly?: boolean } | LazyVectors | false;
}

/** Indexed words the vectors are kept for (the most frequent; neighbours come from these). */
export const VECTOR_VOCABULARY = 40_000;

/** Word vectors are opt-in (BRIEFING_WORD_VECTORS=1): the first start scans a 300 MB package once. */
export function wordVectorsOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BRIEFING_WORD_VECTORS === '1';
}

/** Where a database's word-vector cache lives: beside it (none for an in-memory database). */
export function vectorCachePath(databasePath: string): string | null {
  return databasePath === ':memory:' ? null : `${databasePath}.vectors`;
}

/** Asking over an index: the AskEngine with the thesaurus and WordNet. */
export function knowledgeOver(index: SearchPort, opts: LexiconOptions = {}): Knowledge {
  const thesaurus = Thesaurus.load(opts.thesaurusPath ?? 'config/thesaurus.yaml');
  const nicknames = Nicknames.load(opts.nicknamesPath ?? 'config/nicknames.yaml');
  const vectors =
    opts.vectors instanceof LazyVectors
      ? opts.vectors
      : opts.vectors
      ? new LazyVectors({ cachePath: opts.vectors.cachePath, cacheOnly: opts.vectors.cacheOnly, vocabulary: () => index.vocabulary(VECTOR_VOCABULARY) })
      : null;
  return new AskEngine(index, { thesaurus, wordnet: opts.wordnet === false ? null : new WordNet(), nicknames, vectors });
}

/** Loads the lexicons and compiles the hot paths of asking, so the first user's question does not pay for it. */
export async function warmUp(knowledge: Knowledge): Promise<void> {
  await knowledge.ask('what did the minister say about the talks', { limit: 1 });
}
