// The PostgreSQL store's side of the question engine: candidates from the tsvector index, people,
// vocabulary. The same answers as the SQLite reader (store/sqlite/knowledge/read.ts): the same
// candidate strategy (store/knowledge/candidates.ts), bm25 computed as FTS5 does (tsearch.ts), and
// ties broken as SQLite's scans break them (insertion order, byte order of text).
import type { ArticleRef, FactHit, FactSearch, QuoteHit, QuoteSearch, TermGroup } from '../../../core/ask/port.ts';
import type { Person } from '../../../core/model.ts';
import { editDistance, fold, sameFamily, words } from '../../../core/ask/words.ts';
import { BoundedMemo } from '../../../core/util/memo.ts';
import { candidateSearches, RANK_CAP, wordsOf, type CandidateSearch } from '../../knowledge/candidates.ts';
import { MENTION_ARTICLES, mentionHits, sentencesNaming } from '../../knowledge/mentions.ts';
import { FACT_COLS, QUOTE_COLS, toFactHit, toQuoteHit, type FactRow, type QuoteRow } from '../../knowledge/rows.ts';
import { sourceToken, whoToken } from '../../knowledge/tokens.ts';
import type { Pool } from '../db.ts';
import { bm25, phraseQuery, topicQuery, whoQuery, type RowPositions, type TsQuery } from './tsearch.ts';
import { firstLetter, nameTokenOf, personToken } from './write.ts';

const QUOTE_WEIGHTS = { A: 1, B: 0.4, D: 0 };
const FACT_WEIGHTS = { A: 1, D: 0 };

type Table = { name: 'quotes' | 'facts'; tbl: 'q' | 'f'; cols: string; alias: 'q' | 'f'; weights: Record<string, number> };
const QUOTES: Table = { name: 'quotes', tbl: 'q', cols: QUOTE_COLS, alias: 'q', weights: QUOTE_WEIGHTS };
const FACTS: Table = { name: 'facts', tbl: 'f', cols: `${FACT_COLS}`, alias: 'f', weights: FACT_WEIGHTS };

const ARTICLE_COLS = 'a.title AS a_title, a.published AS a_published, a.published_inferred AS a_inferred, a.url AS a_url, a.source AS a_source';
interface ArticleCols {
  a_title: string;
  a_published: string | null;
  a_inferred: number;
  a_url: string | null;
  a_source: string | null;
}

/** Trigram similarity below which the pg_trgm index would not narrow the vocabulary enough to be worth it. */
const TRIGRAM_MIN = 0.15;

export class PgKnowledgeReader {
  private peopleCache: Person[] | null = null;
  private peopleById: Map<string, Person> | null = null;
  private sourcesCache: string[] | null = null;
  private readonly articleCache = new BoundedMemo<string, ArticleRef | null>(5000);
  private readonly dfCache = new BoundedMemo<string, number>(20_000);
  /** bm25's statistics change only with writes: kept until the next change, as the word counts are. */
  private readonly totals = new Map<string, { rows: number; tokens: number }>();
  private readonly rowCounts = new BoundedMemo<string, number>(50_000);

  constructor(private readonly pool: Pool) {}

  /** Forget cached people, sources, articles and word counts (after a write, here or on another replica). */
  invalidate(): void {
    this.peopleCache = null;
    this.peopleById = null;
    this.sourcesCache = null;
    this.articleCache.clear();
    this.dfCache.clear();
    this.totals.clear();
    this.rowCounts.clear();
  }

  async people(): Promise<Person[]> {
    if (this.peopleCache) return this.peopleCache;
    const { rows } = await this.pool.query<{ id: string; name: string; roles: string; aliases: string; mentions: number; quotes: number }>(
      'SELECT id, name, roles, aliases, mentions, quotes FROM people ORDER BY quotes DESC, mentions DESC, seq',
    );
    this.peopleCache = rows.map((r) => ({ id: r.id, name: r.name, roles: JSON.parse(r.roles) as string[], aliases: JSON.parse(r.aliases) as string[], mentions: r.mentions, quotes: r.quotes }));
    this.peopleById = new Map(this.peopleCache.map((p) => [p.id, p]));
    return this.peopleCache;
  }

  async sources(): Promise<string[]> {
    this.sourcesCache ??= (await this.pool.query<{ name: string }>('SELECT name FROM sources ORDER BY quotes DESC, name LIMIT 2000')).rows.map((r) => r.name);
    return this.sourcesCache;
  }

  async vocabulary(limit: number): Promise<string[]> {
    return (await this.pool.query<{ word: string }>('SELECT word FROM vocab ORDER BY df DESC, word LIMIT $1', [limit])).rows.map((r) => r.word);
  }

  async documentFrequency(word: string): Promise<number> {
    const w = fold(word.toLowerCase());
    const hit = this.dfCache.get(w);
    if (hit !== undefined) return hit;
    await this.frequencies([w]);
    return this.dfCache.get(w) ?? 0;
  }

  /** Loads the words' frequencies into the cache, in one query. */
  private async frequencies(ws: readonly string[]): Promise<(w: string) => number> {
    const missing = [...new Set(ws)].filter((w) => this.dfCache.get(w) === undefined);
    if (missing.length) {
      const { rows } = await this.pool.query<{ word: string; df: number }>('SELECT word, df FROM vocab WHERE word = ANY($1)', [missing]);
      const found = new Map(rows.map((r) => [r.word, r.df]));
      for (const w of missing) this.dfCache.set(w, found.get(w) ?? 0);
    }
    const local = new Map(ws.map((w) => [w, this.dfCache.get(w) ?? 0]));
    return (w) => local.get(w) ?? 0;
  }

  /**
   * Indexed words within `maxDistance` edits: the candidates SQLite's reader scans (first or second
   * letter shared, length within the distance), narrowed by the pg_trgm index when the word is long
   * enough for its trigrams to say something, then the same edit distance and order.
   */
  async similarWords(word: string, maxDistance: number, limit: number): Promise<{ word: string; df: number }[]> {
    const w = fold(word.toLowerCase());
    const firsts = [...new Set([firstLetter(w), w.length > 1 ? firstLetter([...w].slice(1).join('')) : ''])].filter(Boolean);
    if (!w || firsts.length === 0) return [];
    const lo = w.length - maxDistance;
    const hi = w.length + maxDistance;
    const threshold = trigramBound(w, maxDistance);
    let rows: { word: string; df: number; first: string; len: number }[];
    if (threshold >= TRIGRAM_MIN) {
      // pg_trgm's idea of a letter depends on the server's locale: words with other characters are
      // checked one by one (they are few), so the candidates are never fewer than the scan's.
      const c = await this.pool.connect();
      try {
        await c.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, false)`, [String(threshold)]);
        rows = (
          await c.query<{ word: string; df: number; first: string; len: number }>(
            `SELECT word, df, first, len FROM vocab WHERE word % $1 AND first = ANY($2) AND len BETWEEN $3 AND $4
             UNION
             SELECT word, df, first, len FROM vocab WHERE first = ANY($2) AND len BETWEEN $3 AND $4 AND word !~ '^[a-z0-9]*$'`,
            [w, firsts, lo, hi],
          )
        ).rows;
      } finally {
        c.release();
      }
    } else {
      rows = (
        await this.pool.query<{ word: string; df: number; first: string; len: number }>(
          'SELECT word, df, first, len FROM vocab WHERE first = ANY($1) AND len BETWEEN $2 AND $3',
          [firsts, lo, hi],
        )
      ).rows;
    }
    // The order SQLite's scan meets them in (first letter as asked, then length, then the word), then by distance and frequency.
    rows.sort((a, b) => firsts.indexOf(a.first) - firsts.indexOf(b.first) || a.len - b.len || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    const out: { word: string; df: number; d: number }[] = [];
    for (const r of rows) {
      const d = editDistance(w, r.word, maxDistance);
      if (d <= maxDistance && d > 0) out.push({ word: r.word, df: r.df, d });
    }
    return out
      .sort((a, b) => a.d - b.d || b.df - a.df)
      .slice(0, limit)
      .map(({ word: x, df }) => ({ word: x, df }));
  }

  /** Indexed words of the same family as `word` ("negotiated" for "negotiations"), most frequent first. */
  async family(word: string, limit: number): Promise<{ word: string; df: number }[]> {
    const w = fold(word.toLowerCase());
    if (w.length < 6) return [];
    const prefix = w.slice(0, Math.max(5, w.length - 5));
    const { rows } = await this.pool.query<{ word: string; df: number }>('SELECT word, df FROM vocab WHERE word >= $1 AND word < $2 ORDER BY word LIMIT 200', [prefix, prefix + '\uffff']);
    return rows
      .filter((r) => r.word !== w && sameFamily(r.word, w))
      .sort((a, b) => b.df - a.df)
      .slice(0, limit);
  }

  async searchQuotes(q: QuoteSearch): Promise<QuoteHit[]> {
    let rows: QuoteRow[];
    if (q.groups.length === 0) {
      // A speaker's rows all carry their `who` token: the speaker's own column finds the same rows.
      if (q.personId) rows = await this.withArticles<QuoteRow>('q', `SELECT ${QUOTE_COLS}, 0 AS rank FROM quotes q WHERE q.person_id = $1 ORDER BY q.id DESC LIMIT $2`, [q.personId, q.limit]);
      else if (q.sourceName) {
        rows = await this.withArticles<QuoteRow>('q', `SELECT ${QUOTE_COLS}, 0 AS rank FROM quotes q WHERE q.person_id IS NULL AND q.speaker_name = $1 ORDER BY q.id DESC LIMIT $2`, [q.sourceName, q.limit]);
      } else if (q.articleId) rows = await this.withArticles<QuoteRow>('q', `SELECT ${QUOTE_COLS}, 0 AS rank FROM quotes q WHERE q.article_id = $1 ORDER BY q.id LIMIT $2`, [q.articleId, q.limit]);
      else rows = [];
    } else {
      const who = q.personId ? whoToken(q.personId) : q.sourceName ? sourceToken(q.sourceName) : null;
      const whoRows = q.personId
        ? ((await this.personById(q.personId))?.quotes ?? 0)
        : q.sourceName
          ? ((await this.pool.query<{ quotes: number }>('SELECT quotes FROM sources WHERE name = $1', [q.sourceName])).rows[0]?.quotes ?? 0)
          : 0;
      rows = await this.candidates<QuoteRow>(QUOTES, q.groups, who, whoRows, q.articleId ? q.limit * 20 : q.limit, q.personId ?? null);
      if (q.articleId) rows = rows.filter((r) => r.article_id === q.articleId).slice(0, q.limit);
    }
    return rows.map(toQuoteHit);
  }

  async searchFacts(q: FactSearch): Promise<FactHit[]> {
    let rows: FactRow[];
    const person = q.person ? (await this.people()).find((p) => p.name === q.person) : undefined;
    const who = q.person ? whoToken(person?.id ?? q.person) : null;
    if (q.groups.length === 0 && !who) {
      rows = q.articleId
        ? await this.withArticles<FactRow>('f', `SELECT ${FACT_COLS}, 0 AS rank FROM facts f WHERE f.article_id = $1 AND f.mention = 0 ORDER BY f.id LIMIT $2`, [q.articleId, q.limit])
        : await this.withArticles<FactRow>('f', `SELECT ${FACT_COLS}, 0 AS rank FROM facts f WHERE f.mention = 0 ORDER BY f.id DESC LIMIT $1`, [q.limit]);
    } else {
      const wide = q.kinds || q.articleId ? q.limit * 3 : q.limit;
      rows = await this.candidates<FactRow>(FACTS, q.groups, who, q.person ? (person?.mentions ?? 0) : 0, wide, null);
      if (q.articleId) rows = rows.filter((r) => r.article_id === q.articleId);
    }
    if (q.kinds) rows = rows.filter((r) => q.kinds!.includes(r.kind));
    return rows.slice(0, q.limit).map(toFactHit);
  }

  /** The candidate strategy (store/knowledge/candidates.ts) on this index. */
  private async candidates<R extends { id: number }>(t: Table, groups: TermGroup[], who: string | null, whoRows: number, limit: number, personId: string | null): Promise<R[]> {
    const df = await this.frequencies(wordsOf(groups));
    const steps = candidateSearches<TsQuery, R>({
      groups,
      who,
      whoRows,
      limit,
      filtered: t === QUOTES && personId !== null,
      df,
      build: (gs, w, mode) => topicQuery(gs, w, mode, df),
    });
    for (let r = steps.next(); ; ) {
      if (r.done) return r.value;
      r = steps.next(await this.run<R>(t, r.value, personId));
    }
  }

  private async run<R>(t: Table, s: CandidateSearch<TsQuery>, personId: string | null): Promise<R[]> {
    if (s.how === 'recent') {
      return this.withArticles<R>(t.alias, `SELECT ${t.cols}, 0 AS rank FROM ${t.name} ${t.alias} WHERE ${t.alias}.tsv @@ $1::tsquery ORDER BY ${t.alias}.id DESC LIMIT $2`, [s.expr.text, s.limit]);
    }
    const ranked = await this.ranked(t, s.expr);
    // Ranked over the topic alone, the best RANK_CAP kept, then the speaker's among them.
    const ids = s.how === 'filtered' ? ranked.slice(0, RANK_CAP).filter((r) => r.person === personId).slice(0, s.limit) : ranked.slice(0, s.limit);
    if (ids.length === 0) return [];
    const rows = await this.withArticles<R & { id: number; rank: number }>(t.alias, `SELECT ${t.cols} FROM ${t.name} ${t.alias} WHERE ${t.alias}.id = ANY($1)`, [ids.map((r) => r.id)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((x) => ({ ...byId.get(x.id)!, rank: x.rank }));
  }

  /**
   * Every row matching the query with its bm25 rank, best first (ties by id, as SQLite meets them).
   * Only the positions of the query's own lexemes leave the server.
   */
  private async ranked(t: Table, q: TsQuery): Promise<{ id: number; rank: number; person: string | null }[]> {
    const lexemes = [...new Set(q.phrases.flatMap((p) => p.lexemes))];
    const single = [...new Set(q.phrases.filter((p) => !p.who && p.lexemes.length === 1).map((p) => p.lexemes[0]!))];
    const multi = [...new Set(q.phrases.filter((p) => p.lexemes.length > 1).map(phraseQuery))];
    const person = t === QUOTES ? `${t.alias}.person_id` : 'NULL::text';
    const counted = (k: string) => this.rowCounts.get(`${t.tbl}:${k}`) !== undefined;
    const needTerms = single.filter((w) => !counted(w));
    const needPhrases = multi.filter((p) => !counted(p));
    const [matches, totals, terms, phrases] = await Promise.all([
      this.pool.query<{ id: number; len: number; person: string | null; lexeme: string; positions: number[]; weights: string[] }>(
        `SELECT m.id, m.len, m.person, u.lexeme, u.positions, u.weights
         FROM (SELECT ${t.alias}.id, ${t.alias}.len, ${person} AS person, ${t.alias}.tsv FROM ${t.name} ${t.alias} WHERE ${t.alias}.tsv @@ $1::tsquery) m
         CROSS JOIN LATERAL unnest(m.tsv) u WHERE u.lexeme = ANY($2::text[])`,
        [q.text, lexemes],
      ),
      this.totals.get(t.tbl) ?? this.pool.query<{ rows: number; tokens: number }>('SELECT rows, tokens FROM search_totals WHERE tbl = $1', [t.tbl]).then((r) => r.rows[0] ?? { rows: 0, tokens: 0 }),
      needTerms.length ? this.pool.query<{ term: string; n: number }>('SELECT term, n FROM search_terms WHERE tbl = $1 AND term = ANY($2)', [t.tbl, needTerms]) : null,
      needPhrases.length
        ? this.pool.query<{ p: string; n: number }>(`SELECT p, (SELECT count(*) FROM ${t.name} x WHERE x.tsv @@ p::tsquery)::int AS n FROM unnest($1::text[]) AS p`, [needPhrases])
        : null,
    ]);
    this.totals.set(t.tbl, totals);
    const found = new Map(terms?.rows.map((r) => [r.term, r.n]) ?? []);
    for (const w of needTerms) this.rowCounts.set(`${t.tbl}:${w}`, found.get(w) ?? 0);
    for (const r of phrases?.rows ?? []) this.rowCounts.set(`${t.tbl}:${r.p}`, r.n);
    const rowsOf = (k: string) => this.rowCounts.get(`${t.tbl}:${k}`) ?? 0;
    const stats = {
      rows: totals.rows,
      tokens: totals.tokens,
      hits: q.phrases.map((p) => (p.who ? 0 : p.lexemes.length === 1 ? rowsOf(p.lexemes[0]!) : rowsOf(phraseQuery(p)))),
    };
    const byRow = new Map<number, { len: number; person: string | null; at: RowPositions }>();
    for (const m of matches.rows) {
      let row = byRow.get(m.id);
      if (!row) byRow.set(m.id, (row = { len: m.len, person: m.person, at: new Map() }));
      row.at.set(m.lexeme, { pos: m.positions, weight: m.weights });
    }
    const out = [...byRow].map(([id, r]) => ({ id, rank: bm25(q.phrases, stats, t.weights, r.at, r.len), person: r.person }));
    return out.sort((a, b) => a.rank - b.rank || a.id - b.id);
  }

  /** Quotes of the person, counted up to 1000 (0 exactly when they have none). */
  async countQuotes(personId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number; own: boolean }>(
      `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM quotes WHERE tsv @@ $1::tsquery LIMIT 1000) x) AS n,
              EXISTS (SELECT 1 FROM quotes WHERE person_id = $2) AS own`,
      [whoQuery(whoToken(personId)), personId],
    );
    const r = rows[0]!;
    return r.n > 0 && r.own ? r.n : 0;
  }

  /** Sentences of their latest articles that name the person (store/knowledge/mentions.ts). */
  async mentions(personId: string, limit: number): Promise<FactHit[]> {
    const { rows } = await this.pool.query<{ id: string; body: string; person: string | null }>(
      `SELECT a.id, a.body,
         (SELECT p::text FROM json_array_elements(a.extraction::json -> 'people') p WHERE p ->> 'id' = $1 LIMIT 1) AS person
       FROM articles a WHERE a.people @> ARRAY[$2] AND a.body IS NOT NULL ORDER BY a.seq DESC LIMIT ${MENTION_ARTICLES}`,
      [personId, personToken(personId)],
    );
    return mentionHits(rows, limit);
  }

  async textMentions(name: string, limit: number): Promise<FactHit[]> {
    const ws = words(name);
    if (ws.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string; body: string }>(
      'SELECT id, body FROM articles WHERE names @> ARRAY[$1] AND body IS NOT NULL ORDER BY published DESC NULLS LAST, seq LIMIT 5',
      [nameTokenOf(ws.join(' '))],
    );
    return sentencesNaming(rows, ws, limit);
  }

  async article(id: string): Promise<ArticleRef | null> {
    const hit = this.articleCache.get(id);
    if (hit !== undefined) return hit;
    const row = (await this.pool.query<ArticleRow>('SELECT id, title, published, published_inferred AS inferred, url, source FROM articles WHERE id = $1', [id])).rows[0];
    const r = row ? articleRef(row) : null;
    this.articleCache.set(id, r);
    return r;
  }

  async personArticleCount(personId: string): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE people @> ARRAY[$1]', [personToken(personId)])).rows[0]?.n ?? 0;
  }

  async personArticles(personId: string): Promise<ArticleRef[]> {
    // Bounded for people who appear everywhere: their 500 latest-added articles, newest published first.
    return (
      await this.pool.query<ArticleRef>(
        `SELECT a.id, a.title, a.published, a.url, a.source FROM articles a
         WHERE a.seq IN (SELECT seq FROM articles WHERE people @> ARRAY[$1] ORDER BY seq DESC LIMIT 500)
         ORDER BY a.published DESC NULLS LAST, a.added_at DESC, a.seq LIMIT 50`,
        [personToken(personId)],
      )
    ).rows;
  }

  async recentArticles(limit: number): Promise<ArticleRef[]> {
    return (
      await this.pool.query<ArticleRef>('SELECT id, title, published, url, source FROM articles ORDER BY published DESC NULLS LAST, added_at DESC, seq DESC LIMIT $1', [limit])
    ).rows;
  }

  private async personById(id: string): Promise<Person | undefined> {
    if (!this.peopleById) await this.people();
    return this.peopleById!.get(id);
  }

  /**
   * Quote or fact rows with their article's reference, which goes to the article cache: the engine
   * asks for the article of every result it keeps, and a round trip each would cost more than the search.
   */
  private async withArticles<R>(alias: 'q' | 'f', sql: string, params: unknown[]): Promise<R[]> {
    const joined = sql.replace(' FROM ', `, ${ARTICLE_COLS} FROM `).replace(` ${alias} WHERE `, ` ${alias} JOIN articles a ON a.id = ${alias}.article_id WHERE `);
    const rows = (await this.pool.query(joined, params)).rows as (R & ArticleCols & { article_id: string })[];
    for (const r of rows) {
      const id = r.article_id;
      if (this.articleCache.get(id) === undefined) this.articleCache.set(id, articleRef({ id, title: r.a_title, published: r.a_published, inferred: r.a_inferred, url: r.a_url, source: r.a_source }));
      const extra = r as Partial<ArticleCols>;
      delete extra.a_title;
      delete extra.a_published;
      delete extra.a_inferred;
      delete extra.a_url;
      delete extra.a_source;
    }
    return rows;
  }
}

interface ArticleRow {
  id: string;
  title: string;
  published: string | null;
  inferred: number;
  url: string | null;
  source: string | null;
}

/** An article's reference as the SQLite reader gives it: `publishedInferred` only when the date was inferred. */
function articleRef({ inferred, ...a }: ArticleRow): ArticleRef {
  return inferred ? { ...a, publishedInferred: true } : a;
}

/**
 * The least trigram similarity (pg_trgm: padded trigrams, as sets) a word within `d` edits of `w`
 * can have: each edit (a transposition too) changes at most four of its trigrams, and the other word
 * has at most |w| + d + 1 of them.
 */
export function trigramBound(w: string, d: number): number {
  if (!/^[a-z0-9]+$/.test(w)) return 0;
  const padded = `  ${w} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  const n = w.length;
  const own = grams.size;
  const shared = own - 4 * d;
  if (shared <= 0) return 0;
  return shared / (own + (n + d + 1) - shared);
}
