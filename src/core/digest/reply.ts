// A digest as the neutral Reply, so Slack, Discord and the console render it with their normal
// renderers: one section per article (key points, quotes, figures), then what's next and sources.
import { DateTime } from 'luxon';
import type { FactItem, LinkItem, QuoteItem, Reply, ReplyItem, ReplySection, SourceRef } from '../reply/types.ts';
import { markInferred } from '../util/dates.ts';
import type { Digest, DigestArticle } from './types.ts';

export function digestToReply(digest: Digest, opts: { zone: string }): Reply {
  const day = DateTime.fromMillis(digest.generatedAt, { zone: opts.zone }).toFormat('ccc d LLL yyyy');
  const title = `Daily briefing — ${day}`;
  if (digest.mode === 'nothing_new') {
    const text = digest.since === null ? 'No articles yet.' : 'No new articles since the last digest.';
    return { tone: 'info', title, sections: [{ items: [{ type: 'text', text }] }], notes: [], more: 0 };
  }
  const sections: ReplySection[] = digest.articles.map(articleSection);
  if (digest.next.length > 0) {
    const byId = new Map(digest.articles.map((a) => [a.id, a]));
    sections.push({
      heading: "What's next",
      items: digest.next.map(
        (e): FactItem => ({
          type: 'fact',
          kind: 'event',
          text: e.label,
          values: [e.when],
          source: sourceOf(byId.get(e.articleId)!, e.paragraph),
        }),
      ),
    });
  }
  sections.push({
    heading: 'Sources',
    items: digest.articles.map((a): LinkItem => ({ type: 'link', label: sourceLabel(a), url: a.url })),
  });
  const notes: string[] = [];
  if (digest.mode === 'latest' && digest.since !== null) notes.push('Nothing new since the last digest: these are the latest articles again.');
  if (digest.more > 0) notes.push(`${digest.more} more new article${digest.more === 1 ? '' : 's'}: ask about them with /brief ask.`);
  return { tone: 'answer', title, sections, notes, more: digest.more };
}

function articleSection(a: DigestArticle): ReplySection {
  const items: ReplyItem[] = a.keyPoints.map((k) => ({ type: 'text', text: k.text }));
  for (const q of a.quotes) {
    const item: QuoteItem = { type: 'quote', kind: q.kind, text: q.text, speaker: q.speaker, source: sourceOf(a, q.paragraph) };
    items.push(item);
  }
  for (const f of a.figures) {
    const item: FactItem = { type: 'fact', kind: 'figure', text: f.text, values: f.values, source: sourceOf(a, f.paragraph) };
    items.push(item);
  }
  return { heading: a.headline, items };
}

function sourceOf(a: DigestArticle, paragraph: number): SourceRef {
  return { articleId: a.id, title: a.headline, published: a.published, ...(a.publishedInferred ? { publishedInferred: true } : {}), paragraph, url: a.url, outlet: a.outlet };
}

function sourceLabel(a: DigestArticle): string {
  const parts = [a.outlet, a.headline, a.published && markInferred(a.published, a.publishedInferred)].filter((p): p is string => !!p);
  return parts.join(' · ');
}
