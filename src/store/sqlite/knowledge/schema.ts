// The knowledge store's tables. Quotes and facts are searched through contentless FTS5 tables
// (unicode61, accents folded); the text itself
// lives once, in the plain tables. `who` holds one token per person so a speaker filter is an FTS
// intersection rather than a scan.
import type { Migration } from '../db.ts';
import { idToken, nameToken } from '../../knowledge/tokens.ts';

export const KNOWLEDGE_MODULE = 'knowledge';

// No stemmer: inflections and word families are expanded on the query side from the indexed
// vocabulary, which keeps the vocabulary's counts exact for the cost estimates in knowledge-read.ts.
const TOKENIZE = `tokenize = 'unicode61 remove_diacritics 2'`;
// Names are matched exactly as stored (accents kept); apostrophes, hyphens and the `_` standing for
// a space are part of a name token.
const NAME_TOKENIZE = `tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*' tokenchars '''’-_'"`;
// A person id is one token whatever it contains (letters, digits, punctuation, symbols); spaces are
// written as `_`.
const ID_TOKENIZE = `tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"`;

export const knowledgeMigrations: Migration[] = [
  {
    module: KNOWLEDGE_MODULE,
    version: 1,
    sql: `
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        published_inferred INTEGER NOT NULL DEFAULT 0,
        source TEXT,
        url TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        hash TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        body TEXT,
        extraction TEXT NOT NULL
      );
      CREATE INDEX articles_path ON articles(path);
      CREATE INDEX articles_recent ON articles(published, added_at);
      CREATE INDEX articles_added ON articles(added_at);

      CREATE TABLE people (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '[]',
        aliases TEXT NOT NULL DEFAULT '[]',
        mentions INTEGER NOT NULL DEFAULT 0,
        quotes INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE article_people (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        person_id TEXT NOT NULL,
        name TEXT NOT NULL,
        roles TEXT NOT NULL,
        aliases TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        quotes INTEGER NOT NULL,
        PRIMARY KEY (article_id, person_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_people_person ON article_people(person_id);

      CREATE TABLE sources (
        name TEXT PRIMARY KEY,
        quotes INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        qid TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        context TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        speaker_name TEXT,
        person_id TEXT,
        role TEXT
      );
      CREATE INDEX quotes_article ON quotes(article_id);
      CREATE INDEX quotes_person ON quotes(person_id) WHERE person_id IS NOT NULL;
      CREATE INDEX quotes_source ON quotes(speaker_name) WHERE person_id IS NULL;
      CREATE VIRTUAL TABLE quote_fts USING fts5(text, context, who, content = '', contentless_delete = 1, ${TOKENIZE});
      INSERT INTO quote_fts(quote_fts, rank) VALUES ('rank', 'bm25(1.0, 0.4, 0.0)');

      -- Facts, and (mention = 1) sentences that merely mention a person, kept for "about them".
      CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        fid TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        context TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        vals TEXT NOT NULL DEFAULT '[]',
        people TEXT NOT NULL DEFAULT '[]',
        mention INTEGER NOT NULL DEFAULT 0,
        person_id TEXT
      );
      CREATE INDEX facts_article ON facts(article_id);
      CREATE INDEX facts_mention ON facts(person_id) WHERE mention = 1;
      CREATE VIRTUAL TABLE fact_fts USING fts5(text, who, content = '', contentless_delete = 1, ${TOKENIZE});
      INSERT INTO fact_fts(fact_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');

      -- Capitalised names in article bodies ("jane doe", "doe"), for people no extraction
      -- listed: is X in the briefing at all? (Much cheaper to keep than a full-text index of bodies.)
      CREATE TABLE names (
        name TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (name, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX names_article ON names(article_id);

      -- Distinct indexed words and in how many rows they occur: spelling correction and "is this word
      -- known" without touching the FTS index.
      CREATE TABLE vocab (
        word TEXT PRIMARY KEY,
        df INTEGER NOT NULL,
        first TEXT NOT NULL,
        len INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX vocab_shape ON vocab(first, len);
    `,
  },
  {
    // Capitalised names move from a B-tree keyed by name to a contentless FTS5 index, one document
    // per article (rowid = the article's rowid), each name one token (spaces written as `_`). A
    // name-keyed B-tree takes its ~35 inserts per article at random pages: at 1M quotes that was
    // 7 of the 32 pages each ingested article dirtied; FTS5 appends segments and merges them.
    module: KNOWLEDGE_MODULE,
    version: 2,
    sql: `
      CREATE VIRTUAL TABLE name_fts USING fts5(names, content = '', contentless_delete = 1, detail = none, ${NAME_TOKENIZE});
      INSERT INTO name_fts (rowid, names)
        SELECT a.rowid, group_concat(replace(n.name, ' ', '_'), ' ') FROM names n JOIN articles a ON a.id = n.article_id GROUP BY a.rowid;
      DROP TABLE names;
    `,
  },
  {
    // Ingest at 1M quotes was bound by B-trees keyed by person, which take every insert at a random
    // page: `article_people_person`, `quotes_person`, `quotes_source` and `facts_mention`, plus the
    // mention rows themselves (half of all fact rows). Now:
    // - which articles list a person is `person_fts` (one document per article, rowid = the
    //   article's rowid, one token per person id): appended per transaction, newest first for free;
    // - a person's or source's quotes are found through the `who` tokens `quote_fts` already holds;
    // - sentences mentioning a person are found when asked, in the bodies of their latest articles.
    module: KNOWLEDGE_MODULE,
    version: 3,
    sql: `
      CREATE VIRTUAL TABLE person_fts USING fts5(people, content = '', contentless_delete = 1, detail = none, ${ID_TOKENIZE});
      INSERT INTO person_fts (rowid, people)
        SELECT a.rowid, group_concat(replace(ap.person_id, ' ', '_'), ' ') FROM article_people ap JOIN articles a ON a.id = ap.article_id GROUP BY a.rowid;
      DROP INDEX article_people_person;
      DROP INDEX quotes_person;
      DROP INDEX quotes_source;
      DELETE FROM facts WHERE mention = 1;
      DROP INDEX facts_mention;
    `,
  },
  {
    // Articles are identified by their path relative to the content folder (ids were base names,
    // so `a.md` and `a.txt` shared a row); the content sync re-keys old rows as it meets their
    // files. A removed article leaves its hash and first-seen time behind for 30 days, so the same
    // content coming back (a folder emptied and refilled, a file restored) is not new to digests.
    module: KNOWLEDGE_MODULE,
    version: 4,
    sql: `
      CREATE TABLE article_tombstones (
        hash TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        removed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX article_tombstones_removed ON article_tombstones(removed_at);
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** The FTS5 phrase matching one person id in `person_fts`. */
export function personQuery(id: string): string {
  return '"' + idToken(id).replace(/"/g, '""') + '"';
}

/** The FTS5 phrase matching one name exactly (names are lowercase words joined by spaces). */
export function nameQuery(name: string): string {
  return '"' + nameToken(name).replace(/"/g, '""') + '"';
}
