// Writing extractions into the store: one article replaces its previous rows; people are kept as a
// running aggregate; the vocabulary's document frequencies are batched and flushed once per
// transaction (a per-row upsert would dominate ingest time). What needs no database is done
// beforehand by prepareArticle (knowledge-prepare.ts), possibly in an extraction worker.
import type { Extraction, Person } from '../../../core/model.ts';
import type { Db } from '../db.ts';
import { countRowWords, prepareArticle, type ArticleText, type PreparedArticle } from '../../knowledge/prepare.ts';
import { personQuery } from './schema.ts';
import { mergePeople, MAX_LIST } from '../../knowledge/people.ts';

export type { ArticleText } from '../../knowledge/prepare.ts';
export { capitalisedNames } from '../../knowledge/names.ts';

/** How long a removed article's first-seen time is remembered. */
const TOMBSTONE_DAYS = 30;

export class KnowledgeWriter {
  private readonly vocabDelta = new Map<string, number>();
  /** People whose article rows were removed, with the counts those rows held: re-aggregated at flush. */
  private readonly touchedPeople = new Map<string, { mentions: number; quotes: number }>();
  /** People written in this batch: merged into their running aggregate at flush. */
  private readonly addedPeople = new Map<string, Person>();
  private readonly s;

  constructor(db: Db) {
    this.s = {
      articleRow: db.prepare<[string], { rowid: number }>('SELECT rowid FROM articles WHERE id = ?'),
      insertNames: db.prepare('INSERT INTO name_fts (rowid, names) VALUES (?, ?)'),
      deleteNames: db.prepare('DELETE FROM name_fts WHERE rowid = ?'),
      insertPeople: db.prepare('INSERT INTO person_fts (rowid, people) VALUES (?, ?)'),
      deletePeople: db.prepare('DELETE FROM person_fts WHERE rowid = ?'),
      insertArticle: db.prepare(
        `INSERT INTO articles (id, path, title, published, published_inferred, source, url, tags, hash, added_at, updated_at, body, extraction)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT))
         ON CONFLICT(id) DO UPDATE SET path = excluded.path, title = excluded.title, published = excluded.published,
           published_inferred = excluded.published_inferred, source = excluded.source, url = excluded.url, tags = excluded.tags,
           hash = excluded.hash, updated_at = excluded.updated_at, body = excluded.body, extraction = excluded.extraction`,
      ),
      quoteRows: db.prepare<[string], { id: number; text: string; context: string; speaker_name: string | null; person_id: string | null }>(
        'SELECT id, text, context, speaker_name, person_id FROM quotes WHERE article_id = ?',
      ),
      factRows: db.prepare<[string], { id: number; text: string }>('SELECT id, text FROM facts WHERE article_id = ?'),
      deleteQuoteFts: db.prepare('DELETE FROM quote_fts WHERE rowid = ?'),
      deleteFactFts: db.prepare('DELETE FROM fact_fts WHERE rowid = ?'),
      deleteQuotes: db.prepare('DELETE FROM quotes WHERE article_id = ?'),
      deleteFacts: db.prepare('DELETE FROM facts WHERE article_id = ?'),
      articlePeople: db.prepare<[string], { person_id: string; mentions: number; quotes: number }>(
        'SELECT person_id, mentions, quotes FROM article_people WHERE article_id = ?',
      ),
      deleteArticlePeople: db.prepare('DELETE FROM article_people WHERE article_id = ?'),
      deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
      insertQuote: db.prepare(
        `INSERT INTO quotes (article_id, qid, kind, text, context, paragraph, speaker_name, person_id, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertQuoteFts: db.prepare('INSERT INTO quote_fts (rowid, text, context, who) VALUES (?, ?, ?, ?)'),
      insertFact: db.prepare(`INSERT INTO facts (article_id, fid, kind, text, context, paragraph, vals, people) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertFactFts: db.prepare('INSERT INTO fact_fts (rowid, text, who) VALUES (?, ?, ?)'),
      insertArticlePerson: db.prepare(
        `INSERT INTO article_people (article_id, person_id, name, roles, aliases, mentions, quotes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      source: db.prepare(
        `INSERT INTO sources (name, quotes) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET quotes = quotes + excluded.quotes`,
      ),
      dropEmptySources: db.prepare('DELETE FROM sources WHERE quotes <= 0'),
      // A person's article rows, found through person_fts (newest first) and then by primary key.
      personParts: db.prepare<[string, string], { name: string; roles: string; aliases: string; mentions: number; quotes: number }>(
        `SELECT ap.name, ap.roles, ap.aliases, ap.mentions, ap.quotes
         FROM person_fts CROSS JOIN articles a ON a.rowid = person_fts.rowid CROSS JOIN article_people ap ON ap.article_id = a.id AND ap.person_id = ?
         WHERE person_fts MATCH ? ORDER BY person_fts.rowid DESC LIMIT 500`,
      ),
      personTotals: db.prepare<[string, string], { n: number; mentions: number; quotes: number }>(
        `SELECT count(*) AS n, coalesce(sum(ap.mentions), 0) AS mentions, coalesce(sum(ap.quotes), 0) AS quotes
         FROM person_fts CROSS JOIN articles a ON a.rowid = person_fts.rowid CROSS JOIN article_people ap ON ap.article_id = a.id AND ap.person_id = ?
         WHERE person_fts MATCH ?`,
      ),
      upsertPerson: db.prepare(
        `INSERT INTO people (id, name, roles, aliases, mentions, quotes) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, roles = excluded.roles, aliases = excluded.aliases,
           mentions = excluded.mentions, quotes = excluded.quotes`,
      ),
      deletePerson: db.prepare('DELETE FROM people WHERE id = ?'),
      person: db.prepare<[string], { name: string; roles: string; aliases: string; mentions: number; quotes: number }>(
        'SELECT name, roles, aliases, mentions, quotes FROM people WHERE id = ?',
      ),
      vocab: db.prepare(
        `INSERT INTO vocab (word, df, first, len) VALUES (?, ?, ?, ?) ON CONFLICT(word) DO UPDATE SET df = df + excluded.df`,
      ),
      dropEmptyVocab: db.prepare('DELETE FROM vocab WHERE df <= 0'),
      articleKept: db.prepare<[string], { hash: string; added_at: number }>('SELECT hash, added_at FROM articles WHERE id = ?'),
      tombstone: db.prepare<[string], { added_at: number }>('SELECT added_at FROM article_tombstones WHERE hash = ?'),
      bury: db.prepare(
        `INSERT INTO article_tombstones (hash, id, added_at, removed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(hash) DO UPDATE SET id = excluded.id, added_at = min(added_at, excluded.added_at), removed_at = excluded.removed_at`,
      ),
      unbury: db.prepare('DELETE FROM article_tombstones WHERE hash = ?'),
      pruneTombstones: db.prepare('DELETE FROM article_tombstones WHERE removed_at < ?'),
      rekeyArticle: db.prepare<[string, string, string, string]>('UPDATE articles SET id = ?, path = ?, extraction = ? WHERE id = ?'),
      extractionOf: db.prepare<[string], { extraction: string }>('SELECT extraction FROM articles WHERE id = ?'),
      rekeyQuotes: db.prepare<[string, string, number, string]>(`UPDATE quotes SET article_id = ?, qid = ? || substr(qid, ?) WHERE article_id = ?`),
      rekeyFacts: db.prepare<[string, string, number, string]>(`UPDATE facts SET article_id = ?, fid = ? || substr(fid, ?) WHERE article_id = ?`),
      rekeyPeople: db.prepare<[string, string]>('UPDATE article_people SET article_id = ? WHERE article_id = ?'),
    };
  }

  /** Writes (or replaces) one article's extraction. Call inside a transaction, then `flush()`. */
  write(ex: Extraction, hash: string, path: string, text: ArticleText | null, now: number): void {
    this.apply(prepareArticle(ex, hash, path, text), now);
  }

  /** Writes (or replaces) a prepared article: statements only. Call inside a transaction, then `flush()`. */
  apply(p: PreparedArticle, now: number): void {
    const id = p.id;
    const existing = this.s.articleRow.get(id);
    if (existing) this.removeRows(id, existing.rowid);
    // The same content removed earlier (a folder emptied and refilled): first seen back then.
    const buried = existing ? undefined : this.s.tombstone.get(p.hash);
    if (buried) this.s.unbury.run(p.hash);
    const addedAt = buried?.added_at ?? now;
    const inserted = this.s.insertArticle.run(p.id, p.path, p.title, p.published, p.publishedInferred, p.source, p.url, p.tags, p.hash, addedAt, now, bindable(p.body), bindable(p.extraction));
    const rowid = existing?.rowid ?? inserted.lastInsertRowid;
    if (p.names) this.s.insertNames.run(rowid, p.names);
    if (p.people) this.s.insertPeople.run(rowid, p.people);
    for (const q of p.quotes) {
      const r = this.s.insertQuote.run(id, q.qid, q.kind, q.text, q.context, q.paragraph, q.speakerName, q.personId, q.role);
      this.s.insertQuoteFts.run(r.lastInsertRowid, q.text, q.around, q.who);
    }
    for (const [name, n] of p.sources) this.s.source.run(name, n);
    for (const f of p.facts) {
      const r = this.s.insertFact.run(id, f.fid, f.kind, f.text, f.context, f.paragraph, f.vals, f.people);
      this.s.insertFactFts.run(r.lastInsertRowid, f.text, f.who);
    }
    if (p.words) p.words.split(' ').forEach((w, i) => this.vocabDelta.set(w, (this.vocabDelta.get(w) ?? 0) + p.wordRows[i]!));
    for (const person of p.persons) {
      this.s.insertArticlePerson.run(id, person.id, person.name, JSON.stringify(person.roles), JSON.stringify(person.aliases), person.mentions, person.quotes);
      const had = this.addedPeople.get(person.id);
      this.addedPeople.set(person.id, had ? mergePeople(had, person) : person);
    }
  }

  /** Removes an article and everything extracted from it (its hash and first-seen time are kept for 30 days). */
  remove(id: string, now = Date.now()): void {
    const row = this.s.articleRow.get(id);
    if (!row) return;
    const kept = this.s.articleKept.get(id);
    this.removeRows(id, row.rowid);
    this.s.deleteArticle.run(id);
    if (kept) {
      this.s.bury.run(kept.hash, id, kept.added_at, now);
      this.s.pruneTombstones.run(now - TOMBSTONE_DAYS * 86_400_000);
    }
  }

  /**
   * Gives a stored article a new id and path, keeping its rows, rowid and `added_at` (a file renamed
   * or moved with its content unchanged, or a row stored under an id from an older version). A row
   * already holding the new id is replaced. Call inside a transaction with deferred foreign keys.
   */
  rekey(from: string, to: string, path: string): void {
    if (from === to) return;
    const row = this.s.extractionOf.get(from);
    if (!row) return;
    if (this.s.articleRow.get(to)) this.remove(to);
    const ex = JSON.parse(row.extraction) as Extraction;
    const moveId = (id: string) => (id.startsWith(from) ? to + id.slice(from.length) : id);
    ex.article = { ...ex.article, id: to, path };
    for (const q of ex.quotes ?? []) q.id = moveId(q.id);
    for (const f of ex.facts ?? []) f.id = moveId(f.id);
    this.s.rekeyArticle.run(to, path, JSON.stringify(ex), from);
    // substr() counts characters from 1: the part of the quote's or fact's id after the old article id.
    this.s.rekeyQuotes.run(to, to, [...from].length + 1, from);
    this.s.rekeyFacts.run(to, to, [...from].length + 1, from);
    this.s.rekeyPeople.run(to, from);
  }

  private removeRows(id: string, rowid: number): void {
    this.s.deleteNames.run(rowid);
    this.s.deletePeople.run(rowid);
    const sources = new Map<string, number>();
    for (const q of this.s.quoteRows.all(id)) {
      this.s.deleteQuoteFts.run(q.id);
      countRowWords(q.text + ' ' + q.context.replace(q.text, ' '), this.vocabDelta, -1);
      if (!q.person_id && q.speaker_name) sources.set(q.speaker_name, (sources.get(q.speaker_name) ?? 0) - 1);
    }
    for (const f of this.s.factRows.all(id)) {
      this.s.deleteFactFts.run(f.id);
      countRowWords(f.text, this.vocabDelta, -1);
    }
    for (const [name, n] of sources) this.s.source.run(name, n);
    for (const p of this.s.articlePeople.all(id)) {
      const t = this.touchedPeople.get(p.person_id) ?? { mentions: 0, quotes: 0 };
      this.touchedPeople.set(p.person_id, { mentions: t.mentions + p.mentions, quotes: t.quotes + p.quotes });
    }
    this.s.deleteQuotes.run(id);
    this.s.deleteFacts.run(id);
    this.s.deleteArticlePeople.run(id);
  }

  /** Applies the batched vocabulary counts and re-aggregates the people touched. */
  flush(): void {
    for (const [w, d] of this.vocabDelta) if (d !== 0) this.s.vocab.run(w, d, w[0]!, w.length);
    if (this.vocabDelta.size) this.s.dropEmptyVocab.run();
    this.vocabDelta.clear();
    for (const [id, removed] of this.touchedPeople) this.aggregatePerson(id, removed, this.addedPeople.get(id));
    for (const [id, p] of this.addedPeople) {
      if (this.touchedPeople.has(id)) continue;
      const row = this.s.person.get(id);
      const merged = row
        ? mergePeople(
            { id, name: row.name, roles: JSON.parse(row.roles) as string[], aliases: JSON.parse(row.aliases) as string[], mentions: row.mentions, quotes: row.quotes },
            p,
          )
        : p;
      this.s.upsertPerson.run(id, merged.name, JSON.stringify(merged.roles), JSON.stringify(merged.aliases), merged.mentions, merged.quotes);
    }
    this.touchedPeople.clear();
    this.addedPeople.clear();
    this.s.dropEmptySources.run();
  }

  /**
   * Rebuilds a person's aggregate after some of their article rows went: counts are the running
   * totals less what was removed plus what this batch added (recounting every article of somebody
   * in thousands of them made removals slow), roles and aliases are re-ranked from their latest 500
   * articles: enough to name them every way the briefing does, bounded for people who appear
   * everywhere.
   */
  private aggregatePerson(id: string, removed: { mentions: number; quotes: number }, added: Person | undefined): void {
    const match = personQuery(id);
    const parts = this.s.personParts.all(id, match);
    if (parts.length === 0) {
      this.s.deletePerson.run(id);
      return;
    }
    const row = this.s.person.get(id);
    const totals = row
      ? { mentions: row.mentions - removed.mentions + (added?.mentions ?? 0), quotes: row.quotes - removed.quotes + (added?.quotes ?? 0) }
      : this.s.personTotals.get(id, match)!;
    const roles = new Map<string, number>();
    const aliases = new Map<string, number>();
    const names = new Map<string, number>();
    for (const r of parts) {
      names.set(r.name, (names.get(r.name) ?? 0) + 1);
      for (const x of JSON.parse(r.roles) as string[]) roles.set(x, (roles.get(x) ?? 0) + 1);
      for (const x of JSON.parse(r.aliases) as string[]) aliases.set(x, (aliases.get(x) ?? 0) + 1);
    }
    const top = (m: Map<string, number>) =>
      [...m].sort((a, b) => b[1] - a[1]).slice(0, MAX_LIST).map(([k]) => k);
    const person: Person = {
      id,
      name: top(names)[0] ?? id,
      roles: top(roles),
      aliases: top(aliases),
      mentions: totals.mentions,
      quotes: totals.quotes,
    };
    this.s.upsertPerson.run(person.id, person.name, JSON.stringify(person.roles), JSON.stringify(person.aliases), person.mentions, person.quotes);
  }
}

/** UTF-8 bytes bind as a BLOB (cast to TEXT by the statement) through a Buffer view, without a copy. */
function bindable(v: string | Uint8Array | null): string | Buffer | null {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
}
