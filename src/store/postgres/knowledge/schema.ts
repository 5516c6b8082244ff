// The knowledge store's tables in PostgreSQL: the same rows as the SQLite store
// (store/sqlite/knowledge/schema.ts), searched through PostgreSQL's own text search:
// - quotes and facts carry a tsvector (built by tsearch.ts) under a GIN index;
// - the vocabulary's words are under a pg_trgm index, for spelling corrections;
// - an article's people and capitalised names are text arrays under GIN indexes (SQLite keeps them
//   as one-document-per-article FTS5 tables);
// - bm25's inputs that FTS5 keeps inside its index are plain rows here: per table, the rows and
//   tokens (`search_totals`), and per lexeme the rows it occurs in (`search_terms`).
// `seq` gives articles and people the order SQLite's rowid gives them (newest article last).
// Text compared for order (`vocab.word`) is in the "C" collation: byte order, as SQLite's.
import type { PgMigration } from '../db.ts';

export const PG_KNOWLEDGE_MODULE = 'knowledge';

export const pgKnowledgeMigrations: PgMigration[] = [
  {
    module: PG_KNOWLEDGE_MODULE,
    version: 1,
    sql: `
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE articles (
        seq BIGSERIAL UNIQUE,
        id TEXT COLLATE "C" PRIMARY KEY,
        path TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT COLLATE "C",
        published_inferred SMALLINT NOT NULL DEFAULT 0,
        source TEXT,
        url TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        hash TEXT NOT NULL,
        added_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        body TEXT,
        extraction TEXT NOT NULL,
        people TEXT[] NOT NULL DEFAULT '{}',
        names TEXT[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX articles_recent ON articles (published DESC NULLS LAST, added_at DESC, seq DESC);
      CREATE INDEX articles_added ON articles (added_at);
      CREATE INDEX articles_people ON articles USING gin (people);
      CREATE INDEX articles_names ON articles USING gin (names);

      CREATE TABLE people (
        seq BIGSERIAL,
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '[]',
        aliases TEXT NOT NULL DEFAULT '[]',
        mentions INTEGER NOT NULL DEFAULT 0,
        quotes INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE article_people (
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE ON UPDATE CASCADE,
        person_id TEXT NOT NULL,
        name TEXT NOT NULL,
        roles TEXT NOT NULL,
        aliases TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        quotes INTEGER NOT NULL,
        PRIMARY KEY (article_id, person_id)
      );
      CREATE INDEX article_people_person ON article_people (person_id);

      CREATE TABLE sources (
        name TEXT COLLATE "C" PRIMARY KEY,
        quotes INTEGER NOT NULL
      );

      CREATE TABLE quotes (
        id BIGSERIAL PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE ON UPDATE CASCADE,
        qid TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        context TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        speaker_name TEXT,
        person_id TEXT,
        role TEXT,
        len INTEGER NOT NULL,
        tsv TSVECTOR NOT NULL
      );
      CREATE INDEX quotes_article ON quotes (article_id);
      CREATE INDEX quotes_person ON quotes (person_id, id) WHERE person_id IS NOT NULL;
      CREATE INDEX quotes_source ON quotes (speaker_name, id) WHERE person_id IS NULL;
      CREATE INDEX quotes_tsv ON quotes USING gin (tsv);

      -- Facts; mention = 1 is kept for the row shape SQLite has (sentences that merely mention a
      -- person are found when asked, not stored).
      CREATE TABLE facts (
        id BIGSERIAL PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE ON UPDATE CASCADE,
        fid TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        context TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        vals TEXT NOT NULL DEFAULT '[]',
        people TEXT NOT NULL DEFAULT '[]',
        mention SMALLINT NOT NULL DEFAULT 0,
        len INTEGER NOT NULL,
        tsv TSVECTOR NOT NULL
      );
      CREATE INDEX facts_article ON facts (article_id);
      CREATE INDEX facts_tsv ON facts USING gin (tsv);

      -- Distinct indexed words and in how many quote and fact rows they occur: spelling correction
      -- and "is this word known" without touching the text index.
      CREATE TABLE vocab (
        word TEXT COLLATE "C" PRIMARY KEY,
        df INTEGER NOT NULL,
        first TEXT COLLATE "C" NOT NULL,
        len INTEGER NOT NULL
      );
      CREATE INDEX vocab_shape ON vocab (first, len, word);
      CREATE INDEX vocab_trigrams ON vocab USING gin (word gin_trgm_ops);

      -- bm25's statistics, per table ('q' quotes, 'f' facts).
      CREATE TABLE search_totals (
        tbl CHAR(1) PRIMARY KEY,
        rows BIGINT NOT NULL,
        tokens BIGINT NOT NULL
      );
      INSERT INTO search_totals (tbl, rows, tokens) VALUES ('q', 0, 0), ('f', 0, 0);
      CREATE TABLE search_terms (
        tbl CHAR(1) NOT NULL,
        term TEXT COLLATE "C" NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (tbl, term)
      );

      -- A removed article's hash and first-seen time, kept 30 days: the same content coming back is
      -- not new to digests.
      CREATE TABLE article_tombstones (
        hash TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        added_at BIGINT NOT NULL,
        removed_at BIGINT NOT NULL
      );
      CREATE INDEX article_tombstones_removed ON article_tombstones (removed_at);
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- Bumped by every write: each replica's store drops its caches when it moved.
      CREATE TABLE knowledge_meta (
        one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
        generation BIGINT NOT NULL
      );
      INSERT INTO knowledge_meta (generation) VALUES (0);
    `,
  },
];
