// The store's side of the question engine: candidates from FTS5, people, vocabulary. Topic terms
// arrive as structured groups and are turned into a MATCH expression here, every term a quoted
// string of plain words: nothing from a question is ever passed to MATCH raw.
import type { FactKind, FactValue, Person, QuoteKind } from '../core/model.ts';
import type { ArticleRef, FactHit, FactSearch, QuoteHit, QuoteSearch, SearchPort, TermGroup } from '../core/ask/port.ts';
import { editDistance, words } from '../core/ask/words.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';
import { segment } from '../core/text/segment.ts';
import { sourceToken, whoToken } from './knowledge-schema.ts';

interface QuoteRow {
  id: number;
  article_id: string;
  kind: QuoteKind;
  text: string;
  context: string;
  paragraph: number;
  speaker_name: string | null;
  person_id: string | null;
  role: string | null;
  rank: number;
}

interface FactRow {
  id: number;
  article_id: string;
  kind: FactKind;
  text: string;
  context: string;
  paragraph: number;
  vals: string;
  people: string;
  mention: number;
  rank: number;
}

/** Above this many matching rows a query is answered by recency rather than bm25 over all of them. */
const RANK_CAP = 4000;
const RECENT_CANDIDATES = 100;

const QUOTE_COLS = 'q.id, q.article_id, q.kind, q.text, q.context, q.paragraph, q.speaker_name, q.person_id, q.role';
const FACT_COLS = 'f.id, f.article_id, f.kind, f.text, f.context, f.paragraph, f.vals, f.people, f.mention';

/** `"a" OR "b c"` for one group; the words are re-tokenised so quotes, operators and stars vanish. */
function groupExpr(g: TermGroup): string | null {
  const alts = g.alts.map((a) => words(a.text)).filter((ws) => ws.length > 0).map((ws) => `"${ws.join(' ')}"`);
  return alts.length ? `(${[...new Set(alts)].join(' OR ')})` : null;
}

export function matchExpression(groups: TermGroup[], who: string | null, mode: 'any' | 'all' = 'any'): string | null {
  const parts = groups.map(groupExpr).filter((x): x is string => x !== null);
  const topic = parts.length ? parts.join(mode === 'all' ? ' AND ' : ' OR ') : null;
  const whoExpr = who ? `who : "${who}"` : null;
  if (whoExpr && topic) return `${whoExpr} AND (${topic})`;
  return whoExpr ?? topic;
}

export class KnowledgeReader implements SearchPort {
  private peopleCache: Person[] | null = null;
  private sourcesCache: string[] | null = null;
  private readonly articleCache = new Map<string, ArticleRef | null>();
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      people: db.prepare<[], { id: string; name: string; roles: string; aliases: string; mentions: number; quotes: number }>(
        'SELECT id, name, roles, aliases, mentions, quotes FROM people ORDER BY quotes DESC, mentions DESC',
      ),
      sources: db.prepare<[], { name: string }>('SELECT name FROM sources ORDER BY quotes DESC LIMIT 2000'),
      df: db.prepare<[string], { df: number }>('SELECT df FROM vocab WHERE word = ?'),
      shape: db.prepare<[string, number, number], { word: string; df: number }>(
        'SELECT word, df FROM vocab WHERE first = ? AND len BETWEEN ? AND ?',
      ),
      quotesOfPerson: db.prepare<[string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, 0 AS rank FROM quotes q WHERE q.person_id = ? ORDER BY q.id DESC LIMIT ?`,
      ),
      quotesOfSource: db.prepare<[string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, 0 AS rank FROM quotes q WHERE q.person_id IS NULL AND q.speaker_name = ? ORDER BY q.id DESC LIMIT ?`,
      ),
      quotesOfArticle: db.prepare<[string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, 0 AS rank FROM quotes q WHERE q.article_id = ? ORDER BY q.id LIMIT ?`,
      ),
      quotesMatch: db.prepare<[string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, quote_fts.rank AS rank FROM quote_fts JOIN quotes q ON q.id = quote_fts.rowid
         WHERE quote_fts MATCH ? ORDER BY quote_fts.rank LIMIT ?`,
      ),
      quotesRecent: db.prepare<[string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, quote_fts.rank AS rank FROM quote_fts JOIN quotes q ON q.id = quote_fts.rowid
         WHERE quote_fts MATCH ? ORDER BY quote_fts.rowid DESC LIMIT ?`,
      ),
      countQuotes: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM quotes WHERE person_id = ? LIMIT 1000)'),
      factsMatch: db.prepare<[string, number], FactRow>(
        `SELECT ${FACT_COLS}, fact_fts.rank AS rank FROM fact_fts JOIN facts f ON f.id = fact_fts.rowid
         WHERE fact_fts MATCH ? ORDER BY fact_fts.rank LIMIT ?`,
      ),
      factsRecent: db.prepare<[string, number], FactRow>(
        `SELECT ${FACT_COLS}, fact_fts.rank AS rank FROM fact_fts JOIN facts f ON f.id = fact_fts.rowid
         WHERE fact_fts MATCH ? ORDER BY fact_fts.rowid DESC LIMIT ?`,
      ),
      factsOfArticle: db.prepare<[string, number], FactRow>(
        `SELECT ${FACT_COLS}, 0 AS rank FROM facts f WHERE f.article_id = ? AND f.mention = 0 ORDER BY f.id LIMIT ?`,
      ),
      recentFacts: db.prepare<[number], FactRow>(`SELECT ${FACT_COLS}, 0 AS rank FROM facts f WHERE f.mention = 0 ORDER BY f.id DESC LIMIT ?`),
      mentions: db.prepare<[string, number], FactRow>(
        `SELECT ${FACT_COLS}, 0 AS rank FROM facts f WHERE f.mention = 1 AND f.person_id = ? ORDER BY f.id DESC LIMIT ?`,
      ),
      bodies: db.prepare<[string, number], { id: string; body: string }>(
        `SELECT a.id, a.body FROM names n JOIN articles a ON a.id = n.article_id WHERE n.name = ? AND a.body IS NOT NULL
         ORDER BY a.published DESC LIMIT ?`,
      ),
      article: db.prepare<[string], { id: string; title: string; published: string | null; url: string | null; source: string | null }>(
        'SELECT id, title, published, url, source FROM articles WHERE id = ?',
      ),
      personArticles: db.prepare<[string], ArticleRef>(
        // Bounded for people who appear everywhere: their 500 latest-added articles, newest published first.
        `SELECT a.id, a.title, a.published, a.url, a.source FROM articles a
         WHERE a.id IN (SELECT article_id FROM article_people WHERE person_id = ? LIMIT 500)
         ORDER BY a.published DESC, a.added_at DESC LIMIT 50`,
      ),
      recent: db.prepare<[number], ArticleRef>(
        'SELECT id, title, published, url, source FROM articles ORDER BY published DESC, added_at DESC LIMIT ?',
      ),
    };
  }

  /** Forget cached people, sources and articles (after a write). */
  invalidate(): void {
    this.peopleCache = null;
    this.sourcesCache = null;
    this.articleCache.clear();
  }

  people(): Person[] {
    this.peopleCache ??= this.s.people.all().map((r) => ({
      id: r.id,
      name: r.name,
      roles: JSON.parse(r.roles) as string[],
      aliases: JSON.parse(r.aliases) as string[],
      mentions: r.mentions,
      quotes: r.quotes,
    }));
    return this.peopleCache;
  }

  sources(): string[] {
    this.sourcesCache ??= this.s.sources.all().map((r) => r.name);
    return this.sourcesCache;
  }

  documentFrequency(word: string): number {
    return this.s.df.get(word.toLowerCase())?.df ?? 0;
  }

  similarWords(word: string, maxDistance: number, limit: number): { word: string; df: number }[] {
    const w = word.toLowerCase();
    const out: { word: string; df: number; d: number }[] = [];
    for (const r of this.s.shape.iterate(w[0] ?? '', w.length - maxDistance, w.length + maxDistance)) {
      const d = editDistance(w, r.word, maxDistance);
      if (d <= maxDistance && d > 0) out.push({ ...r, d });
    }
    return out
      .sort((a, b) => a.d - b.d || b.df - a.df)
      .slice(0, limit)
      .map(({ word: x, df }) => ({ word: x, df }));
  }

  searchQuotes(q: QuoteSearch): QuoteHit[] {
    const who = q.personId ? whoToken(q.personId) : q.sourceName ? sourceToken(q.sourceName) : null;
    let rows: QuoteRow[];
    if (q.groups.length === 0) {
      if (q.personId) rows = this.s.quotesOfPerson.all(q.personId, q.limit);
      else if (q.sourceName) rows = this.s.quotesOfSource.all(q.sourceName, q.limit);
      else if (q.articleId) rows = this.s.quotesOfArticle.all(q.articleId, q.limit);
      else rows = [];
    } else {
      const whoRows = q.personId ? this.countQuotes(q.personId) : Infinity;
      rows = this.matchBoth({ ranked: this.s.quotesMatch, recent: this.s.quotesRecent }, q.groups, who, whoRows, q.articleId ? q.limit * 20 : q.limit);
      if (q.articleId) rows = rows.filter((r) => r.article_id === q.articleId).slice(0, q.limit);
    }
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      kind: r.kind,
      text: r.text,
      context: r.context,
      paragraph: r.paragraph,
      speakerName: r.speaker_name,
      personId: r.person_id,
      role: r.role,
      rank: r.rank,
    }));
  }

  /**
   * Candidates for a topic, bounded in cost at any index size. FTS5 ranks every matching row before
   * LIMIT applies, so a query whose terms occur in many rows is answered by recency instead
   * (`ORDER BY rowid DESC`, which stops early) and reranked by the engine. Rows matching every
   * topic group come first; rows matching any (rare enough) group fill up when those are few.
   */
  private matchBoth<R extends { id: number }>(
    stmts: { ranked: Statement<[string, number], R>; recent: Statement<[string, number], R> },
    groups: TermGroup[],
    who: string | null,
    whoRows: number,
    limit: number,
  ): R[] {
    const dfs = groups.map((g) => Math.min(this.groupFrequency(g), whoRows));
    const run = (expr: string | null, rows: number) =>
      expr ? (rows > RANK_CAP ? stmts.recent.all(expr, RECENT_CANDIDATES) : stmts.ranked.all(expr, limit)) : [];
    const out: R[] = groups.length > 1 ? run(matchExpression(groups, who, 'all'), Math.min(...dfs)) : [];
    // Enough rows covering the whole topic: partial matches would rank below them anyway.
    if (out.length >= Math.min(limit, 15)) return out;
    const rare = groups.filter((_, i) => dfs[i]! <= RANK_CAP);
    const anyGroups = rare.length ? rare : groups;
    const anyRows = rare.length ? rare.reduce((n, _, i) => n + dfs[groups.indexOf(rare[i]!)]!, 0) : Infinity;
    const seen = new Set(out.map((r) => r.id));
    for (const r of run(matchExpression(anyGroups, who, 'any'), anyRows)) {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        out.push(r);
      }
    }
    return out;
  }

  /** Upper estimate of the rows a group matches: the sum over its alternatives of their rarest word's frequency. */
  private groupFrequency(g: TermGroup): number {
    let n = 0;
    for (const a of g.alts) {
      const ws = words(a.text);
      if (ws.length) n += Math.min(...ws.map((w) => this.documentFrequency(w)));
    }
    return n;
  }

  countQuotes(personId: string): number {
    return this.s.countQuotes.get(personId)?.n ?? 0;
  }

  searchFacts(q: FactSearch): FactHit[] {
    let rows: FactRow[];
    const who = q.person ? whoToken(this.people().find((p) => p.name === q.person)?.id ?? q.person) : null;
    if (q.groups.length === 0 && !who) {
      rows = q.articleId ? this.s.factsOfArticle.all(q.articleId, q.limit) : this.s.recentFacts.all(q.limit);
    } else {
      const wide = q.kinds || q.articleId ? q.limit * 3 : q.limit;
      rows = this.matchBoth({ ranked: this.s.factsMatch, recent: this.s.factsRecent }, q.groups, who, Infinity, wide);
      if (q.articleId) rows = rows.filter((r) => r.article_id === q.articleId);
    }
    if (q.kinds) rows = rows.filter((r) => q.kinds!.includes(r.kind));
    return rows.slice(0, q.limit).map(toFactHit);
  }

  mentions(personId: string, limit: number): FactHit[] {
    return this.s.mentions.all(personId, limit).map(toFactHit);
  }

  textMentions(name: string, limit: number): FactHit[] {
    const ws = words(name);
    if (ws.length === 0) return [];
    const out: FactHit[] = [];
    for (const a of this.s.bodies.all(ws.join(' '), 5)) {
      for (const s of segment(a.body).sentences) {
        const sentence = a.body.slice(s.start, s.end).trim();
        if (out.length >= limit || !containsPhrase(words(sentence), ws)) continue;
        out.push({ id: -out.length - 1, articleId: a.id, kind: 'role', text: sentence, context: sentence, paragraph: s.paragraph, values: [], people: [], rank: 0, mention: true });
      }
    }
    return out;
  }

  article(id: string): ArticleRef | null {
    if (this.articleCache.has(id)) return this.articleCache.get(id)!;
    const r = this.s.article.get(id) ?? null;
    if (this.articleCache.size > 5000) this.articleCache.clear();
    this.articleCache.set(id, r);
    return r;
  }

  personArticles(personId: string): ArticleRef[] {
    return this.s.personArticles.all(personId);
  }

  recentArticles(limit: number): ArticleRef[] {
    return this.s.recent.all(limit);
  }
}

function toFactHit(r: FactRow): FactHit {
  return {
    id: r.id,
    articleId: r.article_id,
    kind: r.kind,
    text: r.text,
    context: r.context,
    paragraph: r.paragraph,
    values: JSON.parse(r.vals) as FactValue[],
    people: JSON.parse(r.people) as string[],
    rank: r.rank,
    mention: r.mention === 1,
  };
}

function containsPhrase(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
