// Writing extractions into PostgreSQL: the same rules as the SQLite writer (store/sqlite/knowledge/
// write.ts): an article replaces its previous rows, people are a running aggregate, a removed
// article leaves its hash and first-seen time for 30 days. Rows go in a batch of articles at a
// time, each table in one statement over arrays (a statement per row would spend the ingest on
// round trips). Counts (vocabulary, bm25's per-lexeme rows and totals, sources) are batched and
// written once per transaction. One writer runs at a time across replicas (an advisory lock held
// for the transaction), so the counts never race.
import type { Extraction, Person } from '../../../core/model.ts';
import { countRowWords, type PreparedArticle } from '../../knowledge/prepare.ts';
import { mergePeople, MAX_LIST } from '../../knowledge/people.ts';
import { idToken, nameToken } from '../../knowledge/tokens.ts';
import type { Client } from '../db.ts';
import { indexEntry, lexeme } from './tsearch.ts';

/** How long a removed article's first-seen time is remembered. */
const TOMBSTONE_DAYS = 30;
/** Advisory lock key of knowledge writes ('brf' + 'kno'). */
export const KNOWLEDGE_WRITE_LOCK = 0x627266_6b6e6f;

type Tbl = 'q' | 'f';

/** A person's token in `articles.people` (lowercased: FTS5 folds case, so SQLite matches ids so). */
export function personToken(id: string): string {
  return idToken(id).toLowerCase();
}

/** A capitalised name's token in `articles.names`. */
export function nameTokenOf(name: string): string {
  return nameToken(name).toLowerCase();
}

export class PgKnowledgeWriter {
  private readonly vocabDelta = new Map<string, number>();
  private readonly termDelta: Record<Tbl, Map<string, number>> = { q: new Map(), f: new Map() };
  private readonly totals: Record<Tbl, { rows: number; tokens: number }> = { q: { rows: 0, tokens: 0 }, f: { rows: 0, tokens: 0 } };
  private readonly sourceDelta = new Map<string, number>();
  /** People whose article rows were removed, with the counts those rows held: re-aggregated at flush. */
  private readonly touchedPeople = new Map<string, { mentions: number; quotes: number }>();
  /** People written in this batch: merged into their running aggregate at flush. */
  private readonly addedPeople = new Map<string, Person>();
  private wrote = false;

  /** Call first in the transaction: waits for any other replica's knowledge write to commit. */
  static async begin(c: Client): Promise<PgKnowledgeWriter> {
    await c.query('SELECT pg_advisory_xact_lock($1)', [KNOWLEDGE_WRITE_LOCK]);
    return new PgKnowledgeWriter(c);
  }

  private constructor(private readonly c: Client) {}

  /** Writes (or replaces) prepared articles, in order. Then `flush()`, in the same transaction. */
  async apply(batch: readonly PreparedArticle[], now: number): Promise<void> {
    if (batch.length === 0) return;
    this.wrote = true;
    const ids = batch.map((p) => p.id);
    const existing = new Set((await this.c.query<{ id: string }>('SELECT id FROM articles WHERE id = ANY($1)', [ids])).rows.map((r) => r.id));
    if (existing.size) await this.removeRows([...existing]);
    // The same content removed earlier (a folder emptied and refilled): first seen back then.
    const fresh = batch.filter((p) => !existing.has(p.id));
    const buried = new Map<string, number>();
    if (fresh.length) {
      const { rows } = await this.c.query<{ hash: string; added_at: number }>('DELETE FROM article_tombstones WHERE hash = ANY($1) RETURNING hash, added_at', [fresh.map((p) => p.hash)]);
      for (const r of rows) buried.set(r.hash, r.added_at);
    }
    const added = batch.map((p) => {
      if (existing.has(p.id)) return now;
      const at = buried.get(p.hash);
      buried.delete(p.hash);
      return at ?? now;
    });
    await this.c.query(
      `INSERT INTO articles (id, path, title, published, published_inferred, source, url, tags, hash, added_at, updated_at, body, extraction, people, names)
       SELECT a.id, a.path, a.title, a.published, a.published_inferred, a.source, a.url, a.tags, a.hash, a.added_at, $11, a.body, a.extraction,
              string_to_array(a.people, ' '), string_to_array(a.names, ' ')
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[],
                   $12::text[], $13::text[], $14::text[], $15::text[])
         AS a (id, path, title, published, published_inferred, source, url, tags, hash, added_at, body, extraction, people, names)
       ON CONFLICT (id) DO UPDATE SET path = excluded.path, title = excluded.title, published = excluded.published,
         published_inferred = excluded.published_inferred, source = excluded.source, url = excluded.url, tags = excluded.tags,
         hash = excluded.hash, updated_at = excluded.updated_at, body = excluded.body, extraction = excluded.extraction,
         people = excluded.people, names = excluded.names`,
      [
        ids,
        batch.map((p) => p.path),
        batch.map((p) => p.title),
        batch.map((p) => p.published),
        batch.map((p) => p.publishedInferred),
        batch.map((p) => p.source),
        batch.map((p) => p.url),
        batch.map((p) => p.tags),
        batch.map((p) => p.hash),
        added,
        now,
        batch.map((p) => text(p.body)),
        batch.map((p) => text(p.extraction)!),
        batch.map((p) => (p.people ? p.people.split(' ').map((t) => t.toLowerCase()).join(' ') : '')),
        batch.map((p) => (p.names ? p.names.toLowerCase() : '')),
      ],
    );
    await this.insertQuotes(batch);
    await this.insertFacts(batch);
    const people = batch.flatMap((p) => p.persons.map((person) => ({ article: p.id, person })));
    if (people.length) {
      await this.c.query(
        `INSERT INTO article_people (article_id, person_id, name, roles, aliases, mentions, quotes)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[])`,
        [
          people.map((x) => x.article),
          people.map((x) => x.person.id),
          people.map((x) => x.person.name),
          people.map((x) => JSON.stringify(x.person.roles)),
          people.map((x) => JSON.stringify(x.person.aliases)),
          people.map((x) => x.person.mentions),
          people.map((x) => x.person.quotes),
        ],
      );
    }
    for (const p of batch) {
      for (const [name, n] of p.sources) this.sourceDelta.set(name, (this.sourceDelta.get(name) ?? 0) + n);
      if (p.words) p.words.split(' ').forEach((w, i) => this.vocabDelta.set(w, (this.vocabDelta.get(w) ?? 0) + p.wordRows[i]!));
      for (const person of p.persons) {
        const had = this.addedPeople.get(person.id);
        this.addedPeople.set(person.id, had ? mergePeople(had, person) : person);
      }
    }
  }

  private async insertQuotes(batch: readonly PreparedArticle[]): Promise<void> {
    const cols = { article: [] as string[], qid: [] as string[], kind: [] as string[], text: [] as string[], context: [] as string[], paragraph: [] as number[], speaker: [] as (string | null)[], person: [] as (string | null)[], role: [] as (string | null)[], len: [] as number[], tsv: [] as string[] };
    for (const p of batch) {
      for (const q of p.quotes) {
        const e = indexEntry([
          { text: q.text, weight: 'A' },
          { text: q.around, weight: 'B' },
          { text: q.who, weight: 'D', tokens: q.who ? [lexeme(q.who)] : [] },
        ]);
        this.count('q', e.terms, e.len, 1);
        cols.article.push(p.id);
        cols.qid.push(q.qid);
        cols.kind.push(q.kind);
        cols.text.push(q.text);
        cols.context.push(q.context);
        cols.paragraph.push(q.paragraph);
        cols.speaker.push(q.speakerName);
        cols.person.push(q.personId);
        cols.role.push(q.role);
        cols.len.push(e.len);
        cols.tsv.push(e.tsv);
      }
    }
    if (!cols.article.length) return;
    await this.c.query(
      `INSERT INTO quotes (article_id, qid, kind, text, context, paragraph, speaker_name, person_id, role, len, tsv)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::int[], $11::tsvector[])`,
      [cols.article, cols.qid, cols.kind, cols.text, cols.context, cols.paragraph, cols.speaker, cols.person, cols.role, cols.len, cols.tsv],
    );
  }

  private async insertFacts(batch: readonly PreparedArticle[]): Promise<void> {
    const cols = { article: [] as string[], fid: [] as string[], kind: [] as string[], text: [] as string[], context: [] as string[], paragraph: [] as number[], vals: [] as string[], people: [] as string[], len: [] as number[], tsv: [] as string[] };
    for (const p of batch) {
      for (const f of p.facts) {
        const e = indexEntry([
          { text: f.text, weight: 'A' },
          { text: f.who, weight: 'D', tokens: f.who.split(' ').filter(Boolean).map(lexeme) },
        ]);
        this.count('f', e.terms, e.len, 1);
        cols.article.push(p.id);
        cols.fid.push(f.fid);
        cols.kind.push(f.kind);
        cols.text.push(f.text);
        cols.context.push(f.context);
        cols.paragraph.push(f.paragraph);
        cols.vals.push(f.vals);
        cols.people.push(f.people);
        cols.len.push(e.len);
        cols.tsv.push(e.tsv);
      }
    }
    if (!cols.article.length) return;
    await this.c.query(
      `INSERT INTO facts (article_id, fid, kind, text, context, paragraph, vals, people, len, tsv)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::int[], $10::tsvector[])`,
      [cols.article, cols.fid, cols.kind, cols.text, cols.context, cols.paragraph, cols.vals, cols.people, cols.len, cols.tsv],
    );
  }

  private count(tbl: Tbl, terms: readonly string[], len: number, sign: 1 | -1): void {
    const d = this.termDelta[tbl];
    for (const t of terms) d.set(t, (d.get(t) ?? 0) + sign);
    this.totals[tbl].rows += sign;
    this.totals[tbl].tokens += sign * len;
  }

  /** Removes articles and everything extracted from them (their hashes and first-seen times are kept for 30 days). */
  async remove(ids: readonly string[], now = Date.now()): Promise<void> {
    if (ids.length === 0) return;
    const { rows } = await this.c.query<{ id: string; hash: string; added_at: number }>('SELECT id, hash, added_at FROM articles WHERE id = ANY($1)', [[...ids]]);
    if (rows.length === 0) return;
    this.wrote = true;
    const order = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    await this.removeRows(rows.map((r) => r.id));
    await this.c.query('DELETE FROM articles WHERE id = ANY($1)', [rows.map((r) => r.id)]);
    // One row per hash: the last id removed under it, the earliest first-seen time.
    const graves = new Map<string, { id: string; addedAt: number }>();
    for (const r of rows) {
      const had = graves.get(r.hash);
      graves.set(r.hash, { id: r.id, addedAt: had ? Math.min(had.addedAt, r.added_at) : r.added_at });
    }
    await this.c.query(
      `INSERT INTO article_tombstones (hash, id, added_at, removed_at) SELECT h, i, a, $4 FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t (h, i, a)
       ON CONFLICT (hash) DO UPDATE SET id = excluded.id, added_at = LEAST(article_tombstones.added_at, excluded.added_at), removed_at = excluded.removed_at`,
      [[...graves.keys()], [...graves.values()].map((g) => g.id), [...graves.values()].map((g) => g.addedAt), now],
    );
    await this.c.query('DELETE FROM article_tombstones WHERE removed_at < $1', [now - TOMBSTONE_DAYS * 86_400_000]);
  }

  /**
   * Gives a stored article a new id and path, keeping its rows, `seq` and `added_at` (a file renamed
   * or moved with its content unchanged). A row already holding the new id is replaced. Its quotes,
   * facts and people rows follow the id (ON UPDATE CASCADE).
   */
  async rekey(from: string, to: string, path: string): Promise<void> {
    if (from === to) return;
    const { rows } = await this.c.query<{ extraction: string }>('SELECT extraction FROM articles WHERE id = $1', [from]);
    if (!rows[0]) return;
    this.wrote = true;
    await this.remove([to]);
    const ex = JSON.parse(rows[0].extraction) as Extraction;
    const moveId = (id: string) => (id.startsWith(from) ? to + id.slice(from.length) : id);
    ex.article = { ...ex.article, id: to, path };
    for (const q of ex.quotes ?? []) q.id = moveId(q.id);
    for (const f of ex.facts ?? []) f.id = moveId(f.id);
    await this.c.query('UPDATE articles SET id = $1, path = $2, extraction = $3 WHERE id = $4', [to, path, JSON.stringify(ex), from]);
    // substr() counts characters from 1: the part of the quote's or fact's id after the old article id.
    const rest = [...from].length + 1;
    await this.c.query('UPDATE quotes SET qid = $1 || substr(qid, $2) WHERE article_id = $1', [to, rest]);
    await this.c.query('UPDATE facts SET fid = $1 || substr(fid, $2) WHERE article_id = $1', [to, rest]);
  }

  private async removeRows(ids: string[]): Promise<void> {
    const quotes = await this.c.query<{ text: string; context: string; speaker_name: string | null; person_id: string | null; len: number; terms: string[] }>(
      'SELECT text, context, speaker_name, person_id, len, tsvector_to_array(tsv) AS terms FROM quotes WHERE article_id = ANY($1) ORDER BY id',
      [ids],
    );
    for (const q of quotes.rows) {
      countRowWords(q.text + ' ' + q.context.replace(q.text, ' '), this.vocabDelta, -1);
      this.count('q', q.terms, q.len, -1);
      if (!q.person_id && q.speaker_name) this.sourceDelta.set(q.speaker_name, (this.sourceDelta.get(q.speaker_name) ?? 0) - 1);
    }
    const facts = await this.c.query<{ text: string; len: number; terms: string[] }>(
      'SELECT text, len, tsvector_to_array(tsv) AS terms FROM facts WHERE article_id = ANY($1) ORDER BY id',
      [ids],
    );
    for (const f of facts.rows) {
      countRowWords(f.text, this.vocabDelta, -1);
      this.count('f', f.terms, f.len, -1);
    }
    const people = await this.c.query<{ person_id: string; mentions: number; quotes: number }>(
      'SELECT person_id, mentions, quotes FROM article_people WHERE article_id = ANY($1)',
      [ids],
    );
    for (const p of people.rows) {
      const t = this.touchedPeople.get(p.person_id) ?? { mentions: 0, quotes: 0 };
      this.touchedPeople.set(p.person_id, { mentions: t.mentions + p.mentions, quotes: t.quotes + p.quotes });
    }
    await this.c.query('DELETE FROM quotes WHERE article_id = ANY($1)', [ids]);
    await this.c.query('DELETE FROM facts WHERE article_id = ANY($1)', [ids]);
    await this.c.query('DELETE FROM article_people WHERE article_id = ANY($1)', [ids]);
  }

  /** Applies the batched counts, re-aggregates the people touched and marks the change for every replica. */
  async flush(): Promise<void> {
    const vocab = [...this.vocabDelta].filter(([, d]) => d !== 0);
    if (vocab.length) {
      await this.c.query(
        `INSERT INTO vocab (word, df, first, len) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::int[])
         ON CONFLICT (word) DO UPDATE SET df = vocab.df + excluded.df`,
        [vocab.map(([w]) => w), vocab.map(([, d]) => d), vocab.map(([w]) => firstLetter(w)), vocab.map(([w]) => w.length)],
      );
      const down = vocab.filter(([, d]) => d < 0).map(([w]) => w);
      if (down.length) await this.c.query('DELETE FROM vocab WHERE word = ANY($1) AND df <= 0', [down]);
    }
    this.vocabDelta.clear();
    for (const tbl of ['q', 'f'] as const) {
      const terms = [...this.termDelta[tbl]].filter(([, d]) => d !== 0);
      if (terms.length) {
        await this.c.query(
          `INSERT INTO search_terms (tbl, term, n) SELECT $1, * FROM unnest($2::text[], $3::int[])
           ON CONFLICT (tbl, term) DO UPDATE SET n = search_terms.n + excluded.n`,
          [tbl, terms.map(([t]) => t), terms.map(([, d]) => d)],
        );
        const down = terms.filter(([, d]) => d < 0).map(([t]) => t);
        if (down.length) await this.c.query('DELETE FROM search_terms WHERE tbl = $1 AND term = ANY($2) AND n <= 0', [tbl, down]);
      }
      this.termDelta[tbl].clear();
      const t = this.totals[tbl];
      if (t.rows || t.tokens) await this.c.query('UPDATE search_totals SET rows = rows + $2, tokens = tokens + $3 WHERE tbl = $1', [tbl, t.rows, t.tokens]);
      this.totals[tbl] = { rows: 0, tokens: 0 };
    }
    const sources = [...this.sourceDelta].filter(([, d]) => d !== 0);
    if (sources.length) {
      await this.c.query(
        `INSERT INTO sources (name, quotes) SELECT * FROM unnest($1::text[], $2::int[])
         ON CONFLICT (name) DO UPDATE SET quotes = sources.quotes + excluded.quotes`,
        [sources.map(([n]) => n), sources.map(([, d]) => d)],
      );
      await this.c.query('DELETE FROM sources WHERE name = ANY($1) AND quotes <= 0', [sources.map(([n]) => n)]);
    }
    this.sourceDelta.clear();
    for (const [id, removed] of this.touchedPeople) await this.aggregatePerson(id, removed, this.addedPeople.get(id));
    const merged: Person[] = [];
    const others = [...this.addedPeople.values()].filter((p) => !this.touchedPeople.has(p.id));
    if (others.length) {
      const { rows } = await this.c.query<PersonRow & { id: string }>('SELECT id, name, roles, aliases, mentions, quotes FROM people WHERE id = ANY($1)', [others.map((p) => p.id)]);
      const have = new Map(rows.map((r) => [r.id, r]));
      for (const p of others) {
        const row = have.get(p.id);
        merged.push(row ? mergePeople(personOf(p.id, row), p) : p);
      }
      await this.upsertPeople(merged);
    }
    this.touchedPeople.clear();
    this.addedPeople.clear();
    if (this.wrote) await this.c.query('UPDATE knowledge_meta SET generation = generation + 1');
    this.wrote = false;
  }

  private async upsertPeople(people: readonly Person[]): Promise<void> {
    await this.c.query(
      `INSERT INTO people (id, name, roles, aliases, mentions, quotes) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, roles = excluded.roles, aliases = excluded.aliases, mentions = excluded.mentions, quotes = excluded.quotes`,
      [
        people.map((p) => p.id),
        people.map((p) => p.name),
        people.map((p) => JSON.stringify(p.roles)),
        people.map((p) => JSON.stringify(p.aliases)),
        people.map((p) => p.mentions),
        people.map((p) => p.quotes),
      ],
    );
  }

  /**
   * Rebuilds a person's aggregate after some of their article rows went: counts are the running
   * totals less what was removed plus what this batch added; roles and aliases are re-ranked from
   * their latest 500 articles (as the SQLite writer does).
   */
  private async aggregatePerson(id: string, removed: { mentions: number; quotes: number }, added: Person | undefined): Promise<void> {
    const parts = (
      await this.c.query<PersonRow>(
        `SELECT ap.name, ap.roles, ap.aliases, ap.mentions, ap.quotes FROM article_people ap JOIN articles a ON a.id = ap.article_id
         WHERE ap.person_id = $1 ORDER BY a.seq DESC LIMIT 500`,
        [id],
      )
    ).rows;
    if (parts.length === 0) {
      await this.c.query('DELETE FROM people WHERE id = $1', [id]);
      return;
    }
    const row = (await this.c.query<PersonRow>('SELECT name, roles, aliases, mentions, quotes FROM people WHERE id = $1', [id])).rows[0];
    const totals = row
      ? { mentions: row.mentions - removed.mentions + (added?.mentions ?? 0), quotes: row.quotes - removed.quotes + (added?.quotes ?? 0) }
      : (
          await this.c.query<{ mentions: number; quotes: number }>(
            'SELECT coalesce(sum(mentions), 0)::int AS mentions, coalesce(sum(quotes), 0)::int AS quotes FROM article_people WHERE person_id = $1',
            [id],
          )
        ).rows[0]!;
    const roles = new Map<string, number>();
    const aliases = new Map<string, number>();
    const names = new Map<string, number>();
    for (const r of parts) {
      names.set(r.name, (names.get(r.name) ?? 0) + 1);
      for (const x of JSON.parse(r.roles) as string[]) roles.set(x, (roles.get(x) ?? 0) + 1);
      for (const x of JSON.parse(r.aliases) as string[]) aliases.set(x, (aliases.get(x) ?? 0) + 1);
    }
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, MAX_LIST).map(([k]) => k);
    await this.upsertPeople([{ id, name: top(names)[0] ?? id, roles: top(roles), aliases: top(aliases), mentions: totals.mentions, quotes: totals.quotes }]);
  }
}

interface PersonRow {
  name: string;
  roles: string;
  aliases: string;
  mentions: number;
  quotes: number;
}

function personOf(id: string, r: PersonRow): Person {
  return { id, name: r.name, roles: JSON.parse(r.roles) as string[], aliases: JSON.parse(r.aliases) as string[], mentions: r.mentions, quotes: r.quotes };
}

/** The vocabulary's `first`: its first character (a whole code point, never half of one). */
export function firstLetter(w: string): string {
  return String.fromCodePoint(w.codePointAt(0) ?? 32);
}

const utf8 = new TextDecoder();

/** The body or extraction as text (a worker may send it as UTF-8 bytes). */
function text(v: string | Uint8Array | null): string | null {
  return v === null || typeof v === 'string' ? v : utf8.decode(v);
}
