// The question engine: implements `Knowledge` over any SearchPort. It decides what a question means
// and how honest the answer must be; the port only finds candidates.
import type { Person } from '../model.ts';
import { HEADS } from '../extract/facts/role-heads.ts';
import { ambiguityText, type AmbiguityNote } from './ambiguity.ts';
import { expandTopic, type Lexicon } from './expand.ts';
import { Identities, Nicknames, type Identity } from './identity.ts';
import type { ArticleRef, FactHit, QuoteHit, SearchPort, TermGroup } from './port.ts';
import { bestDistinct, coverage, scoreFacts, scoreQuotes, type Scored } from './rank.ts';
import { roleWords, SpeakerMatcher, type SpeakerMatch } from './speakers.ts';
import type { AskAnswer, AskOptions, AskResult, Intent, Knowledge, PersonProfile, QuoteQuery, Visible } from './types.ts';
import { parseQuestion } from './understand.ts';
import { contentWords, words } from './words.ts';

export const MAX_QUESTION_CHARS = 500;
const DEFAULT_LIMIT = 5;
const CANDIDATES = 60;
/** Spellings of one person searched for a question (the most quoted first). */
const MAX_MEMBERS = 8;
/** A person with at most this many quotes gets them all shown when none is on the topic. */
const FEW_QUOTES = 10;
/** A speaker's answer on a topic is filled up to this many with what they said next to it. */
const CONTINUED_UP_TO = 3;
/** A speaker's quotes read when looking for articles whose headline is on the topic. */
const ABOUT_SCAN = 300;
/** How many paragraphs away "next to it" reaches. */
const CONTINUED_WITHIN = 2;

export class AskEngine implements Knowledge {
  private matcher: SpeakerMatcher | null = null;
  private identitiesCache: Identities | null = null;
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
    this.identitiesCache = null;
  }

  /** Drops what was derived from an older index (called at the start of every question). */
  private async current(): Promise<void> {
    const v = await this.index.version();
    if (v !== this.seen) {
      this.matcher = null;
      this.identitiesCache = null;
      this.seen = v;
    }
  }

  /** The briefing's people, each spelling of one person merged into one (see identity.ts). */
  private async identities(): Promise<Identities> {
    const wn = this.lex.wordnet;
    this.identitiesCache ??= new Identities(
      await this.index.people(),
      { nicknames: this.lex.nicknames ?? new Nicknames(), isDictionaryWord: (w) => wn?.isCommonWord(w) ?? false },
      await this.index.sources(),
    );
    return this.identitiesCache;
  }

  private async speakers(): Promise<SpeakerMatcher> {
    const wn = this.lex.wordnet;
    this.matcher ??= new SpeakerMatcher(
      (await this.identities()).list,
      await this.index.sources(),
      (w) => wn?.has(w) ?? false,
      (w) => (wn?.has(w) ?? false) || this.indexed.has(w),
      this.lex.nicknames ?? new Nicknames(),
    );
    return this.matcher;
  }

  /** The identity a matched person stands for (matches are made over identities). */
  private async identityOf(p: Person): Promise<Identity> {
    return ((await this.identities()).of(p.id) ?? { ...p, members: [p], weak: [], sources: [] }) as Identity;
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
    return (await this.identities()).list.map(({ members: _m, weak: _w, sources: _s, ...p }) => p);
  }

  async ask(question: string, opts: AskOptions = {}): Promise<AskAnswer> {
    const visible = opts.visible ?? null;
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
        const { profile, message, ambiguity } = await this.who(parsed.speakerSlot ?? '', { visible: opts.visible });
        if (!profile && parsed.speakerSlot && words(parsed.speakerSlot).length) {
          return { ...(await this.unlisted(parsed.speakerSlot, { ...base, intent: 'who', speaker: parsed.speakerSlot }, limit)), question: q };
        }
        // What the articles say they are comes first (their roles), then what they said.
        const results = profile ? whoResults(profile).slice(0, limit) : [];
        return { ...base, intent: 'who', speaker: profile?.name ?? parsed.speakerSlot, results, message: message ?? (profile ? identity(profile) : null), more: 0, ...(ambiguity ? { ambiguity } : {}) };
      }
      case 'facts':
      case 'when':
        return { ...(await this.factsAnswer(parsed.topicText, limit, parsed.intent)), question: q };
      case 'summary':
        return { ...(await this.summary(parsed.topicText, limit)), question: q };
      case 'said': {
        let match: SpeakerMatch | null = null;
        let topic = parsed.topicText;
        if (parsed.speakerSlot) {
          const two = await this.twoPeople(parsed.speakerSlot, visible);
          if (two) return { ...(await this.severalAnswer(two, topic, limit)), question: q };
          match = await this.visibleMatch((await this.speakers()).resolve(parsed.speakerSlot), visible);
        } else {
          const matcher = await this.speakers();
          await this.lookUpWords(topic);
          match = await this.visibleMatch(matcher.scan(topic), visible);
          if (match) topic = removeWords(topic, match.matched);
        }
        return { ...(await this.quotesAnswer(match, parsed.speakerSlot, topic, limit)), question: q };
      }
    }
  }

  /** "X and Y" in a speaker slot, when both resolve to people. */
  private async twoPeople(slot: string, visible: Visible | null): Promise<SpeakerMatch[] | null> {
    const parts = slot.split(/\s*(?:\band\b|&|,|\bor\b|\bvs\.?|\bversus\b)\s*/i).map((x) => x.trim()).filter(Boolean);
    if (parts.length < 2 || parts.length > 4) return null;
    const matcher = await this.speakers();
    const matches: (SpeakerMatch | null)[] = [];
    for (const x of parts) matches.push(await this.visibleMatch(matcher.resolve(x), visible));
    if (matches.some((m) => !m?.person)) return null;
    const distinct = matches.filter((m, i) => matches.findIndex((o) => o!.person!.id === m!.person!.id) === i) as SpeakerMatch[];
    return distinct.length > 1 ? distinct : null;
  }

  /** A question about several people: each one's best quotes on the topic, interleaved, and a note. */
  private async severalAnswer(matches: SpeakerMatch[], topicText: string, limit: number): Promise<AskAnswer> {
    const answers: AskAnswer[] = [];
    for (const m of matches) answers.push(await this.quotesAnswer(m, m.name, topicText, limit));
    const results: AskResult[] = [];
    for (let i = 0; results.length < limit && answers.some((a) => a.results[i]); i++) for (const a of answers) if (a.results[i] && results.length < limit) results.push(a.results[i]!);
    const names = answers.map((a, i) => a.speaker ?? matches[i]!.name);
    const notes = answers.filter((a) => a.message).map((a) => a.message!);
    const message = [`The question names ${names.length} people (${names.join(' and ')}): quotes from each, best first.`, ...notes].join(' ');
    const ambiguity = answers.flatMap((a) => a.ambiguity ?? []);
    return { question: '', speaker: names.join(' and '), topic: answers[0]?.topic ?? null, intent: 'said', results, message, more: answers.reduce((n, a) => n + a.more, 0), ...(ambiguity.length ? { ambiguity } : {}) };
  }

  async quotes(query: QuoteQuery): Promise<AskAnswer> {
    await this.current();
    const limit = clampLimit(query.limit);
    const slot = query.speaker?.trim() || null;
    const match = slot ? await this.visibleMatch((await this.speakers()).resolve(slot), query.visible ?? null) : null;
    const answer = await this.quotesAnswer(match, slot, query.topic ?? '', limit);
    return { ...answer, question: [slot && `quotes from ${slot}`, query.topic && `about ${query.topic}`].filter(Boolean).join(' ') };
  }

  async facts(query: { topic?: string; limit?: number }): Promise<AskAnswer> {
    await this.current();
    return this.factsAnswer(query.topic ?? '', clampLimit(query.limit), 'facts');
  }

  async who(name: string, opts: { visible?: Visible } = {}): Promise<{ profile: PersonProfile | null; message: string | null; ambiguity?: AmbiguityNote[] }> {
    const asked = name.trim();
    if (!asked || words(asked).length === 0) return { profile: null, message: 'Whose profile? For example: who is <name>?' };
    await this.current();
    const match = await this.visibleMatch((await this.speakers()).resolve(asked), opts.visible ?? null);
    if (!match || !match.person) {
      const seen = (await this.index.textMentions(asked, 1)).length > 0;
      return { profile: null, message: seen ? `${sentenceCase(clipped(asked))} is mentioned in the briefing but not quoted, and no more is known about them.` : `${sentenceCase(clipped(asked))} does not appear in the briefing.` };
    }
    const ident = await this.identityOf(match.person);
    const { members, weak: _weak, sources: _sources, ...p } = ident;
    const quoted = await this.identityQuotes(ident, [], CANDIDATES, false);
    const topQuotes = await this.toQuoteResults(bestDistinct(scoreQuotes(quoted, []), 5).kept, ident.name);
    const about = await this.about(ident, 5);
    const seen = new Map<string, { id: string; title: string; published: string | null }>();
    let count = 0;
    for (const m of members.slice(0, MAX_MEMBERS * 2)) {
      for (const a of await this.index.personArticles(m.id)) if (!seen.has(a.id)) seen.set(a.id, shortRef(a));
      count += members.length > 1 ? await this.index.personArticleCount(m.id) : 0;
    }
    const articles = [...seen.values()].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '')).slice(0, 50);
    // Spellings of one person rarely share an article; when they do the sum over-counts, so it is
    // never below what was listed.
    const articleCount = Math.max(seen.size, members.length > 1 ? count : await this.index.personArticleCount(p.id));
    const profile: PersonProfile = { ...p, roles: usefulRoles(p.roles), articles, articleCount, topQuotes, about };
    const note = match.others?.length ? await this.ambiguityNote(asked, ident, match.others) : null;
    const message = p.quotes === 0 && topQuotes.length === 0 ? join(`No quotes from ${p.name} in the briefing.`, note?.text ?? null) : (note?.text ?? null);
    return { profile, message, ...(note ? { ambiguity: [note] } : {}) };
  }

  /**
   * A match read among the people the asker may see: of several people a name fits, those with no
   * visible article are left out (the likeliest visible one is taken), so neither the choice nor
   * the note depends on articles the asker cannot see. Unchanged when nobody it fits is visible
   * (the caller's cut of the results then leaves an honest answer).
   */
  private async visibleMatch(match: SpeakerMatch | null, visible: Visible | null): Promise<SpeakerMatch | null> {
    if (!visible || !match?.person || !match.others?.length) return match;
    const candidates = [match.person, ...match.others];
    const shown: Person[] = [];
    for (const c of candidates) if ((await this.articlesOf(await this.identityOf(c))).some(visible)) shown.push(c);
    if (shown.length === 0) return match;
    const [person, ...others] = shown as [Person, ...Person[]];
    return { ...match, person, name: person === match.person ? match.name : person.name, others: others.length ? others : undefined };
  }

  /** The articles any spelling of a person appears in (each spelling's latest 50). */
  private async articlesOf(ident: Identity): Promise<string[]> {
    const ids = new Set<string>();
    for (const m of ident.members.slice(0, MAX_MEMBERS * 2)) for (const a of await this.index.personArticles(m.id)) ids.add(a.id);
    return [...ids];
  }

  /**
   * "Taking Roe as Jane Roe; John Roe is also in the briefing.", with the articles each person
   * named appears in, so the note can be cut to what an asker may see (commands/visibility.ts).
   */
  private async ambiguityNote(asked: string, chosen: Identity, others: readonly Person[]): Promise<AmbiguityNote> {
    const articlesOf = (ident: Identity) => this.articlesOf(ident);
    const named = new Map<string, { name: string; articles: string[] }>();
    for (const o of others) {
      const ident = await this.identityOf(o);
      const entry = named.get(ident.name) ?? { name: ident.name, articles: [] };
      entry.articles.push(...(await articlesOf(ident)));
      named.set(ident.name, entry);
    }
    const a = clipped(asked.trim());
    const list = [...named.values()];
    return { asked: a, chosen: { name: chosen.name, articles: await articlesOf(chosen) }, others: list, text: ambiguityText(a, chosen.name, list.map((o) => o.name)) };
  }

  /** Quotes of every spelling of one person (their `weak` bare-surname spellings marked, to rank lower). */
  private async identityQuotes(ident: Identity, groups: TermGroup[], limit: number, withWeak = true): Promise<(QuoteHit & { weak?: boolean })[]> {
    const out: (QuoteHit & { weak?: boolean })[] = [];
    for (const m of ident.members.filter((x) => x.quotes > 0).slice(0, MAX_MEMBERS)) out.push(...(await this.index.searchQuotes({ groups, personId: m.id, limit })));
    // Quotes the extraction gave to a source worded as their name.
    for (const src of ident.sources.slice(0, 4)) out.push(...(await this.index.searchQuotes({ groups, sourceName: src, limit })));
    if (withWeak) {
      // The bare surname was given to somebody else of that name; it may still be this person.
      for (const m of ident.weak.filter((x) => x.quotes > 0).slice(0, 2)) for (const h of await this.index.searchQuotes({ groups, personId: m.id, limit })) out.push({ ...h, weak: true });
    }
    return out;
  }

  /**
   * A speaker's quotes next to their quotes on the topic, in the same article (within
   * `CONTINUED_WITHIN` paragraphs): what they said next is usually on the same subject, though in
   * other words ("the lie that…" then "willing to say or do anything"). Ranked after the topical
   * ones, nearest first; only to fill a short answer.
   */
  private async continuation(ident: Identity, kept: Scored<QuoteHit>[], room: number): Promise<Scored<QuoteHit>[]> {
    const seen = new Set(kept.map((k) => k.hit.id));
    const near: { hit: QuoteHit; d: number }[] = [];
    const mine = new Set(ident.members.map((m) => m.id));
    const articles = new Set<string>();
    for (const k of kept) {
      if (articles.has(k.hit.articleId)) continue;
      articles.add(k.hit.articleId);
      for (const h of await this.index.searchQuotes({ groups: [], articleId: k.hit.articleId, limit: 500 })) {
        if (h.articleId !== k.hit.articleId || !h.personId || !mine.has(h.personId) || seen.has(h.id)) continue;
        const d = Math.min(...kept.filter((x) => x.hit.articleId === h.articleId).map((x) => Math.abs(h.paragraph - x.hit.paragraph)));
        if (d > CONTINUED_WITHIN) continue;
        seen.add(h.id);
        near.push({ hit: h, d });
      }
    }
    near.sort((a, b) => a.d - b.d || b.hit.text.length - a.hit.text.length);
    const floor = Math.min(...kept.map((k) => k.score));
    const out = bestDistinct([...kept, ...near.map((n, i) => ({ hit: n.hit, score: floor - 1e-3 * (i + 1) }))], kept.length + room).kept;
    return out.filter((x) => !kept.includes(x));
  }

  /**
   * No quote of theirs has the topic's words, but an article whose headline does ("… Charlotte
   * struggles …", "… As The New Jane Roe") quotes them: what they said there is on it. Ranked by
   * how much of the topic the headline holds, below any quote that has the words itself.
   */
  private async fromArticlesAbout(ident: Identity, groups: TermGroup[]): Promise<Scored<QuoteHit>[]> {
    const titles = new Map<string, number>();
    const out: Scored<QuoteHit>[] = [];
    for (const h of await this.identityQuotes(ident, [], ABOUT_SCAN, false)) {
      let c = titles.get(h.articleId);
      if (c === undefined) {
        const a = await this.index.article(h.articleId);
        c = a ? coverage(groups, a.title, '') : 0;
        titles.set(h.articleId, c);
      }
      if (c > 0) out.push({ hit: h, score: c * 0.5 + Math.min(h.text.length, 200) / 2000 });
    }
    return out;
  }

  private async identityQuoteCount(ident: Identity): Promise<number> {
    let n = 0;
    for (const m of ident.members.slice(0, MAX_MEMBERS * 2)) if (m.quotes > 0) n += await this.index.countQuotes(m.id);
    for (const src of ident.sources.slice(0, 4)) n += (await this.index.searchQuotes({ groups: [], sourceName: src, limit: 500 })).length;
    return n;
  }

  // --- answers -------------------------------------------------------------------------------

  private async quotesAnswer(match: SpeakerMatch | null, slot: string | null, topicText: string, limit: number): Promise<AskAnswer> {
    const topic = topicOf(topicText);
    const groups = topic ? await expandTopic(topic, this.lex, this.index) : [];
    const base = { question: '', intent: 'said' as Intent, topic, speaker: match?.name ?? slot, results: [] as AskResult[], more: 0 };
    if (slot && !match) return this.unlisted(slot, base, limit);
    if (!match && groups.length === 0) return { ...base, message: 'Name a person or a topic, for example: what did <name> say about <topic>?' };

    if (slot && match?.person && match.others?.length && groups.length) {
      // A surname several people share: the most likely one, unless only another has quotes on it.
      const candidates = [match.person, ...match.others];
      for (const c of candidates) {
        const hits = await this.identityQuotes(await this.identityOf(c), groups, 5);
        if (hits.some((h) => coverage(groups, h.text, h.context) > 0)) {
          if (c !== match.person) match = { ...match, person: c, name: c.name, others: candidates.filter((o) => o !== c) };
          break;
        }
      }
    }
    const ident = match?.person ? await this.identityOf(match.person) : null;
    const noted = ident && match?.others?.length ? await this.ambiguityNote(slot ?? match.name, ident, match.others) : null;
    const note = noted?.text ?? null;
    const ambiguity = noted ? { ambiguity: [noted] } : {};
    if (ident) base.speaker = ident.name;
    const quoteCount = ident ? await this.identityQuoteCount(ident) : 0;
    if (ident && quoteCount === 0) {
      // Present but never quoted: say so, and give what the articles say about them, as facts.
      const about = await this.about(ident, limit);
      return { ...base, results: about, message: join(`No quotes from ${ident.name} in the briefing.${about.length ? ' What the articles say about them:' : ''}`, note), ...ambiguity };
    }
    const hits = ident
      ? await this.identityQuotes(ident, groups, CANDIDATES)
      : await this.index.searchQuotes({ groups, personId: null, sourceName: match && !match.person ? match.name : null, limit: CANDIDATES });
    const scored = scoreQuotes(hits, groups).map((x) => ((x.hit as { weak?: boolean }).weak ? { ...x, score: x.score * 0.9 } : x));
    // With a speaker, a quote must touch the topic (in its words or its sentence) to be an answer.
    const relevant = ident && groups.length ? scored.filter((x) => coverage(groups, x.hit.text, x.hit.context) > 0) : scored;
    if (ident && groups.length && relevant.length === 0) relevant.push(...(await this.fromArticlesAbout(ident, groups)));
    const ranked = bestDistinct(relevant, limit);
    if (ident && groups.length && ranked.kept.length > 0 && ranked.kept.length < Math.min(CONTINUED_UP_TO, limit)) {
      ranked.kept.push(...(await this.continuation(ident, ranked.kept, Math.min(CONTINUED_UP_TO, limit) - ranked.kept.length)));
    }
    const results = await this.toQuoteResults(ranked.kept, ident?.name);
    if (results.length === 0 && ident) {
      // Honest about a topic they never spoke on, and what they did say when that is little.
      const n = quoteCount;
      const own = n <= FEW_QUOTES ? await this.toQuoteResults(bestDistinct(scoreQuotes(await this.identityQuotes(ident, [], CANDIDATES, false), []), limit).kept, ident.name) : [];
      const what = clipped(topic ?? '');
      const message = `None of ${ident.name}’s ${n === 1 ? 'one quote' : `${n} quotes`} in the briefing ${n === 1 ? 'mentions' : 'mention'} ${what}.${own.length ? ` ${ident.name}’s ${n === 1 ? 'quote' : 'quotes'} in the briefing:` : ''}`;
      return { ...base, results: own, message: join(message, note), more: 0, ...ambiguity };
    }
    let message: string | null = null;
    if (results.length === 0) {
      message = match ? `No quotes from ${match.name} about ${clipped(topic ?? '')}.` : `Nothing in the briefing about ${clipped(topic ?? '')}.`;
    }
    return { ...base, results, message: note ? join(message ?? '', note) : message, more: ranked.more, ...ambiguity };
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
    const miss = (await this.speakers()).roleMiss(name);
    if (miss) {
      const holders = miss.holders.map((h) => `${h.person.name} (${h.role})`).join(', ');
      return { ...base, message: `Nobody in the briefing is the ${clipped(miss.role)}.${holders ? ` In the briefing with that kind of role: ${holders}.` : ''}` };
    }
    const mentions = words(name).length ? await this.index.textMentions(name, limit) : [];
    if (mentions.length === 0) return { ...base, message: `${sentenceCase(clipped(name))} does not appear in the briefing.` };
    const results = await this.toFactResults(bestDistinct(scoreFacts(mentions, []), limit).kept);
    return { ...base, results, message: `No quotes from ${name} in the briefing. What the articles say about them:` };
  }

  /** What the articles say about a person: facts naming them, then sentences mentioning them. */
  private async about(p: Identity, limit: number): Promise<AskResult[]> {
    const hits: FactHit[] = [];
    for (const m of p.members.slice(0, 4)) {
      hits.push(...(await this.index.searchFacts({ groups: [], person: m.name, limit: CANDIDATES })));
      hits.push(...(await this.index.mentions(m.id, CANDIDATES)));
    }
    return this.toFactResults(bestDistinct(scoreFacts(hits, [], ['role']), limit).kept);
  }

  // --- results -------------------------------------------------------------------------------

  private async toQuoteResults(items: Scored<QuoteHit>[], speakerName?: string): Promise<AskResult[]> {
    const ids = await this.identities();
    const out: AskResult[] = [];
    for (const { hit, score } of items) {
      const article = await this.index.article(hit.articleId);
      if (!article) continue;
      out.push({
        kind: hit.kind,
        text: hit.text,
        // The speaker under the name their identity goes by ("Roe" → "Jane Roe").
        speaker: hit.speakerName ? { name: speakerName ?? (hit.personId ? (ids.of(hit.personId)?.name ?? hit.speakerName) : hit.speakerName), role: hit.role } : null,
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

/** A profile as results: statements of their roles first, then their best quotes, then the rest. */
function whoResults(p: PersonProfile): AskResult[] {
  const roleWordsOf = new Set(p.roles.flatMap((r) => roleWords(r)).filter((w) => HEADS.has(w) || ROLE_EXTRA.has(w)));
  const statesRole = (r: AskResult) => r.kind === 'role' || roleWords(r.text).some((w) => roleWordsOf.has(w));
  const named = (r: AskResult) => roleWords(r.text).filter((w) => roleWordsOf.has(w)).length + (r.kind === 'role' ? 0.5 : 0);
  const roles = p.about
    .filter(statesRole)
    .sort((a, b) => named(b) - named(a))
    .slice(0, 2);
  const rest = p.about.filter((r) => !roles.includes(r));
  return [...roles, ...p.topQuotes.slice(0, 3), ...rest];
}


function join(a: string, b: string | null): string {
  return b ? `${a} ${b}`.trim() : a;
}

/** Roles worth showing: ones with a role word in them, not stray nouns read as roles ("wife", "film"). */
export function usefulRoles(roles: readonly string[]): string[] {
  return roles.filter((r) => roleWords(r).some((w) => HEADS.has(w) || ROLE_EXTRA.has(w)));
}
const ROLE_EXTRA = new Set('candidate nominee host moderator reporter strategist activist neurosurgeon actor player writer pollster donor volunteer member delegate'.split(' '));

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
