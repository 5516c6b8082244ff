// What quote finding knows about one sentence, shared by direct and indirect quotes.
import type { Sentence } from '../model.ts';
import type { Cue } from './attribution.ts';
import type { ResolvedSpeaker } from './speakers.ts';
import type { SourcePhrase } from './source-phrase.ts';
import type { Token } from './tokens.ts';

export interface SentenceInfo {
  sentence: Sentence;
  tokens: Token[];
  cues: Cue[];
  /** Resolved speaker per cue index. */
  resolved: Map<number, ResolvedSpeaker | null>;
  /** The clause subject, found once when first asked for (most sentences never ask). */
  subject: () => SourcePhrase | null;
}
