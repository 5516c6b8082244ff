// The web module assembled: the reader (the safe fetcher and what reads its bytes, in this thread or
// in the web fetcher thread), page ingest, `/brief add` and `/brief feeds` commands, and the feed
// poller (started and stopped with the app). No platform code here.
import { readFileSync } from 'node:fs';
import type { Config } from '../config/schema.ts';
import type { WebCommands } from '../core/commands/types.ts';
import type { Logger } from '../log.ts';
import { EVERYBODY, scopeOf, type WebStore } from '../store/web.ts';
import { createWebCommands } from './commands.ts';
import { SafeFetcher, type FetchPolicy, type Resolver } from './fetch.ts';
import { readOpml } from './feeds/opml.ts';
import { FeedPoller } from './feeds/poller.ts';
import { FeedSubscriber } from './feeds/subscribe.ts';
import { WebIngest, type KnowledgeSink } from './ingest.ts';
import { LocalWebReader, type WebReader } from './reader.ts';
import { WorkerWebReader } from './remote.ts';

export interface WebModuleOptions {
  config: Config['web'];
  knowledge: KnowledgeSink;
  store: WebStore;
  logger: Logger;
  /**
   * Where pages and feeds are fetched and read: `thread`, this one (the default: tests, tools);
   * `worker`, the web fetcher thread (a running bot); or a reader made from the policy.
   */
  fetching?: 'thread' | 'worker' | ((policy: Partial<FetchPolicy>) => WebReader);
  /** Name resolution in this thread (tests). */
  resolve?: Resolver;
  /** A module the web fetcher thread loads its name resolution from (tests and benches). */
  resolver?: { module: string | URL; export: string };
  now?: () => number;
  /** Poller overrides (tests and benches). */
  poller?: { tickMs?: number; startSpreadMs?: number; concurrency?: number; entriesPerPoll?: number };
}

export interface WebModule {
  commands: WebCommands;
  reader: WebReader;
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
  const policy = fetchPolicy(c);
  const fetching = o.fetching ?? 'thread';
  const reader: WebReader =
    fetching === 'thread'
      ? new LocalWebReader(new SafeFetcher({ ...policy, ...(o.resolve ? { resolve: o.resolve } : {}) }))
      : fetching === 'worker'
        ? new WorkerWebReader({ policy, ...(o.resolver ? { resolver: o.resolver } : {}), onWarning: (m) => o.logger.warn(m) })
        : fetching(policy);
  const ingest = new WebIngest({ reader, store: o.store, knowledge: o.knowledge, ...(o.now ? { now: o.now } : {}) });
  const intervalMs = c.feeds.pollMinutes * 60_000;
  const poller = new FeedPoller({ reader, store: o.store, ingest, intervalMs, pauseAfter: c.feeds.pauseAfterFailures, logger: o.logger, ...(o.now ? { now: o.now } : {}), ...(o.poller ?? {}) });
  const subscriber = new FeedSubscriber({ reader, store: o.store, poller, intervalMs, ...(o.now ? { now: o.now } : {}) });
  const commands = createWebCommands({ ingest, store: o.store, feeds: subscriber, addsPerUserPerMinute: c.addsPerUserPerMinute, ...(o.now ? { now: o.now } : {}) });

  async function syncConfigFeeds(): Promise<void> {
    const entries: { url: string; scope: string; title?: string | null; channel?: { platform: string; workspace: string; channel: string } }[] = [];
    for (const [i, raw] of c.feeds.list.entries()) {
      const where = `web.feeds.list[${i}]`;
      const e = typeof raw === 'string' ? { url: raw } : (raw as Record<string, unknown> | null);
      const url = typeof e?.url === 'string' ? e.url : null;
      const checked = url ? reader.check(url) : null;
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
          const checked = reader.check(f.url);
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
    reader,
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
      await reader.close();
    },
  };
}

/** The fetch policy that config gives (name resolution aside). */
export function fetchPolicy(c: Config['web']): Partial<Omit<FetchPolicy, 'resolve'>> {
  return {
    allow: c.allow,
    maxBytes: c.maxBytes,
    connectTimeoutMs: c.connectTimeoutMs,
    timeoutMs: c.timeoutMs,
    perHostPerSecond: c.perHostPerSecond,
    ...(c.userAgent ? { userAgent: c.userAgent } : {}),
  };
}
