// The question engine: implements `Knowledge` over any SearchPort. It decides what a question means
// and how honest the answer must be; the port only finds candidates.
import type { Person } from '../model.ts';
import { expandTopic, type Lexicon } from './expand.ts';
import type { ArticleRef, FactHit, QuoteHit, SearchPort, TermGroup } from './port.ts';
import { bestDistinct, scoreFacts, scoreQuotes, type Scored } from './rank.ts';
import { SpeakerMatcher, type SpeakerMatch } from './speakers.ts';
import type { AskAnswer, AskResult, Intent, Knowledge, PersonProfile, QuoteQuery } from './types.ts';
import { parseQuestion } from './understand.ts';
import { contentWords, words } from './words.ts';

export const MAX_QUESTION_CHARS = 500;
const DEFAULT_LIMIT = 5;
const CANDIDATES = 60;

export class AskEngine implements Knowledge {
  private matcher: SpeakerMatcher | null = null;
  /** The index version the matcher was built at. */
  private seen = -1;
  /** Question words of at least 4 letters the index holds, looked up before each scan (the matcher asks synchronously). */
  private indexed = new Set<string>();

  constructor(
    private readonly index: SearchPort,
    private readonly lex: Lexicon,
  ) {}

  /** Call after the index changed (new people may have appeared). */
  invalidate(): void {
    this.matcher = null;
  }

  /** Drops what was derived from an older index (called at the start of every question). */
  private async current(): Promise<void> {
    const v = await this.index.version();
    if (v !== this.seen) {
      this.matcher = null;
      this.seen = v;
    }
  }

  private async speakers(): Promise<SpeakerMatcher> {
    const wn = this.lex.wordnet;
    this.matcher ??= new SpeakerMatcher(
      await this.index.people(),
      await this.index.sources(),
      (w) => wn?.has(w) ?? false,
      (w) => (wn?.has(w) ?? false) || this.indexed.has(w),
    );
    return this.matcher;
  }

  /** Looks up, ahead of `scan`, which of the question's words the index holds. */
  private async lookUpWords(question: string): Promise<void> {
    const wn = this.lex.wordnet;
    const found = new Set<string>();
    for (const raw of question.match(/[\p{L}\p{N}'’]+/gu) ?? []) {
      const w = words(raw.replace(/['’]s$/, ''))[0] ?? '';
      if (w.length < 4 || found.has(w) || wn?.has(w)) continue;
      if ((await this.index.documentFrequency(w)) > 0) found.add(w);
    }
    this.indexed = found;
  }

  async people(): Promise<Person[]> {
    await this.current();
    return this.index.people();
  }

  async ask(question: string, opts: { limit?: number } = {}): Promise<AskAnswer> {
    const limit = clampLimit(opts.limit);
    const q = typeof question === 'string' ? question.trim() : '';
    const base = { question: q, speaker: null, topic: null, intent: 'said' as Intent, results: [], more: 0 };
    if (!q) return { ...base, message: 'Ask a question, for example: what did <name> say about <topic>?' };
    if (q.length > MAX_QUESTION_CHARS) {
      return { ...base, question: q.slice(0, 80) + '…', message: `The question is too long (${q.length} characters); keep it under ${MAX_QUESTION_CHARS}.` };
    }
    if (words(q).length === 0) return { ...base, message: 'The question has no words to search for.' };
    await this.current();

    const parsed = parseQuestion(q);
    switch (parsed.intent) {
      case 'who': {
        const { profile, message } = await this.who(parsed.speakerSlot ?? '');
        if (!profile && parsed.speakerSlot && words(parsed.speakerSlot).length) {
          return { ...(await this.unlisted(parsed.speakerSlot, { ...base, intent: 'who', speaker: parsed.speakerSlot }, limit)), question: q };
        }
        const results = profile ? [...profile.topQuotes.slice(0, 3), ...profile.about].slice(0, limit) : [];
        return { ...base, intent: 'who', speaker: profile?.name ?? parsed.speakerSlot, results, message: message ?? (profile ? identity(profile) : null), more: 0 };
      }
      case 'facts':
      case 'when':
        return { ...(await this.factsAnswer(parsed.topicText, limit, parsed.intent)), question: q };
      case 'summary':
        return { ...(await this.summary(parsed.topicText, limit)), question: q };
      case 'said': {
        let match: SpeakerMatch | null = null;
        let topic = parsed.topicText;
        if (parsed.speakerSlot) match = (await this.speakers()).resolve(parsed.speakerSlot);
        else {
          const matcher = await this.speakers();
          await this.lookUpWords(topic);
          match = matcher.scan(topic);
          if (match) topic = removeWords(topic, match.matched);
        }
        return { ...(await this.quotesAnswer(match, parsed.speakerSlot, topic, limit)), question: q };
      }
    }
  }

  async quotes(query: QuoteQuery): Promise<AskAnswer> {
    await this.current();
    const limit = clampLimit(query.limit);
    const slot = query.speaker?.trim() || null;
    const match = slot ? (await this.speakers()).resolve(slot) : null;
    const answer = await this.quotesAnswer(match, slot, query.topic ?? '', limit);
    return { ...answer, question: [slot && `quotes from ${slot}`, query.topic && `about ${query.topic}`].filter(Boolean).join(' ') };
  }

  async facts(query: { topic?: string; limit?: number }): Promise<AskAnswer> {
    await this.current();
    return this.factsAnswer(query.topic ?? '', clampLimit(query.limit), 'facts');
  }

  async who(name: string): Promise<{ profile: PersonProfile | null; message: string | null }> {
    const asked = name.trim();
    if (!asked || words(asked).length === 0) return { profile: null, message: 'Whose profile? For example: who is <name>?' };
    await this.current();
    const match = (await this.speakers()).resolve(asked);
    if (!match || !match.person) {
      const seen = (await this.index.textMentions(asked, 1)).length > 0;
      return { profile: null, message: seen ? `${sentenceCase(clipped(asked))} is mentioned in the briefing but not quoted, and no more is known about them.` : `${sentenceCase(clipped(asked))} does not appear in the briefing.` };
    }
    const p = match.person;
    const quoted = await this.index.searchQuotes({ groups: [], personId: p.id, limit: CANDIDATES });
    const topQuotes = await this.toQuoteResults(bestDistinct(scoreQuotes(quoted, []), 5).kept);
    const about = await this.about(p, 5);
    const articles = (await this.index.personArticles(p.id)).map(shortRef);
    const profile: PersonProfile = { ...p, articles, articleCount: Math.max(articles.length, await this.index.personArticleCount(p.id)), topQuotes, about };
    return { profile, message: p.quotes === 0 && topQuotes.length === 0 ? `No quotes from ${p.name} in the briefing.` : null };
  }

  // --- answers -------------------------------------------------------------------------------

  private async quotesAnswer(match: SpeakerMatch | null, slot: string | null, topicText: string, limit: number): Promise<AskAnswer> {
    const topic = topicOf(topicText);
    const groups = topic ? await expandTopic(topic, this.lex, this.index) : [];
    const base = { question: '', intent: 'said' as Intent, topic, speaker: match?.name ?? slot, results: [] as AskResult[], more: 0 };
    if (slot && !match) return this.unlisted(slot, base, limit);
    if (!match && groups.length === 0) return { ...base, message: 'Name a person or a topic, for example: what did <name> say about <topic>?' };

    if (match?.person && (await this.index.countQuotes(match.person.id)) === 0) {
      // Present but never quoted: say so, and give what the articles say about them, as facts.
      const about = await this.about(match.person, limit);
      return { ...base, results: about, message: `No quotes from ${match.person.name} in the briefing.${about.length ? ' What the articles say about them:' : ''}` };
    }
    const hits = await this.index.searchQuotes({
      groups,
      personId: match?.person?.id ?? null,
      sourceName: match && !match.person ? match.name : null,
      limit: CANDIDATES,
    });
    const ranked = bestDistinct(scoreQuotes(hits, groups), limit);
    const results = await this.toQuoteResults(ranked.kept);
    let message: string | null = null;
    if (results.length === 0) {
      message = match ? `No quotes from ${match.name} about ${clipped(topic ?? '')}.` : `Nothing in the briefing about ${clipped(topic ?? '')}.`;
    }
    return { ...base, results, message, more: ranked.more };
  }

  private async factsAnswer(topicText: string, limit: number, intent: 'facts' | 'when'): Promise<AskAnswer> {
    const topic = topicOf(topicText);
    const groups = topic ? await expandTopic(topic, this.lex, this.index) : [];
    const prefer = intent === 'when' ? (['date', 'event'] as const) : (['figure'] as const);
    let hits = await this.index.searchFacts({ groups, kinds: intent === 'when' ? ['date', 'event'] : undefined, limit: CANDIDATES });
    if (intent === 'when' && hits.length === 0) hits = await this.index.searchFacts({ groups, limit: CANDIDATES });
    const ranked = bestDistinct(scoreFacts(hits, groups, prefer, intent === 'when'), limit);
    const results = await this.toFactResults(ranked.kept);
    const what = intent === 'when' ? 'dates or events' : 'facts';
    const message = results.length ? null : topic ? `No ${what} about ${clipped(topic)} in the briefing.` : `No ${what} in the briefing yet.`;
    return { question: '', speaker: null, topic, intent, results, message, more: ranked.more };
  }

  private async summary(topicText: string, limit: number): Promise<AskAnswer> {
    const topic = topicOf(topicText);
    const base = { question: '', speaker: null, topic, intent: 'summary' as Intent, more: 0 };
    const quoteHits: QuoteHit[] = [];
    const factHits: FactHit[] = [];
    const groups: TermGroup[] = topic ? await expandTopic(topic, this.lex, this.index) : [];
    if (groups.length) {
      quoteHits.push(...(await this.index.searchQuotes({ groups, limit: CANDIDATES })));
      factHits.push(...(await this.index.searchFacts({ groups, limit: CANDIDATES })));
    } else {
      for (const a of await this.index.recentArticles(3)) {
        quoteHits.push(...(await this.index.searchQuotes({ groups, articleId: a.id, limit: 20 })));
        factHits.push(...(await this.index.searchFacts({ groups, articleId: a.id, limit: 20 })));
      }
    }
    const quotes = await this.toQuoteResults(bestDistinct(scoreQuotes(quoteHits, groups), Math.ceil(limit / 2) + 1).kept);
    const facts = await this.toFactResults(bestDistinct(scoreFacts(factHits, groups, ['figure', 'event']), limit).kept);
    const results = interleave(quotes, facts).slice(0, limit);
    const message = results.length ? null : topic ? `Nothing in the briefing about ${clipped(topic)}.` : 'The briefing is empty: no articles yet.';
    return { ...base, results, message };
  }

  /**
   * A name that matches no extracted person or source: either it occurs in the articles' text (the
   * extraction did not list them, so they were not quoted) or it does not appear at all.
   */
  private async unlisted(name: string, base: Omit<AskAnswer, 'message'>, limit: number): Promise<AskAnswer> {
    const mentions = words(name).length ? await this.index.textMentions(name, limit) : [];
    if (mentions.length === 0) return { ...base, message: `${sentenceCase(clipped(name))} does not appear in the briefing.` };
    const results = await this.toFactResults(bestDistinct(scoreFacts(mentions, []), limit).kept);
    return { ...base, results, message: `No quotes from ${name} in the briefing. What the articles say about them:` };
  }

  /** What the articles say about a person: facts naming them, then sentences mentioning them. */
  private async about(p: Person, limit: number): Promise<AskResult[]> {
    const facts = await this.index.searchFacts({ groups: [], person: p.name, limit: CANDIDATES });
    const mentions = await this.index.mentions(p.id, CANDIDATES);
    return this.toFactResults(bestDistinct(scoreFacts([...facts, ...mentions], [], ['role']), limit).kept);
  }

  // --- results -------------------------------------------------------------------------------

  private async toQuoteResults(items: Scored<QuoteHit>[]): Promise<AskResult[]> {
    const out: AskResult[] = [];
    for (const { hit, score } of items) {
      const article = await this.index.article(hit.articleId);
      if (!article) continue;
      out.push({
        kind: hit.kind,
        text: hit.text,
        speaker: hit.speakerName ? { name: hit.speakerName, role: hit.role } : null,
        article,
        paragraph: hit.paragraph,
        context: hit.context,
        score,
      });
    }
    return out;
  }

  private async toFactResults(items: Scored<FactHit>[]): Promise<AskResult[]> {
    const out: AskResult[] = [];
    for (const { hit, score } of items) {
      const article = await this.index.article(hit.articleId);
      if (!article) continue;
      out.push({ kind: hit.kind, text: hit.text, speaker: null, article, paragraph: hit.paragraph, context: hit.context, score, values: hit.values });
    }
    return out;
  }
}

/** "John Roe (Prime Minister): 27 quotes in 1 article." */
function identity(p: PersonProfile): string {
  const roles = p.roles.length ? ` (${p.roles.slice(0, 2).join(', ')})` : '';
  const n = p.articles.length;
  return `${p.name}${roles}: ${p.quotes} quote${p.quotes === 1 ? '' : 's'} in ${n} article${n === 1 ? '' : 's'}.`;
}

/** The topic's content words, each once, at most 12 ("troops troops" is "troops"). */
function topicOf(text: string): string | null {
  return [...new Set(contentWords(text))].slice(0, 12).join(' ') || null;
}

/** A message starts with a capital even when the name was asked in lower case ("the government"). */
function sentenceCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Words from the question quoted back in a message, kept short. */
function clipped(s: string): string {
  return s.length > 60 ? s.slice(0, 59).trimEnd() + '…' : s;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.max(1, Math.min(50, Math.floor(limit)));
}

function shortRef(a: ArticleRef): { id: string; title: string; published: string | null } {
  return { id: a.id, title: a.title, published: a.published };
}

function removeWords(text: string, remove: string[]): string {
  const drop = new Set(remove);
  return words(text.replace(/['’]s\b/g, ''))
    .filter((w) => !drop.has(w))
    .join(' ');
}

function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) out.push(a[i]!);
    if (b[i]) out.push(b[i]!);
  }
  return out;
}
