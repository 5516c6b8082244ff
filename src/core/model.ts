// The briefing's knowledge as plain data: what extraction produces, what the store keeps and
// what answers and digests are built from. Nothing here knows about a chat platform.

/** Character range into `Article.text`, in JavaScript (UTF-16) string offsets. */
export interface Span {
  start: number;
  end: number;
}

export interface ArticleMeta {
  /** Stable id derived from the file name (e.g. `000_c47a76e7acbef03d`). */
  id: string;
  /** The path the article was read from, as given. */
  path: string;
  title: string;
  /** ISO date `YYYY-MM-DD`, or null when unknown. */
  published: string | null;
  /** True when `published` was inferred from the text rather than stated by the source. */
  publishedInferred: boolean;
  /** The outlet, when known. */
  source: string | null;
  url: string | null;
  tags: string[];
}

export interface Article extends ArticleMeta {
  /** The file's full text as read (front matter included); all offsets point into it. */
  text: string;
  /** Offset where the body starts (after front matter and, for plain text, the title line). */
  bodyStart: number;
  /** Offset where the title starts and ends in `text`, when the title is part of the text. */
  titleSpan: Span | null;
  /** sha256 of the file's bytes, for change detection. */
  hash: string;
}

export type QuoteKind = 'direct' | 'partial' | 'indirect';

/** Who said something. Unnamed sources ("officials", "No10") keep their wording and no person. */
export interface Speaker {
  /** Canonical name for a person, or the source as written for an unnamed source. */
  name: string;
  /** `Person.id` when the speaker resolved to a named person; null for unnamed sources. */
  personId: string | null;
  /** The speaker's role in the article, when known ("Prime Minister"). */
  role: string | null;
  /** The words in the text that pointed at the speaker ("He", "the PM", "Mr Smith"). */
  mention: string;
}

export interface Quote extends Span {
  id: string;
  kind: QuoteKind;
  /** Exact text of the quote: for direct and partial quotes the words inside the marks. */
  text: string;
  /** 0-based paragraph index within the article. */
  paragraph: number;
  /** The sentence (or sentences) the quote stands in, for context. */
  sentence: Span;
  speaker: Speaker | null;
  /** The speech verb or cue ("said", "warned", "stating"), when there is one. */
  cue: string | null;
}

export interface Person {
  /** Slug of the canonical name, unique within an article and across the store. */
  id: string;
  name: string;
  /** Roles as written in the text, most specific first ("Prime Minister", "NATO chief"). */
  roles: string[];
  /** Other ways the text refers to them ("Mr Smith", "the PM", "Jane"). */
  aliases: string[];
  mentions: number;
  quotes: number;
}

export type FactKind = 'figure' | 'date' | 'event' | 'role';

export type FactValue =
  /** `of`: what it is a share of ("GDP"); `to`: what it goes to ("defence spending"). */
  | { type: 'percent'; text: string; value: number; of?: string; to?: string }
  /** `approximate`: a vague sum ("billions of dollars"), `value` its lower bound. */
  | { type: 'money'; text: string; value: number; currency: string; approximate?: boolean }
  /** `approximate`: a vague quantity ("thousands of soldiers"), `value` its lower bound. */
  | { type: 'count'; text: string; value: number; unit?: string; approximate?: boolean }
  | { type: 'date'; text: string; date: string; end?: string; precision: 'day' | 'week' | 'month' | 'season' | 'year' }
  | { type: 'role'; text: string; person: string; role: string };

export interface Fact extends Span {
  id: string;
  kind: FactKind;
  /** The statement as written (usually one sentence, debris removed). */
  text: string;
  paragraph: number;
  values: FactValue[];
  /** Canonical names of the people the statement names. */
  people: string[];
  places: string[];
  /** For events: what kind ("talks", "meeting", "visit", "summit") and, when known, where and when. */
  event?: { type: string; place?: string; date?: string };
  /** True for a coming event or date: after the published date, or stated in the future tense. */
  upcoming?: boolean;
  /** Time expressions that could not be resolved (relative ones when the article has no date). */
  unresolved?: string[];
  /** Paragraphs of near-duplicate statements merged into this one. */
  alsoIn?: number[];
}

export interface Extraction {
  article: ArticleMeta;
  quotes: Quote[];
  people: Person[];
  facts: Fact[];
}

export interface Sentence extends Span {
  /** 0-based paragraph index. */
  paragraph: number;
}

/** Paragraphs and sentences of an article body, as offsets into `Article.text`. */
export interface Segmentation {
  paragraphs: Span[];
  sentences: Sentence[];
}
