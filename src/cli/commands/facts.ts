// `briefing facts [--json] [--kind figure|date|event|role] [--upcoming]`: the facts of every
// article in the content folder (BRIEFING_CONTENT_DIR, default `content`).
import type { ArticleMeta, Fact, FactKind } from '../../core/model.ts';
import { inspectValue } from '../../core/text/fact-values.ts';
import type { CliCommand } from '../main.ts';
import { contentDir, extractContent } from './_content.ts';

const KINDS: readonly FactKind[] = ['figure', 'date', 'event', 'role'];

export const command: CliCommand = {
  async run({ values }, io, spec) {
    const json = values.json === true;
    const upcoming = values.upcoming === true;
    const v = values.kind;
    if (typeof v === 'string' && !KINDS.includes(v as FactKind)) {
      io.err(`briefing facts: --kind must be one of ${KINDS.join(', ')}${v ? ` (got '${v}')` : ''}\nusage: ${spec.usage}\n`);
      return 2;
    }
    const kind = typeof v === 'string' ? (v as FactKind) : null;
    const { extractions, failed } = extractContent(io);
    let shown = 0;
    for (const x of extractions) {
      const facts = x.facts.filter((f) => (!kind || f.kind === kind) && (!upcoming || f.upcoming));
      shown += facts.length;
      if (json) {
        for (const f of facts) io.out(`${JSON.stringify({ article: articleRef(x.article), ...f })}\n`);
      } else if (facts.length > 0) {
        io.out(formatArticleFacts(x.article, facts));
      }
    }
    if (!json && shown === 0) io.out(`No ${upcoming ? 'upcoming ' : ''}${kind ?? ''}${kind ? ' ' : ''}facts in ${contentDir()}.\n`);
    return failed ? 1 : 0;
  },
};

function articleRef(a: ArticleMeta): { id: string; path: string; title: string; published: string | null } {
  return { id: a.id, path: a.path, title: a.title, published: a.published };
}

export function formatArticleFacts(a: ArticleMeta, facts: Fact[]): string {
  let out = `# ${a.title}${a.published ? ` (${a.published})` : ''}\n`;
  for (const f of facts) {
    const head = [f.kind, ...(f.event ? [f.event.type, f.event.place, f.event.date] : [])].filter(Boolean).join(' · ');
    const where = [f.paragraph, ...(f.alsoIn ?? [])].map((p) => `¶${p + 1}`).join(', ');
    out += `\n  [${head}]${f.upcoming ? ' (upcoming)' : ''}  ${where}\n    ${f.text}\n`;
    for (const v of f.values) out += `    - ${inspectValue(v)}\n`;
    if (f.unresolved?.length) out += `    - unresolved: ${f.unresolved.join(', ')} (no published date)\n`;
    const who = [...f.people.map((p) => `people: ${p}`), ...f.places.map((p) => `place: ${p}`)];
    if (who.length) out += `    ${who.join(' · ')}\n`;
  }
  return `${out}\n`;
}

