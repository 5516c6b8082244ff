// `/brief add <url>` and `/brief feeds add|remove|list` as neutral replies. What a workspace or
// guild adds is its own (the scope is the platform and workspace of the command).
import type { ChannelContext, WebCommands } from '../core/commands/types.ts';
import { COMMAND_HELP } from '../core/commands/usage.ts';
import { errorReply, infoReply } from '../core/reply/make.ts';
import type { Reply } from '../core/reply/types.ts';
import { formatDay, markInferred } from '../core/util/dates.ts';
import { scopeOf, type FeedRecord, type WebStore } from '../store/web.ts';
import type { Added, IngestOutcome, WebIngest, WebRefusalReason } from './ingest.ts';
import { WindowLimit } from './limits.ts';
import type { FeedSubscriber } from './feeds/subscribe.ts';

export const REASON_WORDS: Record<WebRefusalReason, string> = {
  'invalid-url': 'not a URL',
  'unsupported-scheme': 'not a web link',
  'blocked-port': 'blocked port',
  'blocked-address': 'blocked address',
  'too-many-redirects': 'too many redirects',
  'too-large': 'too large',
  timeout: 'timed out',
  'http-error': 'the page could not be had',
  network: 'the site could not be reached',
  'not-html': 'not HTML',
  'not-an-article': 'not an article',
  paywalled: 'paywalled',
  'too-short': 'too short',
};

export interface WebCommandsOptions {
  ingest: WebIngest;
  store: WebStore;
  feeds?: FeedSubscriber;
  /** `/brief add` per user per minute. */
  addsPerUserPerMinute: number;
  now?: () => number;
}

export function createWebCommands(opts: WebCommandsOptions): WebCommands {
  const now = opts.now ?? Date.now;
  const perUser = new WindowLimit(opts.addsPerUserPerMinute, 60_000, now);
  return {
    async add(ctx, url) {
      const wait = perUser.take(`${ctx.platform}:${ctx.workspace}:${ctx.user}`);
      if (wait > 0) {
        return errorReply(`you have added ${opts.addsPerUserPerMinute} links in the last minute; try again in ${Math.ceil(wait / 1000)} s`, COMMAND_HELP.add.usage);
      }
      const outcome = await opts.ingest.add(url, scopeOf(ctx.platform, ctx.workspace), { addedBy: ctx.user });
      return addReply(outcome);
    },
    async feedsAdd(ctx, url) {
      if (!opts.feeds) return infoReply('Feeds are not enabled here');
      return opts.feeds.add(ctx, url);
    },
    async feedsRemove(ctx, url) {
      if (!opts.feeds) return infoReply('Feeds are not enabled here');
      return opts.feeds.remove(ctx, url);
    },
    async feedsList(ctx) {
      const feeds = (await opts.store.listFeeds(scopeOf(ctx.platform, ctx.workspace))).concat(await opts.store.listFeeds(''));
      return feedsListReply(feeds, ctx, now());
    },
  };
}

export function addReply(o: IngestOutcome): Reply {
  if (!o.ok) return errorReply(`Not added (${REASON_WORDS[o.reason]}): ${o.message}`, COMMAND_HELP.add.usage);
  const head = o.status === 'added' ? 'Added' : 'Already in the briefing';
  return {
    tone: 'info',
    title: `${head}: ${describe(o)}`,
    sections: [{ items: [{ type: 'link', label: o.title, url: o.url }] }],
    notes: o.fromFeed ? ['The page could not be read, so the feed’s own text was used.'] : [],
    more: 0,
  };
}

/** "<title> (<outlet>, <date>): 12 quotes from 5 people". */
export function describe(a: Pick<Added, 'title' | 'outlet' | 'published' | 'publishedInferred' | 'quotes' | 'people'>): string {
  const where = [a.outlet, a.published ? markInferred(formatDay(a.published) ?? a.published, a.publishedInferred) : null].filter(Boolean).join(', ');
  const quotes = a.quotes === 0 ? 'no quotes found' : `${plural(a.quotes, 'quote')} from ${plural(a.people, 'person', 'people')}`;
  return `${a.title}${where ? ` (${where})` : ''}: ${quotes}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}


/** "3 min ago", "2 h ago", "4 days ago". */
export function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

export function feedsListReply(feeds: FeedRecord[], ctx: ChannelContext, now: number): Reply {
  if (!feeds.length) return infoReply('No feeds yet', [`Follow one here with ${COMMAND_HELP.feeds.usage.split(' | ')[0]}`]);
  const here = (f: FeedRecord) => f.channels.some((c) => c.platform === ctx.platform && c.workspace === ctx.workspace && c.channel === ctx.channel);
  const lines = feeds.map((f) => {
    const parts = [
      f.pausedAt !== null ? `paused after ${f.failures} failed fetches (feeds add it again to resume)` : null,
      f.lastFetchAt !== null ? `last fetch ${ago(f.lastFetchAt, now)}` : 'not fetched yet',
      f.lastNewAt !== null ? `last new article ${ago(f.lastNewAt, now)}` : 'no new article yet',
      `${plural(f.articles, 'article')}`,
      f.lastError && f.lastErrorAt !== null && (f.lastFetchAt === null || f.lastErrorAt >= f.lastFetchAt) ? `last error ${ago(f.lastErrorAt, now)}: ${f.lastError}` : null,
      f.origin === 'config' ? 'from config' : here(f) ? 'followed here' : f.channels.length ? `followed in ${plural(f.channels.length, 'channel')}` : null,
    ].filter(Boolean);
    return `${f.title ? `${f.title} — ` : ''}${f.url}\n${parts.join(' · ')}`;
  });
  return { tone: 'info', title: `Feeds (${feeds.length})`, sections: [{ items: lines.map((text) => ({ type: 'text' as const, text })) }], notes: [], more: 0 };
}
