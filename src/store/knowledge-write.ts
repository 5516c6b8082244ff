// Writing extractions into the store: one article replaces its previous rows; people are kept as a
// running aggregate; the vocabulary's document frequencies are batched and flushed once per
// transaction (a per-row upsert would dominate ingest time).
import type { Extraction, Person } from '../core/model.ts';
import { fold, words } from '../core/ask/words.ts';
import type { Db } from './db.ts';
import { nameDocument, peopleDocument, personQuery, sourceToken, whoToken } from './knowledge-schema.ts';

export interface ArticleText {
  /** The article's full text; quote contexts are cut from it. */
  text: string;
  bodyStart: number;
}

const MAX_LIST = 12;

export class KnowledgeWriter {
  private readonly vocabDelta = new Map<string, number>();
  /** Which countWords call last counted a word (cleared with vocabDelta). */
  private readonly seenAt = new Map<string, number>();
  private stamp = 0;
  /** People whose rows were removed: re-aggregated from scratch at flush. */
  private readonly touchedPeople = new Set<string>();
  /** People written in this batch: merged into their running aggregate at flush. */
  private readonly addedPeople = new Map<string, Person>();
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      articleRow: db.prepare<[string], { rowid: number }>('SELECT rowid FROM articles WHERE id = ?'),
      insertNames: db.prepare('INSERT INTO name_fts (rowid, names) VALUES (?, ?)'),
      deleteNames: db.prepare('DELETE FROM name_fts WHERE rowid = ?'),
      insertPeople: db.prepare('INSERT INTO person_fts (rowid, people) VALUES (?, ?)'),
      deletePeople: db.prepare('DELETE FROM person_fts WHERE rowid = ?'),
      insertArticle: db.prepare(
        `INSERT INTO articles (id, path, title, published, published_inferred, source, url, tags, hash, added_at, updated_at, body, extraction)
         VALUES (@id, @path, @title, @published, @publishedInferred, @source, @url, @tags, @hash, @addedAt, @updatedAt, @body, @extraction)
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
      articlePeople: db.prepare<[string], { person_id: string }>('SELECT person_id FROM article_people WHERE article_id = ?'),
      deleteArticlePeople: db.prepare('DELETE FROM article_people WHERE article_id = ?'),
      deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
      insertQuote: db.prepare(
        `INSERT INTO quotes (article_id, qid, kind, text, context, paragraph, speaker_name, person_id, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertQuoteFts: db.prepare('INSERT INTO quote_fts (rowid, text, context, who) VALUES (?, ?, ?, ?)'),
      insertFact: db.prepare(
        `INSERT INTO facts (article_id, fid, kind, text, context, paragraph, vals, people, mention, person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
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
    };
  }

  /** Writes (or replaces) one article's extraction. Call inside a transaction, then `flush()`. */
  write(ex: Extraction, hash: string, path: string, text: ArticleText | null, now: number): void {
    const id = ex.article.id;
    const existing = this.s.articleRow.get(id);
    if (existing) this.removeRows(id, existing.rowid);
    const inserted = this.s.insertArticle.run({
      id,
      path,
      title: ex.article.title,
      published: ex.article.published,
      publishedInferred: ex.article.publishedInferred ? 1 : 0,
      source: ex.article.source,
      url: ex.article.url,
      tags: JSON.stringify(ex.article.tags),
      hash,
      addedAt: now,
      updatedAt: now,
      body: text ? text.text.slice(text.bodyStart) : null,
      extraction: JSON.stringify(ex),
    });
    const rowid = existing?.rowid ?? inserted.lastInsertRowid;
    if (text) {
      const names = capitalisedNames(text.text, text.bodyStart);
      if (names.size) this.s.insertNames.run(rowid, nameDocument(names));
    }
    if (ex.people.length) this.s.insertPeople.run(rowid, peopleDocument(new Set(ex.people.map((p) => p.id))));

    const sources = new Map<string, number>();
    for (const q of ex.quotes) {
      const context = text ? text.text.slice(q.sentence.start, q.sentence.end).trim() || q.text : q.text;
      const personId = q.speaker?.personId ?? null;
      const speakerName = q.speaker?.name ?? null;
      const r = this.s.insertQuote.run(id, q.id, q.kind, q.text, context, q.paragraph, speakerName, personId, q.speaker?.role ?? null);
      const who = personId ? whoToken(personId) : speakerName ? sourceToken(speakerName) : '';
      // The context column holds only the words around the quote: the quote's own are in `text`.
      const around = context.replace(q.text, ' ');
      this.s.insertQuoteFts.run(r.lastInsertRowid, q.text, around, who);
      this.countWords(q.text + ' ' + around, 1);
      if (!personId && speakerName) sources.set(speakerName, (sources.get(speakerName) ?? 0) + 1);
    }
    for (const [name, n] of sources) this.s.source.run(name, n);

    const idByName = new Map(ex.people.map((p) => [p.name, p.id]));
    for (const f of ex.facts) {
      const context = text ? text.text.slice(f.start, f.end).trim() || f.text : f.text;
      const r = this.s.insertFact.run(id, f.id, f.kind, f.text, context, f.paragraph, JSON.stringify(f.values), JSON.stringify(f.people), 0, null);
      const who = f.people.map((n) => whoToken(idByName.get(n) ?? n)).join(' ');
      this.s.insertFactFts.run(r.lastInsertRowid, f.text, who);
      this.countWords(f.text, 1);
    }
    const mentions = quoteMentions(ex);
    for (const p0 of ex.people) {
      const p = { ...p0, aliases: [...new Set([...p0.aliases, ...(mentions.get(p0.id) ?? [])])] };
      this.s.insertArticlePerson.run(id, p.id, p.name, JSON.stringify(p.roles), JSON.stringify(p.aliases), p.mentions, p.quotes);
      const had = this.addedPeople.get(p.id);
      this.addedPeople.set(p.id, had ? mergePeople(had, p) : { ...p, roles: [...p.roles], aliases: [...p.aliases] });
    }
  }

  /** Removes an article and everything extracted from it. */
  remove(id: string): void {
    const row = this.s.articleRow.get(id);
    if (!row) return;
    this.removeRows(id, row.rowid);
    this.s.deleteArticle.run(id);
  }

  private removeRows(id: string, rowid: number): void {
    this.s.deleteNames.run(rowid);
    this.s.deletePeople.run(rowid);
    const sources = new Map<string, number>();
    for (const q of this.s.quoteRows.all(id)) {
      this.s.deleteQuoteFts.run(q.id);
      this.countWords(q.text + ' ' + q.context.replace(q.text, ' '), -1);
      if (!q.person_id && q.speaker_name) sources.set(q.speaker_name, (sources.get(q.speaker_name) ?? 0) - 1);
    }
    for (const f of this.s.factRows.all(id)) {
      this.s.deleteFactFts.run(f.id);
      this.countWords(f.text, -1);
    }
    for (const [name, n] of sources) this.s.source.run(name, n);
    for (const p of this.s.articlePeople.all(id)) this.touchedPeople.add(p.person_id);
    this.s.deleteQuotes.run(id);
    this.s.deleteFacts.run(id);
    this.s.deleteArticlePeople.run(id);
  }

  /** Adds `delta` to the document frequency of each distinct word of `text` (folded, ≤ 40 chars). */
  private countWords(text: string, delta: number): void {
    const ws = words(text);
    if (/[^\x00-\x7f]/.test(text)) {
      for (const w0 of new Set(ws)) {
        const w = fold(w0);
        if (w.length <= 40) this.vocabDelta.set(w, (this.vocabDelta.get(w) ?? 0) + delta);
      }
      return;
    }
    // ASCII text (most of it): words are already folded, and a per-call stamp replaces the Set.
    const stamp = ++this.stamp;
    for (const w of ws) {
      if (w.length > 40 || this.seenAt.get(w) === stamp) continue;
      this.seenAt.set(w, stamp);
      this.vocabDelta.set(w, (this.vocabDelta.get(w) ?? 0) + delta);
    }
  }

  /** Applies the batched vocabulary counts and re-aggregates the people touched. */
  flush(): void {
    for (const [w, d] of this.vocabDelta) if (d !== 0) this.s.vocab.run(w, d, w[0]!, w.length);
    if (this.vocabDelta.size) this.s.dropEmptyVocab.run();
    this.vocabDelta.clear();
    this.seenAt.clear();
    for (const id of this.touchedPeople) this.aggregatePerson(id);
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

  private aggregatePerson(id: string): void {
    const match = personQuery(id);
    const totals = this.s.personTotals.get(id, match);
    if (!totals || totals.n === 0) {
      this.s.deletePerson.run(id);
      return;
    }
    // Roles and aliases from (at most) 500 of their articles: enough to name them every way the
    // briefing does, bounded for people who appear everywhere.
    const roles = new Map<string, number>();
    const aliases = new Map<string, number>();
    const names = new Map<string, number>();
    for (const r of this.s.personParts.all(id, match)) {
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

/** Adds `b`'s counts to `a` and unions their roles and aliases (first seen first, bounded). */
function mergePeople(a: Person, b: Person): Person {
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])].slice(0, MAX_LIST);
  return { id: a.id, name: a.name, roles: union(a.roles, b.roles), aliases: union(a.aliases, b.aliases), mentions: a.mentions + b.mentions, quotes: a.quotes + b.quotes };
}

const PRONOUN = /^(?:he|she|they|him|her|them|his|hers|their|it|its|we|i|you|who|which)$/i;

/**
 * How the text referred to each quoted person ("the PM", "the Prime Minister"): the extractor has
 * already resolved these to the person, so they are aliases a question may use. Pronouns are not.
 */
function quoteMentions(ex: Extraction): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const q of ex.quotes) {
    const id = q.speaker?.personId;
    const m = q.speaker?.mention.trim();
    if (!id || !m || PRONOUN.test(m) || m.length > 60 || m === q.speaker!.name) continue;
    const set = out.get(id) ?? new Set<string>();
    // "The PM" at a sentence start is "the PM".
    set.add(/^The\s/.test(m) ? 't' + m.slice(1) : m);
    out.set(id, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A letter or digit (ASCII by char code, the rest by Unicode class). */
function isWordChar(code: number, ch: string): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(ch);
}

const CAPITALISED = /\p{Lu}[\p{L}'’-]*\.?/gu;
const JOINERS = new Set(['de', 'van', 'von', 'bin', 'al', 'la', 'le', 'da', 'di']);

/**
 * Capitalised word runs of a body, lowercased: the endings of two or more words of each run of two
 * to five ("state jane doe", "jane doe") and its last word ("doe"). Words of a run are
 * separated by spaces only (or a joiner such as "de"); a full stop ends the run unless it closes an
 * initial or a short title ("H.", "Mr.").
 */
export function capitalisedNames(text: string, bodyStart: number): Set<string> {
  const out = new Set<string>();
  let run: string[] = [];
  let runEnd = -1;
  let open = false;
  const flush = () => {
    if (run.length >= 2 && run.length <= 5) {
      const last = run[run.length - 1]!;
      if (last.length >= 3) out.add(last);
      // Titles come first ("State Jane Doe"): every ending of two or more words may be the name.
      for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i).join(' '));
    }
    run = [];
  };
  // Only capitalised words are visited; whether two belong to one run is decided by the gap.
  CAPITALISED.lastIndex = bodyStart;
  for (let m = CAPITALISED.exec(text); m; m = CAPITALISED.exec(text)) {
    const t = m[0];
    if (m.index > 0 && isWordChar(text.charCodeAt(m.index - 1), text[m.index - 1]!)) continue; // inside a word ("McDonald")
    // The gap is only looked at when the run is open; one space (the usual case) needs no pattern.
    const gap = open && runEnd >= 0 ? (m.index === runEnd + 1 && text.charCodeAt(runEnd) === 32 ? ' ' : text.slice(runEnd, m.index)) : '';
    const joined = gap !== '' && (gap === ' ' || /^ +$/.test(gap) || /^ +(?:de|van|von|bin|al|la|le|da|di) +$/.test(gap));
    if (!joined) flush();
    else if (gap.trim()) for (const j of gap.trim().split(/ +/)) if (JOINERS.has(j)) run.push(j);
    const bare = t.endsWith('.') ? t.slice(0, -1) : t;
    run.push(bare.toLowerCase());
    runEnd = m.index + t.length;
    open = !(t.endsWith('.') && bare.length > 3);
  }
  flush();
  return out;
}
