// `briefing ask "<question>" [--json]`: syncs the content folder into the knowledge store (only
// changed files are extracted) and answers the question from it.
import { EXIT_CONFIG, loadConfigOrReport } from '../../app/boot.ts';
import type { AskAnswer } from '../../core/ask/types.ts';
import { StoreError } from '../../store/sqlite/db.ts';
import { knowledgeOver } from '../../app/asking.ts';
import { openKnowledge, type BriefingStore } from '../../app/knowledge.ts';
import type { CliArgs, CliCommand, CliIo } from '../main.ts';

interface AskArgs {
  question: string;
  json: boolean;
  limit: number | undefined;
  db: string | undefined;
  content: string | undefined;
  sync: boolean;
}

function readArgs({ values, positionals }: CliArgs): AskArgs | string {
  let limit: number | undefined;
  if (typeof values.limit === 'string') {
    limit = Number(values.limit);
    if (!/^\d+$/.test(values.limit.trim()) || limit < 1 || limit > 50) return `--limit must be a whole number from 1 to 50 (got '${values.limit}')`;
  }
  const path = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { question: positionals.join(' '), json: values.json === true, limit, db: path(values.db), content: path(values.content), sync: values['no-sync'] !== true };
}

export const command: CliCommand = {
  async run(args, io, spec) {
    const parsed = readArgs(args);
    if (typeof parsed === 'string') {
      io.err(`briefing ask: ${parsed}\nusage: ${spec.usage}\n`);
      return 2;
    }
    // Paths not given as options come from the configuration (config/default.yaml, .env, environment).
    // With BRIEFING_DATABASE_URL the knowledge is the shared PostgreSQL's, unless --db names a file.
    let databaseUrl: string | undefined;
    if (parsed.db === undefined || parsed.content === undefined) {
      const loaded = loadConfigOrReport(io);
      if (!loaded) return EXIT_CONFIG;
      if (parsed.db === undefined) databaseUrl = loaded.config.databaseUrl;
      parsed.db ??= loaded.config.databasePath;
      parsed.content ??= loaded.config.contentDir;
    }
    const { db, content } = parsed as AskArgs & { db: string; content: string };
    let store: BriefingStore;
    try {
      store = await openKnowledge({ databasePath: db, databaseUrl, name: 'ask', oneShot: true });
    } catch (err) {
      io.err(`briefing ask: ${(err as Error).message}\n`);
      return err instanceof StoreError || (err as Error).name === 'PgStoreError' ? 3 : 1;
    }
    try {
      if (parsed.sync) {
        // A read-only or busy database still answers; the report says new content was not stored.
        const report = await store.syncContent(content);
        for (const e of report.errors) io.err(`${e.path}${e.line ? `:${e.line}` : ''}: ${e.severity}: ${e.message}\n`);
        if (report.notStored) io.err(`briefing ask: ${report.notStored}\n`);
      }
      const answer = await knowledgeOver(store).ask(parsed.question, { limit: parsed.limit });
      io.out(parsed.json ? JSON.stringify(toJson(answer), null, 2) + '\n' : formatAnswer(answer));
      return 0;
    } finally {
      await store.close();
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
