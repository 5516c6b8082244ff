// Whose articles a command may see. Articles from content/ are everybody's; what one Slack
// workspace or Discord guild adds from chat (links, feeds) is seen by that workspace only. The
// store says which articles are limited (web_articles); answers are filtered here, in the core,
// so every platform and the answer workers apply the same rule.
import { messageWithVisibleNotes } from '../ask/ambiguity.ts';
import type { AskAnswer, PersonProfile } from '../ask/types.ts';
import type { DigestSource } from '../digest/types.ts';

/** Whether the asker may see an article. */
export type Visible = (articleId: string) => boolean;

/** The rule for one workspace; null when it may see every article (nothing is limited). */
export type VisibilityFor = (where: { platform: string; workspace: string }) => Visible | null;

/**
 * The rule for one channel's digest: a feed's articles go to the channels that follow it, while
 * answers (VisibilityFor) see everything the workspace has. A VisibilityFor is also one of these.
 */
export type ChannelVisibilityFor = (where: { platform: string; workspace: string; channel: string }) => Visible | null;

/**
 * Keeps the visible results, at most `limit`; what was cut for being hidden is not counted as more.
 * An ambiguity note ("Taking Roe as …; … is also in the briefing") names only people the asker
 * may see.
 */
export function visibleAnswer(a: AskAnswer, visible: Visible, limit: number): AskAnswer {
  const kept = a.results.filter((r) => visible(r.article.id));
  const message = messageWithVisibleNotes(a.message, a.ambiguity, visible);
  return { ...a, message, results: kept.slice(0, limit), more: Math.max(0, kept.length - limit) + (kept.length === a.results.length ? a.more : 0) };
}

/** A profile with only what the asker may see; null when nothing about the person is visible. */
export function visibleProfile(p: PersonProfile, visible: Visible): PersonProfile | null {
  const articles = p.articles.filter((a) => visible(a.id));
  const topQuotes = p.topQuotes.filter((r) => visible(r.article.id));
  const about = p.about.filter((r) => visible(r.article.id));
  if (!articles.length && !topQuotes.length && !about.length) return null;
  const hiddenArticles = p.articles.length - articles.length;
  return { ...p, articles, articleCount: Math.max(articles.length, p.articleCount - hiddenArticles), topQuotes, about, quotes: Math.max(topQuotes.length, p.quotes - (p.topQuotes.length - topQuotes.length)) };
}

/** The digest source as one channel's workspace sees it. */
export function visibleSource(source: DigestSource, visible: Visible | null): DigestSource {
  if (!visible) return source;
  return {
    articlesAddedSince: (since) => source.articlesAddedSince(since).filter((e) => visible(e.extraction.article.id)),
    latestArticles: (limit) => source.latestArticles(limit * 5).filter((e) => visible(e.extraction.article.id)).slice(0, limit),
  };
}
