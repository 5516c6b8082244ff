// The same answers on both backends: the briefing fixture (test/fixtures/briefing, the real loader
// and extractor) synced into SQLite and into PostgreSQL, then every question of both question sets
// asked of each, answer against answer: intent, speaker, message, and every result (kind, text,
// speaker, article) in order. Differences are listed in full when there are any.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadForStore } from '../../src/app/knowledge.ts';
import type { AskAnswer } from '../../src/core/ask/types.ts';
import { extractArticle } from '../../src/core/extract/index.ts';
import { FIXTURE, loadQuestions } from '../eval/question-set.ts';
import { asking } from '../helpers/asking.ts';
import { describePg } from '../pg/db.ts';
import { KNOWLEDGE_BACKENDS, type TestKnowledge } from './knowledge-backends.ts';

const questions = [
  ...loadQuestions().map((q) => q.q),
  ...(parse(readFileSync(new URL('../core/ask/questions.yaml', import.meta.url), 'utf8')) as { q: string }[]).map((q) => q.q),
  // Who and facts, which the sets ask less of.
  'who is the PM',
  'what happened in Saudi Arabia',
  'when are the talks',
];

let dir: string;
const stores: TestKnowledge[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ask-backends-'));
  const content = join(dir, 'content');
  cpSync(join(FIXTURE, 'content'), content, { recursive: true });
  for (const b of KNOWLEDGE_BACKENDS) {
    if (b.skip) continue;
    const s = await b.open({ extract: extractArticle, load: loadForStore });
    const report = await s.syncContent(content);
    expect(report.errors.filter((e) => e.severity === 'error')).toEqual([]);
    stores.push(s);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function view(a: AskAnswer): unknown {
  return {
    intent: a.intent,
    speaker: a.speaker ?? null,
    message: a.message ?? null,
    results: a.results.map((r) => `${r.kind} [${r.speaker?.name ?? ''}] ${r.article?.id ?? ''}${r.article?.publishedInferred ? ' (date inferred)' : ''}: ${r.text}`),
  };
}

describePg('the same answers on SQLite and PostgreSQL', () => {
  it(`over the briefing fixture, for all ${questions.length} questions`, async () => {
    const [sqlite, postgres] = stores as [TestKnowledge, TestKnowledge];
    expect(await postgres.stats()).toEqual(await sqlite.stats());
    expect(await postgres.people()).toEqual(await sqlite.people());
    expect(await postgres.vocabulary(2000)).toEqual(await sqlite.vocabulary(2000));
    const differ: string[] = [];
    for (const q of questions) {
      const a = view(await asking(sqlite).ask(q));
      const b = view(await asking(postgres).ask(q));
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${q}\n  SQLite:     ${JSON.stringify(a)}\n  PostgreSQL: ${JSON.stringify(b)}`);
    }
    if (differ.length) console.log(`${differ.length} of ${questions.length} answers differ:\n${differ.join('\n')}`);
    expect(differ).toEqual([]);
  }, 240_000);
});
