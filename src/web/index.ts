// The web module assembled: the safe fetcher, page ingest, `/brief add` and `/brief feeds`
// commands, and the feed poller (started and stopped with the app). No platform code here.
import { readFileSync } from 'node:fs';
import type { Config } from '../config/schema.ts';
import type { WebCommands } from '../core/commands/types.ts';
import type { Logger } from '../log.ts';
import { EVERYBODY, scopeOf, type WebStore } from '../store/web.ts';
import { createWebCommands } from './commands.ts';
import { SafeFetcher, type Resolver } from './fetch.ts';
import { readOpml } from './feeds/opml.ts';
import { FeedPoller } from './feeds/poller.ts';
import { FeedSubscriber } from './feeds/subscribe.ts';
import { WebIngest, type KnowledgeSink, type PageReader } from './ingest.ts';

export interface WebModuleOptions {
  config: Config['web'];
  knowledge: KnowledgeSink;
  /** Where pages are read (the extraction workers, in a running bot); default this thread. */
  readPage?: PageReader;
  store: WebStore;
  logger: Logger;
  /** Name resolution (tests). */
  resolve?: Resolver;
  now?: () => number;
  /** Poller overrides (tests and benches). */
  poller?: { tickMs?: number; startSpreadMs?: number; concurrency?: number; entriesPerPoll?: number };
}

export interface WebModule {
  commands: WebCommands;
  fetcher: SafeFetcher;
  ingest: WebIngest;
  poller: FeedPoller;
  subscriber: FeedSubscriber;
  /** Follows the feeds named in config (and its OPML file); problems are logged, one by one. */
  syncConfigFeeds(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createWebModule(o: WebModuleOptions): WebModule {
  const c = o.config;
  const fetcher = new SafeFetcher({
    allow: c.allow,
    maxBytes: c.maxBytes,
    connectTimeoutMs: c.connectTimeoutMs,
    timeoutMs: c.timeoutMs,
    perHostPerSecond: c.perHostPerSecond,
    ...(c.userAgent ? { userAgent: c.userAgent } : {}),
    ...(o.resolve ? { resolve: o.resolve } : {}),
  });
  const ingest = new WebIngest({ fetcher, store: o.store, knowledge: o.knowledge, ...(o.readPage ? { readPage: o.readPage } : {}), ...(o.now ? { now: o.now } : {}) });
  const intervalMs = c.feeds.pollMinutes * 60_000;
  const poller = new FeedPoller({ fetcher, store: o.store, ingest, intervalMs, pauseAfter: c.feeds.pauseAfterFailures, logger: o.logger, ...(o.now ? { now: o.now } : {}), ...(o.poller ?? {}) });
  const subscriber = new FeedSubscriber({ fetcher, store: o.store, poller, intervalMs, ...(o.now ? { now: o.now } : {}) });
  const commands = createWebCommands({ ingest, store: o.store, feeds: subscriber, addsPerUserPerMinute: c.addsPerUserPerMinute, ...(o.now ? { now: o.now } : {}) });

  async function syncConfigFeeds(): Promise<void> {
    const entries: { url: string; scope: string; title?: string | null; channel?: { platform: string; workspace: string; channel: string } }[] = [];
    for (const [i, raw] of c.feeds.list.entries()) {
      const where = `web.feeds.list[${i}]`;
      const e = typeof raw === 'string' ? { url: raw } : (raw as Record<string, unknown> | null);
      const url = typeof e?.url === 'string' ? e.url : null;
      const checked = url ? fetcher.check(url) : null;
      if (!url || !checked || 'ok' in checked) {
        o.logger.error(`config: ${where}: ${!url ? 'needs a url (a string, or { url, platform, workspace, channel })' : (checked as { message: string }).message}`);
        continue;
      }
      const platform = typeof e?.platform === 'string' ? e.platform : null;
      const workspace = typeof e?.workspace === 'string' ? e.workspace : null;
      const channel = typeof e?.channel === 'string' ? e.channel : null;
      const scope = platform && workspace ? scopeOf(platform, workspace) : EVERYBODY;
      entries.push({ url: checked.url.href, scope, ...(platform && workspace && channel ? { channel: { platform, workspace, channel } } : {}) });
    }
    if (c.feeds.opml) {
      try {
        const { feeds, problems } = readOpml(readFileSync(c.feeds.opml, 'utf8'), c.feeds.opml);
        for (const p of problems) o.logger.error(`config: web.feeds.opml: ${p}`);
        for (const f of feeds) {
          const checked = fetcher.check(f.url);
          if ('ok' in checked) o.logger.error(`config: web.feeds.opml: ${f.where}: ${checked.message}`);
          else entries.push({ url: checked.url.href, scope: EVERYBODY, title: f.title });
        }
      } catch (err) {
        o.logger.error(`config: web.feeds.opml: cannot read ${c.feeds.opml}: ${(err as Error).message}`);
      }
    }
    const now = (o.now ?? Date.now)();
    for (const e of entries) await o.store.addFeed(e.scope, e.url, { origin: 'config', now, title: e.title ?? null, ...(e.channel ? { channel: e.channel } : {}) });
  }

  return {
    commands,
    fetcher,
    ingest,
    poller,
    subscriber,
    syncConfigFeeds,
    async start() {
      await syncConfigFeeds();
      await poller.start();
    },
    async stop() {
      await poller.stop();
      await fetcher.close();
    },
  };
}
