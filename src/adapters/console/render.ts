// A Reply as plain text for a terminal (and for `briefing brief`). The limits are data: a long
// answer keeps whole items within them and ends with how many more results there are.
import { clip } from '../../core/reply/fit.ts';
import { markInferred } from '../../core/util/dates.ts';
import { fitReply, moreNote } from '../../core/reply/layout.ts';
import type { FactItem, PersonItem, QuoteItem, Reply, ReplyItem, SourceRef } from '../../core/reply/types.ts';

export const LIMITS = {
  /** Characters in one answer, all lines included; about a screenful. */
  messageChars: 3000,
  /** Items in one answer. */
  items: 10,
  /** Characters of one quote's or fact's text before it is clipped at a sentence or word. */
  itemChars: 600,
  /** Characters of an article title in a source line. */
  titleChars: 70,
} as const;

export type TextLimits = { [K in keyof typeof LIMITS]: number };

const INDENT = '  ';

export function renderText(reply: Reply, limits: TextLimits = LIMITS): string {
  if (reply.tone === 'error') {
    return reply.usage ? `error: ${reply.title}\nusage: ${reply.usage}` : `error: ${reply.title}`;
  }
  const head = reply.title;
  const notes = reply.notes.join('\n');
  // Room for the title, the notes and the "… and N more" line, with the blank lines between.
  const reserve = head.length + notes.length + moreNote(99_999).length + 6;
  const fitted = fitReply(
    reply,
    { budget: Math.max(0, limits.messageChars - reserve), maxItems: limits.items },
    { item: (item) => renderItem(item, limits).length + 1, heading: (h) => h.length + 2 },
  );
  const blocks: string[] = [head];
  for (const section of fitted.sections) {
    const lines = section.heading ? [section.heading] : [];
    for (const item of section.items) lines.push(renderItem(item, limits));
    blocks.push(lines.join('\n'));
  }
  const tail: string[] = [];
  if (fitted.more > 0) tail.push(moreNote(fitted.more));
  tail.push(...reply.notes);
  if (tail.length) blocks.push(tail.join('\n'));
  return blocks.join('\n\n');
}

export function renderItem(item: ReplyItem, limits: TextLimits = LIMITS): string {
  switch (item.type) {
    case 'quote':
      return renderQuote(item, limits);
    case 'fact':
      return renderFact(item, limits);
    case 'person':
      return renderPerson(item);
    case 'text':
      return item.text;
    case 'link':
      return item.url ? `${item.label} <${item.url}>` : item.label;
  }
}

function renderQuote(q: QuoteItem, limits: TextLimits): string {
  // A fragment or reported speech reads best inside its sentence, which carries the quote marks.
  const inContext = q.kind !== 'direct' && q.context && q.context.includes(q.text);
  const text = clip(inContext ? q.context! : q.text, limits.itemChars);
  const body = inContext ? text : q.kind === 'indirect' ? `${text} (reported)` : `“${text}”`;
  const who = q.speaker ? [q.speaker.name, q.speaker.role].filter(Boolean).join(', ') : 'unattributed';
  return `• ${body}\n${INDENT}— ${who} · ${sourceLine(q.source, limits)}`;
}

function renderFact(f: FactItem, limits: TextLimits): string {
  const values = f.values.length ? `${f.values.join(', ')} · ` : '';
  return `• ${clip(f.text, limits.itemChars)}\n${INDENT}${values}${sourceLine(f.source, limits)}`;
}

function renderPerson(p: PersonItem): string {
  const lines = [p.roles.length ? `${p.name}: ${p.roles.join('; ')}` : p.name];
  if (p.aliases.length) lines.push(`${INDENT}Also called: ${p.aliases.join(', ')}`);
  const counts = `quoted ${times(p.quoteCount)}, mentioned ${times(p.mentionCount)}`;
  const n = Math.max(p.articleCount, p.articles.length);
  const where = n ? ` in ${n === 1 ? '1 article' : `${n} articles`}` : '';
  lines.push(`${INDENT}${counts[0]!.toUpperCase()}${counts.slice(1)}${where}`);
  const shown = p.articles.slice(0, 3);
  for (const title of shown) lines.push(`${INDENT}${INDENT}${title}`);
  if (n > shown.length && shown.length) lines.push(`${INDENT}${INDENT}… and ${n - shown.length} more articles`);
  return lines.join('\n');
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function sourceLine(s: SourceRef, limits: TextLimits): string {
  const parts = [clip(s.title, limits.titleChars)];
  if (s.outlet) parts.push(s.outlet);
  if (s.published) parts.push(markInferred(s.published, s.publishedInferred));
  parts.push(`¶${s.paragraph + 1}`);
  return parts.join(', ');
}
