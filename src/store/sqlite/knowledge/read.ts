// The store's side of the question engine: candidates from FTS5, people, vocabulary. Topic terms
// arrive as structured groups and are turned into a MATCH expression here, every term a quoted
// string of plain words: nothing from a question is ever passed to MATCH raw.
import type { Person } from '../../../core/model.ts';
import type { ArticleRef, FactHit, FactSearch, QuoteHit, QuoteSearch, SearchPort, TermGroup } from '../../../core/ask/port.ts';
import { editDistance, fold, sameFamily, words } from '../../../core/ask/words.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.ts';
import { mentionHits, sentencesNaming } from '../../knowledge/mentions.ts';
import { nameQuery, personQuery } from './schema.ts';
import { sourceToken, whoToken } from '../../knowledge/tokens.ts';
import { BoundedMemo } from '../../../core/util/memo.ts';
import { matchExpression, quoteWho } from './match.ts';
import { candidateSearches, RANK_CAP } from '../../knowledge/candidates.ts';
import { FACT_COLS, QUOTE_COLS, toFactHit, toQuoteHit, type FactRow, type QuoteRow } from '../../knowledge/rows.ts';

export { matchExpression } from './match.ts';


/** The port's methods answered synchronously: SQLite is in-process, and the store wraps them. */
type Synchronous<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K] };

export class KnowledgeReader implements Omit<Synchronous<SearchPort>, 'version'> {
  private peopleCache: Person[] | null = null;
  private sourcesCache: string[] | null = null;
  private readonly articleCache = new BoundedMemo<string, ArticleRef | null>(5000);
  private readonly s;

  constructor(db: Db) {
    this.s = {
      people: db.prepare<[], { id: string; name: string; roles: string; aliases: string; mentions: number; quotes: number }>(
        'SELECT id, name, roles, aliases, mentions, quotes FROM people ORDER BY quotes DESC, mentions DESC',
      ),
      sources: db.prepare<[], { name: string }>('SELECT name FROM sources ORDER BY quotes DESC LIMIT 2000'),
      df: db.prepare<[string], { df: number }>('SELECT df FROM vocab WHERE word = ?'),
      vocabulary: db.prepare<[number], string>('SELECT word FROM vocab ORDER BY df DESC LIMIT ?').pluck(),
      prefixed: db.prepare<[string, string], { word: string; df: number }>('SELECT word, df FROM vocab WHERE word >= ? AND word < ? LIMIT 200'),
      shape: db.prepare<[string, number, number], { word: string; df: number }>(
        'SELECT word, df FROM vocab WHERE first = ? AND len BETWEEN ? AND ?',
      ),
      // A speaker's latest quotes through their `who` token (no B-tree keyed by speaker is kept:
      // at ingest it would take every insert at a random page). The token can be shared by ids that
      // differ only in punctuation, hence the check on the row.
      quotesOfPerson: db.prepare<[string, string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, 0 AS rank FROM quote_fts CROSS JOIN quotes q ON q.id = quote_fts.rowid
         WHERE quote_fts MATCH ? AND +q.person_id = ? ORDER BY quote_fts.rowid DESC LIMIT ?`,
      ),
      quotesOfSource: db.prepare<[string, string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, 0 AS rank FROM quote_fts CROSS JOIN quotes q ON q.id = quote_fts.rowid
         WHERE quote_fts MATCH ? AND q.person_id IS NULL AND +q.speaker_name = ? ORDER BY quote_fts.rowid DESC LIMIT ?`,
      ),
      quotesOfArticle: db.prepare<[string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, 0 AS rank FROM quotes q WHERE q.article_id = ? ORDER BY q.id LIMIT ?`,
      ),
      quotesMatch: db.prepare<[string, number], QuoteRow>(
        `SELECT ${QUOTE_COLS}, quote_fts.rank AS rank FROM quote_fts JOIN quotes q ON q.id = quote_fts.rowid
         WHERE quote_fts MATCH ? ORDER BY quote_fts.rank LIMIT ?`,
      ),
      quotesMatchOfPerson: db.prepare<[string, string, number], QuoteRow>(
        // The FTS query drives (its matches are few); the speaker is a filter on them, not an index scan.
        `SELECT ${QUOTE_COLS}, f.rank AS rank
         FROM (SELECT rowid, rank FROM quote_fts WHERE quote_fts MATCH ? ORDER BY rank LIMIT ${RANK_CAP}) f
         CROSS JOIN quotes q ON q.id = f.rowid
         WHERE +q.person_id = ? ORDER BY f.rank LIMIT ?`,
      ),
      personQuotes: db.prepare<[string], { quotes: number }>('SELECT quotes FROM people WHERE id = ?'),
      sourceQuotes: db.prepare<[string], { quotes: number }>('SELECT quotes FROM sources WHERE name = ?'),
      quotesRecent: db.prepare<[string, number], QuoteRow>(
        // No rank here: computing it would scan the frequent terms' doclists this path avoids.
        `SELECT ${QUOTE_COLS}, 0 AS rank FROM quote_fts JOIN quotes q ON q.id = quote_fts.rowid
         WHERE quote_fts MATCH ? ORDER BY quote_fts.rowid DESC LIMIT ?`,
      ),
      // Counted on the FTS doclist alone (a join per row made this the slowest step of a question
      // about a much-quoted person); whether any row is really theirs is checked on one row.
      countWho: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM (SELECT rowid FROM quote_fts WHERE quote_fts MATCH ? LIMIT 1000)'),
      anyQuoteOf: db.prepare<[string, string], { id: number }>(
        `SELECT q.id FROM quote_fts CROSS JOIN quotes q ON q.id = quote_fts.rowid WHERE quote_fts MATCH ? AND +q.person_id = ? LIMIT 1`,
      ),
      factsMatch: db.prepare<[string, number], FactRow>(
        `SELECT ${FACT_COLS}, fact_fts.rank AS rank FROM fact_fts JOIN facts f ON f.id = fact_fts.rowid
         WHERE fact_fts MATCH ? ORDER BY fact_fts.rank LIMIT ?`,
      ),
      factsRecent: db.prepare<[string, number], FactRow>(
        `SELECT ${FACT_COLS}, 0 AS rank FROM fact_fts JOIN facts f ON f.id = fact_fts.rowid
         WHERE fact_fts MATCH ? ORDER BY fact_fts.rowid DESC LIMIT ?`,
      ),
      factsOfArticle: db.prepare<[string, number], FactRow>(
        `SELECT ${FACT_COLS}, 0 AS rank FROM facts f WHERE f.article_id = ? AND f.mention = 0 ORDER BY f.id LIMIT ?`,
      ),
      recentFacts: db.prepare<[number], FactRow>(`SELECT ${FACT_COLS}, 0 AS rank FROM facts f WHERE f.mention = 0 ORDER BY f.id DESC LIMIT ?`),
      // The latest articles listing a person, with what the mention finder needs: body and the
      // extraction's record of the person (its names and aliases as found in that article).
      personBodies: db.prepare<[string, string], { id: string; body: string; person: string | null }>(
        `SELECT a.id, a.body,
           (SELECT value FROM json_each(a.extraction, '$.people') WHERE json_extract(value, '$.id') = ?) AS person
         FROM person_fts CROSS JOIN articles a ON a.rowid = person_fts.rowid
         WHERE person_fts MATCH ? AND a.body IS NOT NULL ORDER BY person_fts.rowid DESC`,
      ),
      bodies: db.prepare<[string, number], { id: string; body: string }>(
        `SELECT a.id, a.body FROM name_fts JOIN articles a ON a.rowid = name_fts.rowid WHERE name_fts MATCH ? AND a.body IS NOT NULL
         ORDER BY a.published DESC LIMIT ?`,
      ),
      article: db.prepare<[string], { id: string; title: string; published: string | null; url: string | null; source: string | null; inferred: 0 | 1 }>(
        'SELECT id, title, published, url, source, published_inferred AS inferred FROM articles WHERE id = ?',
      ),
      personArticles: db.prepare<[string], ArticleRef>(
        // Bounded for people who appear everywhere: their 500 latest-added articles, newest published first.
        `SELECT a.id, a.title, a.published, a.url, a.source FROM articles a
         WHERE a.rowid IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ? ORDER BY rowid DESC LIMIT 500)
         ORDER BY a.published DESC, a.added_at DESC LIMIT 50`,
      ),
      personArticleCount: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM person_fts WHERE person_fts MATCH ?'),
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

  vocabulary(limit: number): string[] {
    return this.s.vocabulary.all(limit);
  }

  documentFrequency(word: string): number {
    return this.s.df.get(fold(word.toLowerCase()))?.df ?? 0;
  }

  similarWords(word: string, maxDistance: number, limit: number): { word: string; df: number }[] {
    const w = fold(word.toLowerCase());
    const out = new Map<string, { word: string; df: number; d: number }>();
    // Candidates share the first letter, or (a typo in it) the second; lengths within the distance.
    for (const first of new Set([w[0] ?? '', w[1] ?? ''])) {
      if (!first) continue;
      for (const r of this.s.shape.iterate(first, w.length - maxDistance, w.length + maxDistance)) {
        const d = editDistance(w, r.word, maxDistance);
        if (d <= maxDistance && d > 0) out.set(r.word, { ...r, d });
      }
    }
    return [...out.values()]
      .sort((a, b) => a.d - b.d || b.df - a.df)
      .slice(0, limit)
      .map(({ word: x, df }) => ({ word: x, df }));
  }

  searchQuotes(q: QuoteSearch): QuoteHit[] {
    const who = q.personId ? whoToken(q.personId) : q.sourceName ? sourceToken(q.sourceName) : null;
    let rows: QuoteRow[];
    if (q.groups.length === 0) {
      if (q.personId) rows = this.s.quotesOfPerson.all(quoteWho(whoToken(q.personId)), q.personId, q.limit);
      else if (q.sourceName) rows = this.s.quotesOfSource.all(quoteWho(sourceToken(q.sourceName)), q.sourceName, q.limit);
      else if (q.articleId) rows = this.s.quotesOfArticle.all(q.articleId, q.limit);
      else rows = [];
    } else {
      const whoRows = q.personId ? (this.s.personQuotes.get(q.personId)?.quotes ?? 0) : q.sourceName ? (this.s.sourceQuotes.get(q.sourceName)?.quotes ?? 0) : 0;
      const byPerson = q.personId ? (expr: string, n: number) => this.s.quotesMatchOfPerson.all(expr, q.personId!, n) : null;
      rows = this.matchBoth(
        { ranked: this.s.quotesMatch, recent: this.s.quotesRecent, rankedFiltered: byPerson },
        q.groups,
        who,
        whoRows,
        q.articleId ? q.limit * 20 : q.limit,
      );
      if (q.articleId) rows = rows.filter((r) => r.article_id === q.articleId).slice(0, q.limit);
    }
    return rows.map(toQuoteHit);
  }

  /** Candidates for a topic (the strategy of store/knowledge/candidates.ts, run on FTS5). */
  private matchBoth<R extends { id: number }>(
    stmts: {
      ranked: Statement<[string, number], R>;
      recent: Statement<[string, number], R>;
      /** Ranked over the topic alone, then filtered to the speaker (for speakers with very many rows). */
      rankedFiltered: ((expr: string, limit: number) => R[]) | null;
    },
    groups: TermGroup[],
    who: string | null,
    /** Rows the `who` token matches (0 without one). */
    whoRows: number,
    limit: number,
  ): R[] {
    const steps = candidateSearches<string, R>({
      groups,
      who,
      whoRows,
      limit,
      filtered: stmts.rankedFiltered !== null,
      df: this.df,
      build: (gs, w, mode) => matchExpression(gs, w, mode, this.df),
    });
    for (let r = steps.next(); ; ) {
      if (r.done) return r.value;
      const s = r.value;
      r = steps.next(s.how === 'ranked' ? stmts.ranked.all(s.expr, s.limit) : s.how === 'recent' ? stmts.recent.all(s.expr, s.limit) : stmts.rankedFiltered!(s.expr, s.limit));
    }
  }

  private readonly df = (w: string): number => this.documentFrequency(w);

  /** Indexed words of the same family as `word` ("negotiated" for "negotiations"), most frequent first. */
  family(word: string, limit: number): { word: string; df: number }[] {
    const w = fold(word.toLowerCase());
    if (w.length < 6) return [];
    const prefix = w.slice(0, Math.max(5, w.length - 5));
    return this.s.prefixed
      .all(prefix, prefix + '\uffff')
      .filter((r) => r.word !== w && sameFamily(r.word, w))
      .sort((a, b) => b.df - a.df)
      .slice(0, limit);
  }

  /** Quotes of the person, counted up to 1000 (0 exactly when they have none). */
  countQuotes(personId: string): number {
    const who = quoteWho(whoToken(personId));
    const n = this.s.countWho.get(who)?.n ?? 0;
    return n > 0 && this.s.anyQuoteOf.get(who, personId) ? n : 0;
  }

  searchFacts(q: FactSearch): FactHit[] {
    let rows: FactRow[];
    const who = q.person ? whoToken(this.people().find((p) => p.name === q.person)?.id ?? q.person) : null;
    if (q.groups.length === 0 && !who) {
      rows = q.articleId ? this.s.factsOfArticle.all(q.articleId, q.limit) : this.s.recentFacts.all(q.limit);
    } else {
      const wide = q.kinds || q.articleId ? q.limit * 3 : q.limit;
      const whoRows = q.person ? (this.people().find((p) => p.name === q.person)?.mentions ?? 0) : 0;
      rows = this.matchBoth({ ranked: this.s.factsMatch, recent: this.s.factsRecent, rankedFiltered: null }, q.groups, who, whoRows, wide);
      if (q.articleId) rows = rows.filter((r) => r.article_id === q.articleId);
    }
    if (q.kinds) rows = rows.filter((r) => q.kinds!.includes(r.kind));
    return rows.slice(0, q.limit).map(toFactHit);
  }

  /** Sentences of their latest articles that name the person (store/knowledge/mentions.ts). */
  mentions(personId: string, limit: number): FactHit[] {
    return mentionHits(this.s.personBodies.iterate(personId, personQuery(personId)), limit);
  }

  textMentions(name: string, limit: number): FactHit[] {
    const ws = words(name);
    if (ws.length === 0) return [];
    return sentencesNaming(this.s.bodies.all(nameQuery(ws.join(' ')), 5), ws, limit);
  }

  article(id: string): ArticleRef | null {
    return this.articleCache.getOr(id, () => {
      const r = this.s.article.get(id);
      if (!r) return null;
      const { inferred, ...a } = r;
      return inferred ? { ...a, publishedInferred: true } : a;
    });
  }

  personArticleCount(personId: string): number {
    return this.s.personArticleCount.get(personQuery(personId))?.n ?? 0;
  }

  personArticles(personId: string): ArticleRef[] {
    return this.s.personArticles.all(personQuery(personId));
  }

  recentArticles(limit: number): ArticleRef[] {
    return this.s.recent.all(limit);
  }
}
