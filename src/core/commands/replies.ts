// Turning what the knowledge returns (AskAnswer, PersonProfile) into neutral Reply items.
import type { AskAnswer, AskResult, PersonProfile } from '../ask/types.ts';
import type { QuoteKind } from '../model.ts';
import { displayValue } from '../text/fact-values.ts';
import type { FactItem, PersonItem, QuoteItem, Reply, ReplyItem, SourceRef } from '../reply/types.ts';

const QUOTE_KINDS: ReadonlySet<string> = new Set<QuoteKind>(['direct', 'partial', 'indirect']);

export function sourceOf(r: AskResult): SourceRef {
  return {
    articleId: r.article.id,
    title: r.article.title,
    published: r.article.published,
    ...(r.article.publishedInferred ? { publishedInferred: true } : {}),
    paragraph: r.paragraph,
    url: r.article.url,
    outlet: r.article.source,
  };
}

export function resultItem(r: AskResult): QuoteItem | FactItem {
  if (QUOTE_KINDS.has(r.kind)) {
    const item: QuoteItem = { type: 'quote', kind: r.kind as QuoteKind, text: r.text, speaker: r.speaker, source: sourceOf(r), score: r.score };
    if (r.context && r.context !== r.text) item.context = r.context;
    return item;
  }
  return {
    type: 'fact',
    kind: r.kind as FactItem['kind'],
    text: r.text,
    values: (r.values ?? []).map(displayValue),
    source: sourceOf(r),
    score: r.score,
  };
}

/** The short display form of a value; one copy, shared with the digest and the CLI. */
export { displayValue } from '../text/fact-values.ts';

/**
 * An answer as a Reply. The knowledge's own message ("X does not appear in the briefing") is
 * shown as it is: as the body when nothing was found, as a note otherwise.
 */
export function answerReply(answer: AskAnswer, title: string, nothing: string): Reply {
  if (answer.results.length === 0) {
    return {
      tone: 'info',
      title,
      sections: [{ items: [{ type: 'text', text: answer.message ?? nothing }] }],
      notes: [],
      more: 0,
    };
  }
  // A message that frames the results ("No quotes from X. What the articles say about them:")
  // comes before them, not after.
  const sections: Reply['sections'] = answer.message ? [{ items: [{ type: 'text', text: answer.message }] }] : [];
  sections.push({ items: answer.results.map(resultItem) });
  return { tone: 'answer', title, sections, notes: [], more: answer.more };
}

export function personItem(p: PersonProfile): PersonItem {
  return {
    type: 'person',
    name: p.name,
    roles: p.roles,
    aliases: p.aliases,
    quoteCount: p.quotes,
    mentionCount: p.mentions,
    articles: p.articles.map((a) => a.title),
    articleCount: p.articleCount,
  };
}

export function profileReply(p: PersonProfile, message: string | null): Reply {
  const sections: Reply['sections'] = [{ items: [personItem(p)] }];
  if (p.topQuotes.length) sections.push({ heading: 'Best quotes', items: p.topQuotes.map(resultItem) });
  // What the articles say adds to the best quotes: a statement standing in a paragraph already
  // shown as a quote is left out.
  const shown = new Set(p.topQuotes.map((q) => `${q.article.id}#${q.paragraph}`));
  const about = p.about.filter((r) => !shown.has(`${r.article.id}#${r.paragraph}`));
  if (about.length) sections.push({ heading: 'What the articles say', items: about.map(resultItem) as ReplyItem[] });
  return { tone: 'answer', title: p.name, sections, notes: message ? [message] : [], more: 0 };
}
