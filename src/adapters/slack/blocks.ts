// Block Kit from the neutral Reply: a header, a section per result (quotes as block quotes,
// speaker and role in bold) with a context line for its source, then notes. Slack's limits are
// data below; a long answer is cut between items, never inside one, and says how much is left.
import type { types } from '@slack/bolt';
import { clip } from '../../core/reply/fit.ts';
import { formatDay, markInferred } from '../../core/util/dates.ts';
import type { FactItem, PersonItem, QuoteItem, Reply, ReplyItem, SourceRef } from '../../core/reply/types.ts';
import { blockQuote, escapeMrkdwn, fitEscaped, link } from './mrkdwn.ts';

type KnownBlock = types.KnownBlock;
type ContextElement = types.MrkdwnElement;

/** Slack's published Block Kit limits (and our own cap on the notification text). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  /** The plain-text fallback shown in notifications and by clients without Block Kit. */
  fallbackText: 3000,
} as const;

/** The action id of the "Share in channel" button. */
export const SHARE_ACTION_ID = 'brief_share';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Adds a "Share in channel" button carrying this value (the command text to re-run). */
  shareValue?: string;
  /** A line above the results, already mrkdwn (e.g. who shared it); callers escape user text. */
  byline?: string;
  /** What the reader can do about cut results: narrow a question, or ask for more after a digest. */
  purpose?: 'answer' | 'digest';
}

export function renderReply(reply: Reply, opts: RenderOptions = {}): SlackMessage {
  const head: KnownBlock[] = [header(reply)];
  // A header holds 150 characters; a longer title (often an error message) is given whole below it.
  if (headerTitle(reply).length > LIMITS.headerText) head.push(section_(fitEscaped(reply.title, LIMITS.sectionText)));
  if (opts.byline) head.push(context([opts.byline]));
  if (reply.tone === 'error' && reply.usage) head.push(usageBlock(reply.usage));

  const tail: KnownBlock[] = [];
  // Notes are remarks, not results: two context blocks (20 notes) at most, so results keep their room.
  if (reply.notes.length) tail.push(...notesBlocks(reply.notes.slice(0, LIMITS.contextElements * 2)));
  // Only answers are worth sharing; help, notices and errors stay with the asker.
  const share = opts.shareValue !== undefined && reply.tone === 'answer' ? shareBlock(opts.shareValue) : null;

  // Room for results: everything else, plus one block for the "more" line should we cut.
  const room = LIMITS.blocks - head.length - tail.length - (share ? 1 : 0) - 1;
  const body: KnownBlock[] = [];
  const fallback: string[] = [];
  let cut = 0;
  let full = false;
  for (const section of reply.sections) {
    let headingPending = section.heading ? section.heading : null;
    for (const item of section.items) {
      const blocks = full ? [] : itemBlocks(item);
      const needed = blocks.length + (headingPending ? 1 : 0);
      if (full || body.length + needed > room) {
        full = true;
        cut++;
        continue;
      }
      if (headingPending) {
        body.push(section_(`*${fitEscaped(headingPending, LIMITS.sectionText - 2)}*`));
        fallback.push(headingPending);
        headingPending = null;
      }
      body.push(...blocks);
      fallback.push(itemFallback(item));
    }
  }
  const more = reply.more + cut;
  const blocks = [...head, ...body, ...tail];
  if (cut > 0) blocks.push(context([moreLine(more, opts.purpose ?? 'answer')]));
  if (share) blocks.push(share);

  return { text: fallbackText(reply, fallback, cut > 0 ? more : 0), blocks };
}

function moreLine(more: number, purpose: 'answer' | 'digest'): string {
  const what = `${more} more ${more === 1 ? 'result' : 'results'} not shown`;
  return purpose === 'digest' ? `_${what}: ask with \`/brief\` for the rest._` : `_${what}: narrow the question to see them._`;
}

function headerTitle(reply: Reply): string {
  return (reply.tone === 'error' ? '⚠️ ' : '') + reply.title;
}

function header(reply: Reply): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(headerTitle(reply), LIMITS.headerText) || ' ', emoji: true } };
}

function usageBlock(usage: string): KnownBlock {
  return section_(`Usage: \`${fitEscaped(usage.replace(/`/g, "'"), LIMITS.sectionText - 9)}\``);
}

function itemBlocks(item: ReplyItem): KnownBlock[] {
  switch (item.type) {
    case 'quote':
      return [section_(quoteText(item)), context(sourceLine(item.source))];
    case 'fact':
      return [section_(factText(item)), context(sourceLine(item.source))];
    case 'person':
      return [section_(personText(item))];
    case 'text':
      return [section_(fitEscaped(item.text, LIMITS.sectionText))];
    case 'link':
      return [section_(link(item.url, clip(item.label, 1000)))];
  }
}

const KIND_NOTE: Record<QuoteItem['kind'], string> = { direct: '', partial: ' (partial quote)', indirect: ' (reported speech)' };

function quoteText(q: QuoteItem): string {
  const who = q.speaker
    ? `*${escapeMrkdwn(clip(q.speaker.name, 200))}*${q.speaker.role ? `, *${escapeMrkdwn(clip(q.speaker.role, 200))}*` : ''}`
    : '_Unattributed_';
  const line = `${who}${KIND_NOTE[q.kind]}\n`;
  const [open, close] = q.kind === 'indirect' ? ['', ''] : ['“', '”'];
  // Each quote line gains a `>`; leave room for them and the quote marks.
  const lines = q.text.split('\n').length;
  const room = LIMITS.sectionText - line.length - open.length - close.length - lines;
  return line + blockQuote(`${open}${fitEscaped(q.text, room)}${close}`);
}

const FACT_ICON: Record<FactItem['kind'], string> = { figure: ':bar_chart:', date: ':date:', event: ':calendar:', role: ':bust_in_silhouette:' };

function factText(f: FactItem): string {
  const values = f.values.length ? `*${escapeMrkdwn(clip(f.values.join(' · '), 300))}*\n` : '';
  const lead = `${FACT_ICON[f.kind]} ${values}`;
  return lead + fitEscaped(f.text, LIMITS.sectionText - lead.length);
}

function personText(p: PersonItem): string {
  const lines = [`*${escapeMrkdwn(clip(p.name, 200))}*${p.roles.length ? ` · ${escapeMrkdwn(clip(p.roles.join('; '), 500))}` : ''}`];
  if (p.aliases.length) lines.push(`Also: ${escapeMrkdwn(clip(p.aliases.join(', '), 500))}`);
  lines.push(`${count(p.quoteCount, 'quote')} · ${count(p.mentionCount, 'mention')}`);
  const more = p.articleCount - p.articles.length;
  if (p.articles.length) lines.push(`In: ${escapeMrkdwn(clip(p.articles.map((t) => `“${t}”`).join(', '), 1500))}${more > 0 ? ` and ${count(more, 'more article')}` : ''}`);
  return lines.join('\n');
}

function sourceLine(s: SourceRef): string[] {
  const parts = [link(s.url, clip(s.title, 300))];
  if (s.outlet) parts.push(escapeMrkdwn(clip(s.outlet, 100)));
  // A date that is not a real day is shown as given (escaped).
  const date = s.published ? (formatDay(s.published) ?? escapeMrkdwn(clip(s.published, 40))) : null;
  if (date) parts.push(markInferred(date, s.publishedInferred));
  parts.push(`¶ ${s.paragraph + 1}`);
  return [parts.join(' · ')];
}


function notesBlocks(notes: string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < notes.length; i += LIMITS.contextElements) {
    out.push(context(notes.slice(i, i + LIMITS.contextElements).map((n) => fitEscaped(n, LIMITS.contextText))));
  }
  return out;
}

function shareBlock(value: string): KnownBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share in channel', emoji: true },
        value: value.slice(0, LIMITS.buttonValue),
      },
    ],
  };
}

function section_(text: string): KnownBlock {
  // verbatim: Slack must not auto-link names, channels or URLs in article text.
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function context(texts: string[]): KnownBlock {
  const elements: ContextElement[] = texts.map((text) => ({ type: 'mrkdwn', text, verbatim: true }));
  return { type: 'context', elements };
}

function itemFallback(item: ReplyItem): string {
  switch (item.type) {
    case 'quote':
      return `${item.speaker ? item.speaker.name + (item.speaker.role ? ` (${item.speaker.role})` : '') : 'Unattributed'}: “${item.text}”`;
    case 'fact':
      return item.text;
    case 'person':
      return `${item.name}${item.roles.length ? `: ${item.roles.join('; ')}` : ''}`;
    case 'text':
      return item.text;
    case 'link':
      return item.label;
  }
}

function fallbackText(reply: Reply, lines: string[], more: number): string {
  const all = [reply.title, ...(reply.tone === 'error' && reply.usage ? [`Usage: ${reply.usage}`] : []), ...lines];
  // The "more" line must survive clipping, so it is kept outside the clipped part.
  const tail = more > 0 ? `\n${more} more not shown` : '';
  return fitEscaped(all.join('\n'), LIMITS.fallbackText - tail.length) + tail;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
