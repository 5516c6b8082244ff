// `briefing ask "<question>" [--json]`: syncs the content folder into the knowledge store (only
// changed files are extracted) and answers the question from it.
import { EXIT_CONFIG, loadConfigOrReport } from '../../app/boot.ts';
import type { AskAnswer } from '../../core/ask/types.ts';
import { StoreError } from '../../store/sqlite/db.ts';
import { openKnowledgeStore } from '../../app/knowledge.ts';
import type { CliCommand, CliIo } from '../main.ts';

const USAGE = 'briefing ask "<question>" [--json] [--limit N] [--db PATH] [--content DIR] [--no-sync]';

interface AskArgs {
  question: string;
  json: boolean;
  limit: number | undefined;
  db: string | undefined;
  content: string | undefined;
  sync: boolean;
}

function parseArgs(args: string[]): AskArgs | string {
  const out: AskArgs = {
    question: '',
    json: false,
    limit: undefined,
    db: undefined,
    content: undefined,
    sync: true,
  };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--json') out.json = true;
      else if (a === '--no-sync') out.sync = false;
      else if (a === '--db') out.db = value();
      else if (a === '--content') out.content = value();
      else if (a === '--limit') {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 50) return '--limit must be a whole number from 1 to 50';
        out.limit = n;
      } else if (a === '--') words.push(...args.slice(i + 1)), (i = args.length);
      else if (a.startsWith('--')) return `unknown option ${a}`;
      else words.push(a);
    } catch (err) {
      return (err as Error).message;
    }
  }
  out.question = words.join(' ');
  return out;
}

export const command: CliCommand = {
  summary: 'ask the briefing a question (what did X say about Y, who is X, figures, dates, summary)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.err(`briefing ask: ${parsed}\nusage: ${USAGE}\n`);
      return 2;
    }
    // Paths not given as options come from the configuration (config/default.yaml, .env, environment).
    if (parsed.db === undefined || parsed.content === undefined) {
      const loaded = loadConfigOrReport(io);
      if (!loaded) return EXIT_CONFIG;
      parsed.db ??= loaded.config.databasePath;
      parsed.content ??= loaded.config.contentDir;
    }
    const { db, content } = parsed as AskArgs & { db: string; content: string };
    let store;
    try {
      store = openKnowledgeStore({ databasePath: db });
    } catch (err) {
      io.err(`briefing ask: ${(err as Error).message}\n`);
      return err instanceof StoreError ? 3 : 1;
    }
    try {
      if (parsed.sync && !store.readonly) {
        const report = store.syncContent(content);
        for (const e of report.errors) io.err(`${e.path}${e.line ? `:${e.line}` : ''}: ${e.severity}: ${e.message}\n`);
      } else if (store.readonly) {
        io.err(`briefing ask: ${db} is read-only; answering from it without syncing ${content}\n`);
      }
      const answer = store.ask(parsed.question, { limit: parsed.limit });
      io.out(parsed.json ? JSON.stringify(toJson(answer), null, 2) + '\n' : formatAnswer(answer));
      return 0;
    } finally {
      store.close();
    }
  },
};

/** The documented JSON shape (docs/ask.md), extra fields after the required ones. */
function toJson(a: AskAnswer) {
  return {
    question: a.question,
    speaker: a.speaker,
    topic: a.topic,
    intent: a.intent,
    results: a.results.map((r) => ({
      kind: r.kind,
      text: r.text,
      speaker: r.speaker ? { name: r.speaker.name, role: r.speaker.role } : null,
      article: { id: r.article.id, title: r.article.title, published: r.article.published, url: r.article.url, source: r.article.source },
      paragraph: r.paragraph,
      context: r.context,
      score: r.score,
      ...(r.values?.length ? { values: r.values } : {}),
    })),
    message: a.message,
    more: a.more,
  };
}

export function formatAnswer(a: AskAnswer): string {
  const lines: string[] = [];
  if (a.message) lines.push(a.message);
  for (const r of a.results) {
    const who = r.speaker ? `${r.speaker.name}${r.speaker.role ? ` (${r.speaker.role})` : ''}` : null;
    const body = r.kind === 'direct' || r.kind === 'partial' ? `“${r.text}”` : r.text;
    lines.push(`${who ? `${who}: ` : `[${r.kind}] `}${body}`);
    lines.push(`    ${r.article.title}${r.article.published ? `, ${r.article.published}` : ''}, paragraph ${r.paragraph + 1} · ${r.kind} · score ${r.score}`);
  }
  if (a.more) lines.push(`(${a.more} more)`);
  if (lines.length === 0) lines.push('No answer.');
  return lines.join('\n') + '\n';
}

export type { CliIo };
