// Composing a channel's digest from the articles in its window. Pure: the same entries, window and
// clock give the same digest.
import { DateTime } from 'luxon';
import { clip } from '../reply/fit.ts';
import { chooseKeyFigures } from './key-figures.ts';
import { chooseKeyPoints } from './key-points.ts';
import { chooseTopQuotes } from './top-quotes.ts';
import type { Digest, DigestArticle, DigestEntry, DigestSource, WhenNothingNew } from './types.ts';
import { gazetteerPlaceRank } from './place-rank.ts';
import { comingEvents, type NextOptions } from './whats-next.ts';

export const MAX_ARTICLES = 5;
const MAX_EVENTS = 6;
export const FIRST_DIGEST_ARTICLES = 3;

export interface ComposeOptions {
  mode: 'new' | 'latest';
  /** The window's start (exclusive), null for a first digest. */
  since: number | null;
  now: number;
  /** The channel's zone: "coming" is judged from its local date when an article has no date. */
  zone: string;
  maxArticles?: number;
  /** Place specificity for merging one event named twice; defaults to the place gazetteer. */
  placeRank?: NextOptions['placeRank'];
}

export function composeDigest(entries: readonly DigestEntry[], opts: ComposeOptions): Digest {
  const sorted = [...entries].sort(
    (a, b) => (b.extraction.article.published ?? '').localeCompare(a.extraction.article.published ?? '') || b.addedAt - a.addedAt,
  );
  const shown = sorted.slice(0, opts.maxArticles ?? MAX_ARTICLES);
  const today = DateTime.fromMillis(opts.now, { zone: opts.zone }).toISODate() ?? '';
  const events = shown.flatMap((e) => comingEvents(e.extraction, e.extraction.article.published ?? today, { placeRank: opts.placeRank ?? gazetteerPlaceRank }));
  const seen = new Set<string>();
  const next = events
    .sort((a, b) => a.date.localeCompare(b.date))
    .filter((e) => {
      const key = `${e.label.toLowerCase()}|${e.date}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .slice(0, MAX_EVENTS);
  const covered = entries.reduce<number | null>((m, e) => (m === null || e.addedAt > m ? e.addedAt : m), opts.since);
  return {
    mode: opts.mode,
    generatedAt: opts.now,
    since: opts.since,
    articles: shown.map(toArticle),
    next,
    more: sorted.length - shown.length,
    coveredUntil: covered,
  };
}

function toArticle(e: DigestEntry): DigestArticle {
  const a = e.extraction.article;
  const figures = chooseKeyFigures(e.extraction);
  return {
    id: a.id,
    headline: clip(a.title.trim() || a.id, 150),
    published: a.published,
    ...(a.published && a.publishedInferred ? { publishedInferred: true } : {}),
    url: a.url,
    outlet: a.source,
    addedAt: e.addedAt,
    keyPoints: chooseKeyPoints(e.extraction, e.body, figures.map((f) => f.text)),
    quotes: chooseTopQuotes(e.extraction),
    figures,
  };
}

export function nothingNewDigest(now: number, since: number | null): Digest {
  return { mode: 'nothing_new', generatedAt: now, since, articles: [], next: [], more: 0, coveredUntil: since };
}

/**
 * The digest a channel gets now: what was added since its last digest (`since`), or the latest
 * articles when it has had none. Null when nothing is new and the policy is `skip`.
 */
export function digestForWindow(
  source: DigestSource,
  a: { since: number | null; now: number; zone: string; whenNothingNew: WhenNothingNew },
): Digest | null {
  if (a.since === null) {
    const latest = source.latestArticles(FIRST_DIGEST_ARTICLES);
    if (latest.length === 0) return a.whenNothingNew === 'skip' ? null : nothingNewDigest(a.now, null);
    return composeDigest(latest, { mode: 'latest', since: null, now: a.now, zone: a.zone });
  }
  const fresh = source.articlesAddedSince(a.since);
  if (fresh.length > 0) return composeDigest(fresh, { mode: 'new', since: a.since, now: a.now, zone: a.zone });
  switch (a.whenNothingNew) {
    case 'skip':
      return null;
    case 'notice':
      return nothingNewDigest(a.now, a.since);
    case 'repost': {
      const latest = source.latestArticles(FIRST_DIGEST_ARTICLES);
      if (latest.length === 0) return nothingNewDigest(a.now, a.since);
      // A repost does not move the window: the next digest still starts after the last new one.
      return { ...composeDigest(latest, { mode: 'latest', since: a.since, now: a.now, zone: a.zone }), coveredUntil: a.since };
    }
  }
}
