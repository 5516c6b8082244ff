// Readable terminal reports of extractions, shared by the extract, quotes and people commands.
import type { Extraction, Person, Quote } from '../../core/model.ts';

export function formatQuote(q: Quote): string {
  const who = q.speaker ? `${q.speaker.name}${q.speaker.personId ? '' : ' (unnamed source)'}` : 'unattributed';
  const via = q.speaker && q.speaker.mention !== q.speaker.name ? ` via "${q.speaker.mention}"` : '';
  const body = q.kind === 'indirect' ? q.text : `“${q.text}”`;
  return `  [${q.kind}] ${who}${via}: ${body}  (¶${q.paragraph + 1})\n`;
}

export function formatPerson(p: Person): string {
  const roles = p.roles.length ? ` — ${p.roles.join('; ')}` : '';
  const aliases = p.aliases.length ? ` (also: ${p.aliases.join(', ')})` : '';
  return `  ${p.name}${roles}${aliases}: ${p.mentions} mentions, ${p.quotes} quotes\n`;
}

export function formatExtraction(x: Extraction): string {
  const a = x.article;
  let out = `# ${a.title}\n${a.path}${a.published ? ` · ${a.published}${a.publishedInferred ? ' (inferred)' : ''}` : ''}${a.source ? ` · ${a.source}` : ''}\n`;
  out += `\nQuotes (${x.quotes.length}):\n${x.quotes.map(formatQuote).join('')}`;
  out += `\nPeople (${x.people.length}):\n${x.people.map(formatPerson).join('')}`;
  out += `\nFacts (${x.facts.length}):\n${x.facts.map((f) => `  [${f.kind}] ${f.text}\n`).join('')}\n`;
  return out;
}
