// Renders the neutral Reply as Discord embeds: a title, one description block per quote/fact
// (fields for people), a footer naming the article and its date. Discord's limits are data;
// items are never cut in half (one over-long item is clipped), and what did not fit is counted.
import type { APIEmbed } from 'discord.js';
import { clip } from '../../core/reply/fit.ts';
import { formatDay, markInferred } from '../../core/util/dates.ts';
import type { Reply, ReplyItem, SourceRef } from '../../core/reply/types.ts';
import { codeSafe, escapeMarkdown, neutraliseMentions } from './escape.ts';

export const LIMITS = {
  description: 4096,
  fields: 25,
  fieldValue: 1024,
  fieldName: 256,
  title: 256,
  footer: 2048,
  total: 6000,
  embeds: 10,
} as const;

/** Longest single quote or fact shown; longer ones are clipped at a sentence or word. */
const ITEM_TEXT_MAX = 1500;
const NOTES_MAX = 600;
/** Room kept in every message for the "N more results" line. */
const MORE_LINE_ROOM = 64;

export const COLORS = { answer: 0x5865f2, info: 0x4f9dde, error: 0xed4245 } as const;

export interface DiscordMessage {
  embeds: APIEmbed[];
  allowedMentions: { parse: [] };
}

type Block = { kind: 'desc'; text: string } | { kind: 'field'; name: string; value: string };

interface EmbedDraft {
  title?: string;
  url?: string;
  desc: string;
  fields: { name: string; value: string }[];
}

/**
 * Renders `reply` into at most `maxMessages` messages (interaction answers use one; digests may
 * continue over several). Each message holds at most 10 embeds and 6000 characters.
 */
export function renderReply(reply: Reply, maxMessages = 1): DiscordMessage[] {
  const sources = distinctSources(reply);
  const single = sources.length === 1 ? sources[0]! : null;
  const footer = single ? clip(neutraliseMentions(sourceLabel(single)), LIMITS.footer) : sources.length > 1 ? `From ${sources.length} articles` : '';
  const title = clip(escapeMarkdown(reply.title), LIMITS.title);
  const url = single?.url && /^https?:\/\//.test(single.url) ? single.url : undefined;
  const units = toBlocks(reply, single === null && sources.length > 1);

  const noteLines = [
    ...(reply.tone === 'error' && reply.usage ? [`Usage: \`${codeSafe(reply.usage)}\``] : []),
    ...reply.notes.map((n) => `*${escapeMarkdown(n)}*`),
  ];
  const notes = clip(noteLines.join('\n'), NOTES_MAX);
  const reserve = notes.length + MORE_LINE_ROOM + 2;

  const messages: EmbedDraft[][] = [[]];
  let total = 0;
  let placed = 0;
  const embedCost = (e: EmbedDraft) => (e.title?.length ?? 0) + footer.length;
  const openEmbed = (first: boolean): EmbedDraft => {
    const e: EmbedDraft = { desc: '', fields: [] };
    if (first) {
      e.title = messages.length === 1 ? title : clip(`${title} (continued)`, LIMITS.title);
      if (messages.length === 1 && url) e.url = url;
    }
    return e;
  };
  let current = openEmbed(true);
  messages[0]!.push(current);
  total = embedCost(current);

  for (const block of units) {
    const cost = block.kind === 'desc' ? block.text.length + (current.desc ? 2 : 0) : block.name.length + block.value.length;
    const fitsEmbed =
      block.kind === 'desc'
        ? current.fields.length === 0 && current.desc.length + cost <= LIMITS.description
        : current.fields.length < LIMITS.fields;
    const budget = LIMITS.total - reserve;
    if (fitsEmbed && total + cost <= budget) {
      add(current, block);
      total += cost;
      placed++;
      continue;
    }
    const msg = messages[messages.length - 1]!;
    const fresh = openEmbed(false);
    const freshCost = block.kind === 'desc' ? block.text.length : block.name.length + block.value.length;
    if (msg.length < LIMITS.embeds && total + embedCost(fresh) + freshCost <= budget) {
      msg.push(fresh);
      current = fresh;
      add(current, block);
      total += embedCost(fresh) + freshCost;
      placed++;
      continue;
    }
    if (messages.length >= maxMessages) break;
    messages.push([]);
    current = openEmbed(true);
    messages[messages.length - 1]!.push(current);
    add(current, block);
    total = embedCost(current) + freshCost;
    placed++;
  }

  const more = reply.more + (units.length - placed);
  const tail = [notes, more > 0 ? `*${more} more result${more === 1 ? '' : 's'} not shown.*` : ''].filter(Boolean).join('\n');
  const last = messages[messages.length - 1]!;
  if (tail) {
    const end = last[last.length - 1]!;
    if (end.fields.length === 0 && end.desc.length + tail.length + 2 <= LIMITS.description) {
      end.desc = end.desc ? `${end.desc}\n\n${tail}` : tail;
    } else if (last.length < LIMITS.embeds) {
      last.push({ desc: tail, fields: [] });
    }
  }

  const color = COLORS[reply.tone];
  // One footer per message, under its last embed (the budget above counted one per embed).
  return messages.map((embeds) => ({
    embeds: embeds.map((e, i) => finish(e, color, i === embeds.length - 1 ? footer : '')),
    allowedMentions: { parse: [] },
  }));
}

function add(e: EmbedDraft, block: Block): void {
  if (block.kind === 'desc') e.desc = e.desc ? `${e.desc}\n\n${block.text}` : block.text;
  else e.fields.push({ name: block.name, value: block.value });
}

function finish(e: EmbedDraft, color: number, footer: string): APIEmbed {
  const out: APIEmbed = { color };
  if (e.title) out.title = e.title;
  if (e.url) out.url = e.url;
  if (e.desc) out.description = e.desc;
  if (e.fields.length) out.fields = e.fields.map((f) => ({ name: f.name, value: f.value }));
  if (footer) out.footer = { text: footer };
  return out;
}

/** One block per item; a section heading travels with the section's first item. */
function toBlocks(reply: Reply, showSource: boolean): Block[] {
  const out: Block[] = [];
  for (const section of reply.sections) {
    const heading = section.heading ? `**${escapeMarkdown(section.heading)}**` : '';
    section.items.forEach((item, i) => {
      const block = itemBlock(item, showSource);
      if (i === 0 && heading) {
        if (block.kind === 'desc') block.text = `${heading}\n${block.text}`;
        else block.name = clip(`${escapeMarkdown(section.heading!)} · ${block.name}`, LIMITS.fieldName);
      }
      out.push(block);
    });
  }
  return out;
}

function itemBlock(item: ReplyItem, showSource: boolean): Block {
  switch (item.type) {
    case 'quote': {
      const text = escapeMarkdown(clip(item.text, ITEM_TEXT_MAX));
      const said = item.kind === 'indirect' ? `> ${text}` : `> “${text}”`;
      const who = item.speaker
        ? `— **${escapeMarkdown(item.speaker.name)}**${item.speaker.role ? `, ${escapeMarkdown(item.speaker.role)}` : ''}`
        : '— *unattributed*';
      const kind = item.kind === 'indirect' ? ' (reported speech)' : item.kind === 'partial' ? ' (partial quote)' : '';
      return { kind: 'desc', text: [said, who + kind, showSource ? sourceLine(item.source) : ''].filter(Boolean).join('\n') };
    }
    case 'fact': {
      const values = item.values.length ? item.values.map((v) => `**${escapeMarkdown(v)}**`).join(' · ') : '';
      const text = `• ${escapeMarkdown(clip(item.text, ITEM_TEXT_MAX))}`;
      return { kind: 'desc', text: [text, values, showSource ? sourceLine(item.source) : ''].filter(Boolean).join('\n') };
    }
    case 'person': {
      const lines = [
        item.roles.length ? escapeMarkdown(item.roles.join('; ')) : '*no role stated*',
        item.aliases.length ? `Also: ${escapeMarkdown(item.aliases.join(', '))}` : '',
        `${item.quoteCount} quote${item.quoteCount === 1 ? '' : 's'} · ${item.mentionCount} mention${item.mentionCount === 1 ? '' : 's'}`,
        item.articles.length
          ? `In: ${item.articles.map((a) => `*${escapeMarkdown(a)}*`).join(', ')}${item.articleCount > item.articles.length ? ` and ${item.articleCount - item.articles.length} more` : ''}`
          : '',
      ];
      return {
        kind: 'field',
        name: clip(escapeMarkdown(item.name), LIMITS.fieldName),
        value: clip(lines.filter(Boolean).join('\n'), LIMITS.fieldValue),
      };
    }
    case 'text':
      return { kind: 'desc', text: escapeMarkdown(clip(item.text, ITEM_TEXT_MAX)) };
    case 'link': {
      const label = escapeMarkdown(clip(item.label, 200));
      const ok = item.url && /^https?:\/\/[^\s)]+$/.test(item.url);
      return { kind: 'desc', text: ok ? `[${label}](${item.url})` : label };
    }
  }
}

function distinctSources(reply: Reply): SourceRef[] {
  const byId = new Map<string, SourceRef>();
  for (const s of reply.sections) for (const i of s.items) if ((i.type === 'quote' || i.type === 'fact') && !byId.has(i.source.articleId)) byId.set(i.source.articleId, i.source);
  return [...byId.values()];
}

function sourceLabel(s: SourceRef): string {
  return [s.title, s.published ? markInferred(formatDay(s.published) ?? s.published, s.publishedInferred) : null, s.outlet].filter(Boolean).join(' · ');
}

function sourceLine(s: SourceRef): string {
  return `*${escapeMarkdown([s.title, s.published ? markInferred(formatDay(s.published) ?? s.published, s.publishedInferred) : null].filter(Boolean).join(', '))}*`;
}

