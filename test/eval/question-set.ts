// The briefing question set (test/fixtures/briefing/questions.yaml) and how an answer is judged:
// precision@3 and false denials, per class. Shared by `npm run eval:ask` and the regression test.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { AskAnswer } from '../../src/core/ask/types.ts';
import type { SearchPort } from '../../src/core/ask/port.ts';
import type { KnowledgeStore } from '../../src/store/sqlite/knowledge/store.ts';
import { openKnowledge, openKnowledgeStore, type BriefingStore } from '../../src/app/knowledge.ts';
import { knowledgeOver, VECTOR_VOCABULARY } from '../../src/app/asking.ts';
import { LazyVectors } from '../../src/core/ask/vectors.ts';

export const FIXTURE = fileURLToPath(new URL('../fixtures/briefing/', import.meta.url));

export interface Question {
  q: string;
  class: string;
  speaker?: string;
  expect?: string[];
  anyFromSpeaker?: boolean;
  note?: string;
  honest?: string[];
  fewQuotes?: boolean;
}

export interface Judged {
  question: Question;
  p: number;
  falseDenial: boolean;
  why: string;
}

const QUOTE_KINDS = new Set(['direct', 'partial', 'indirect']);
/** What a flat denial says. */
const DENIAL = /does not appear|\bNo quotes\b|\bNone of\b|Nothing in the briefing|Nobody in the briefing/i;

export function loadQuestions(): Question[] {
  return parse(readFileSync(join(FIXTURE, 'questions.yaml'), 'utf8')) as Question[];
}

/** Every word of the expected speaker (initials and punctuation aside) is in the result's speaker name. */
export function sameSpeaker(expected: string, actual: string | undefined): boolean {
  if (!actual) return false;
  const ws = (s: string) => s.toLowerCase().match(/\p{L}+/gu)?.filter((w) => w.length > 1) ?? [];
  const have = new Set(ws(actual));
  return ws(expected).every((w) => have.has(w));
}

export function judge(x: Question, a: AskAnswer): Judged {
  const message = a.message ?? '';
  const top = a.results.slice(0, 3);
  const why = `top 3: ${top.map((r) => `[${r.speaker?.name ?? r.kind}] ${r.text.slice(0, 70)}`).join(' | ') || '(none)'}${message ? ` — ${message}` : ''}`;
  const quotes = a.results.filter((r) => QUOTE_KINDS.has(r.kind));
  if (x.honest) {
    // No quote of somebody else may stand in for the person asked about.
    const others = x.speaker ? quotes.filter((r) => !sameSpeaker(x.speaker!, r.speaker?.name)) : quotes;
    const ok = x.honest.some((h) => norm(message).includes(norm(h))) && others.length === 0;
    return { question: x, p: ok ? 1 : 0, falseDenial: false, why };
  }
  if (x.fewQuotes) {
    const own = top.filter((r) => QUOTE_KINDS.has(r.kind) && sameSpeaker(x.speaker!, r.speaker?.name));
    const framed = /\bNone of\b/i.test(message);
    const ok = framed && own.length > 0 && own.length === top.length;
    const denial = !ok && DENIAL.test(message) && own.length === 0;
    return { question: x, p: ok ? 1 : 0, falseDenial: denial, why };
  }
  const expected = x.expect ?? [];
  const relevant = top.filter(
    (r) =>
      (x.anyFromSpeaker ? QUOTE_KINDS.has(r.kind) : expected.some((e) => hay(r).includes(norm(String(e))))) &&
      (!x.speaker || sameSpeaker(x.speaker, r.speaker?.name)),
  );
  // For who and when, the strings are alternatives: the answer leads with one (1) or has one in its top 3 (0.5).
  const alternatives = x.class === 'who' || x.class === 'when';
  let p = alternatives
    ? relevant.length === 0 ? 0 : relevant[0] === top[0] ? 1 : 0.5
    : Math.min(1, relevant.length / (x.anyFromSpeaker ? 3 : Math.min(3, expected.length)));
  if (x.note && !norm(message).includes(norm(x.note))) p = Math.min(p, 0.5);
  const falseDenial = relevant.length === 0 && DENIAL.test(message);
  return { question: x, p, falseDenial, why };
}

/** What a result is matched on: its text, and for facts the dates they carry and the context. */
function hay(r: AskAnswer['results'][number]): string {
  const dates = (r.values ?? []).flatMap((v) => (v.type === 'date' ? [v.date, v.text] : []));
  const extra = r.kind === 'role' || r.kind === 'date' || r.kind === 'event' ? ` ${r.context}` : '';
  return norm(`${r.text} ${dates.join(' ')}${extra}`);
}

/** Lowercased, typographic apostrophes and every kind of space made plain. */
function norm(s: string): string {
  return s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/gu, ' ');
}

export interface Scores {
  n: number;
  precision: number;
  falseDenials: number;
  /** Questions whose answer is in the briefing (denials are counted over these). */
  answerable: number;
  byClass: Record<string, { n: number; precision: number; falseDenials: number }>;
  judged: Judged[];
}

export function score(judged: Judged[]): Scores {
  const byClass: Scores['byClass'] = {};
  for (const j of judged) {
    const c = (byClass[j.question.class] ??= { n: 0, precision: 0, falseDenials: 0 });
    c.n++;
    c.precision += j.p;
    if (j.falseDenial) c.falseDenials++;
  }
  for (const c of Object.values(byClass)) c.precision = round(c.precision / c.n);
  return {
    n: judged.length,
    precision: round(judged.reduce((s, j) => s + j.p, 0) / judged.length),
    falseDenials: judged.filter((j) => j.falseDenial).length,
    answerable: judged.filter((j) => !j.question.honest).length,
    byClass,
    judged,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The fixture briefing synced into a fresh store in a temporary folder. */
export function openBriefing(): { store: KnowledgeStore; close(): void; errors: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-eval-'));
  const content = join(dir, 'content');
  cpSync(join(FIXTURE, 'content'), content, { recursive: true });
  const store = openKnowledgeStore({ databasePath: join(dir, 'k.db') });
  const report = store.syncContent(content);
  const errors = report.errors.filter((e) => e.severity === 'error').map((e) => `${e.path}: ${e.message}`);
  return {
    store,
    errors,
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The fixture briefing synced into a fresh store on either backend: the SQLite file in a temporary
 * folder, or with `databaseUrl` (an empty database) the PostgreSQL store, as the app opens them.
 */
export async function openBriefingOn(opts: { databaseUrl?: string } = {}): Promise<{ store: BriefingStore; close(): Promise<void>; errors: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-eval-'));
  const content = join(dir, 'content');
  cpSync(join(FIXTURE, 'content'), content, { recursive: true });
  const store = await openKnowledge({ databasePath: join(dir, 'k.db'), databaseUrl: opts.databaseUrl, oneShot: true });
  const report = await store.syncContent(content);
  const errors = report.errors.filter((e) => e.severity === 'error').map((e) => `${e.path}: ${e.message}`);
  return {
    store,
    errors,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Word vectors over the store's vocabulary, cached in the system's temporary folder. */
export async function vectorsFor(store: SearchPort): Promise<LazyVectors> {
  const v = new LazyVectors({ cachePath: join(tmpdir(), 'briefing-eval-vectors.bin'), vocabulary: () => store.vocabulary(VECTOR_VOCABULARY) });
  await v.ready();
  if (v.error) throw v.error;
  return v;
}

export async function runQuestions(store: SearchPort, questions = loadQuestions(), vectors: LazyVectors | null = null): Promise<Scores> {
  const knowledge = knowledgeOver(store, vectors ? { vectors } : {});
  const judged = [];
  for (const x of questions) judged.push(judge(x, await knowledge.ask(x.q)));
  return score(judged);
}
