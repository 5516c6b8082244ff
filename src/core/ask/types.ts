// What asking the briefing returns, as neutral data. `briefing ask --json` prints AskAnswer as is,
// and the command executor turns it into a Reply.
import type { FactKind, FactValue, Person, QuoteKind } from '../model.ts';
import type { AmbiguityNote } from './ambiguity.ts';

export type Intent = 'said' | 'who' | 'facts' | 'when' | 'summary';

export interface AskResult {
  kind: QuoteKind | FactKind;
  text: string;
  /** For quotes: who said it. For facts: null. */
  speaker: { name: string; role: string | null } | null;
  /** `publishedInferred`: the date was read from the article's text (answers say "(date inferred)"). */
  article: { id: string; title: string; published: string | null; publishedInferred?: boolean; url: string | null; source: string | null };
  paragraph: number;
  /** The sentence around the result. */
  context: string;
  score: number;
  /** For facts: the values the statement carries. */
  values?: FactValue[];
}

export interface AskAnswer {
  question: string;
  /** The canonical name the question was matched to, or the name as asked when nobody matched. */
  speaker: string | null;
  topic: string | null;
  intent: Intent;
  results: AskResult[];
  /** Set when the answer needs words: "X does not appear in the briefing", "no quotes from X". */
  message: string | null;
  /** Results beyond those returned. */
  more: number;
  /** The ambiguity notes in `message` and whom they name, so they can be cut to what an asker may see. */
  ambiguity?: AmbiguityNote[];
}

export interface PersonProfile extends Person {
  /** Articles the person appears in: the latest 50 (see `articleCount` for all). */
  articles: { id: string; title: string; published: string | null }[];
  /** How many articles they appear in, all told. */
  articleCount: number;
  /** Their best quotes, best first. */
  topQuotes: AskResult[];
  /** What the articles say about them when they are not quoted (role facts, mentions). */
  about: AskResult[];
}

export interface QuoteQuery {
  speaker?: string;
  topic?: string;
  limit?: number;
  /** Whose articles the asker may see (see AskOptions). */
  visible?: Visible;
}

/** Whether the asker may see an article. */
export type Visible = (articleId: string) => boolean;

export interface AskOptions {
  limit?: number;
  /**
   * Whose articles the asker may see. A name several people share is read among the people the
   * asker can see, and notes name only them; the results are still cut by the caller.
   */
  visible?: Visible;
}

/** The knowledge the commands read: the AskEngine over any SearchPort (src/store implements the port). */
export interface Knowledge {
  ask(question: string, opts?: AskOptions): Promise<AskAnswer>;
  quotes(query: QuoteQuery): Promise<AskAnswer>;
  facts(query: { topic?: string; limit?: number }): Promise<AskAnswer>;
  /** `null` profile with a message when the person is not in the briefing. */
  who(name: string, opts?: { visible?: Visible }): Promise<{ profile: PersonProfile | null; message: string | null; ambiguity?: AmbiguityNote[] }>;
  /** People for autocomplete and fuzzy name matching. */
  people(): Promise<Person[]>;
}
