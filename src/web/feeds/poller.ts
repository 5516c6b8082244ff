// Polling feeds: each on its interval (default 15 min) with ±10% jitter, conditional GET (ETag,
// Last-Modified, 304), Retry-After honoured, exponential backoff on errors, paused after N failures
// in a row (resumed by `feeds add`). Feeds overdue at start are spread over the first minutes and
// at most `concurrency` polls run at once, so 500 feeds never fire together; the fetcher's per-host
// spacing keeps any one site to its rate. New entries (by GUID, URL and content hash) are fetched
// and extracted like `/brief add`, with the entry's own content as the fallback.
import { createHash } from 'node:crypto';
import type { Logger } from '../../log.ts';
import type { FeedRecord, WebStore } from '../../store/web.ts';
import type { IngestOutcome, WebIngest } from '../ingest.ts';
import { Slots } from '../limits.ts';
import type { WebReader } from '../reader.ts';
import type { FeedEntry, ParsedFeed } from './parse.ts';

export interface PollerOptions {
  /** Fetches and reads feeds (a WorkerWebReader in a running bot: none of it on this thread). */
  reader: WebReader;
  store: WebStore;
  ingest: WebIngest;
  intervalMs: number;
  /** Failed polls in a row before a feed is paused. */
  pauseAfter: number;
  /** Feed polls in flight at once. */
  concurrency?: number;
  /** New entries taken from one poll (the rest wait for the next). */
  entriesPerPoll?: number;
  /** Overdue feeds at start are spread over this long (default: the interval, at most 5 min). */
  startSpreadMs?: number;
  /** How often due feeds are looked for. */
  tickMs?: number;
  logger?: Logger;
  now?: () => number;
  random?: () => number;
}

export interface PollReport {
  feedId: number;
  status: 'new' | 'unchanged' | 'failed';
  added: number;
  skipped: number;
  error?: string;
}

const MAX_BACKOFF_MS = 6 * 3600_000;

export class FeedPoller {
  private timer: NodeJS.Timeout | null = null;
  private readonly slots: Slots;
  private readonly inFlight = new Map<number, Promise<PollReport>>();
  private stopped = true;
  private ticking: Promise<void> | null = null;

  constructor(private readonly o: PollerOptions) {
    this.slots = new Slots(o.concurrency ?? 4);
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private jitter(ms: number): number {
    return Math.round(ms * (0.9 + 0.2 * (this.o.random ?? Math.random)()));
  }

  async start(): Promise<void> {
    this.stopped = false;
    const now = this.now();
    const spread = this.o.startSpreadMs ?? Math.min(this.o.intervalMs, 300_000);
    const overdue = await this.o.store.dueFeeds(now, 100_000);
    for (const [i, f] of overdue.entries()) {
      await this.o.store.updateFeed(f.id, { nextPollAt: now + Math.floor((spread * i) / Math.max(1, overdue.length)) });
    }
    const tick = this.o.tickMs ?? 1000;
    this.timer = setInterval(() => void this.tick(), tick);
    this.timer.unref();
    void this.tick();
  }

  /** Polls the feeds that are due (also what the timer does). */
  async tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        const due = await this.o.store.dueFeeds(this.now(), 200);
        for (const f of due) if (!this.inFlight.has(f.id)) void this.poll(f.id);
      } catch (err) {
        this.o.logger?.error('feed poll scheduling failed', { error: err });
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  /** Polls one feed now (or joins the poll already running). */
  poll(feedId: number): Promise<PollReport> {
    const running = this.inFlight.get(feedId);
    if (running) return running;
    const p = this.slots
      .run(async () => {
        const feed = await this.o.store.getFeed(feedId);
        if (!feed) return { feedId, status: 'failed' as const, added: 0, skipped: 0, error: 'the feed was removed' };
        return this.pollFeed(feed);
      })
      .catch((err: unknown): PollReport => {
        this.o.logger?.error('feed poll failed', { feedId, error: err });
        return { feedId, status: 'failed', added: 0, skipped: 0, error: (err as Error).message };
      })
      .finally(() => this.inFlight.delete(feedId));
    this.inFlight.set(feedId, p);
    return p;
  }

  /** Resolves when no poll is running (tests, benches, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
  }

  private async pollFeed(feed: FeedRecord): Promise<PollReport> {
    // Not due again while this poll runs (a tick must not start it twice).
    await this.o.store.updateFeed(feed.id, { nextPollAt: this.now() + this.o.intervalMs });
    const res = await this.o.reader.feed(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
    if (!res.ok) return this.failed(feed, res.message, res.retryAfterMs);
    if (res.notModified) {
      await this.o.store.updateFeed(feed.id, { lastFetchAt: this.now(), failures: 0, nextPollAt: this.now() + this.jitter(this.o.intervalMs) });
      return { feedId: feed.id, status: 'unchanged', added: 0, skipped: 0 };
    }
    const parsed = res.feed;
    const { added, skipped, notes } = await this.takeEntries(feed, parsed);
    const now = this.now();
    await this.o.store.updateFeed(feed.id, {
      lastFetchAt: now,
      failures: 0,
      etag: res.etag,
      lastModified: res.lastModified,
      nextPollAt: now + this.jitter(this.o.intervalMs),
      ...(parsed.title && parsed.title !== feed.title ? { title: parsed.title } : {}),
      ...(added ? { lastNewAt: now, addArticles: added } : {}),
      ...(notes.length ? { lastError: notes.join('; '), lastErrorAt: now } : {}),
    });
    return { feedId: feed.id, status: added ? 'new' : 'unchanged', added, skipped };
  }

  private async takeEntries(feed: FeedRecord, parsed: ParsedFeed): Promise<{ added: number; skipped: number; notes: string[] }> {
    const limit = this.o.entriesPerPoll ?? 50;
    let added = 0;
    let skipped = 0;
    let noLink = 0;
    let failed = 0;
    let lastFailure = '';
    let taken = 0;
    for (const entry of parsed.entries) {
      const keys = entryKeys(entry);
      const seen = await this.o.store.seenEntries(feed.id, keys);
      if (seen.size) {
        // Known by one key: remember the others (a changed GUID or URL is still the same entry).
        if (seen.size < keys.length) await this.o.store.markEntries(feed.id, keys.filter((k) => !seen.has(k)), null, this.now());
        continue;
      }
      if (taken >= limit) {
        skipped++;
        continue;
      }
      taken++;
      if (!entry.url) {
        noLink++;
        await this.o.store.markEntries(feed.id, keys, null, this.now());
        continue;
      }
      let outcome: IngestOutcome;
      try {
        outcome = await this.o.ingest.add(entry.url, feed.scope, {
          addedBy: null,
          feedId: feed.id,
          fallback: { title: entry.title, content: entry.content, published: entry.published, author: entry.author, outlet: parsed.title },
        });
      } catch (err) {
        outcome = { ok: false, reason: 'network', message: (err as Error).message, url: entry.url };
      }
      if (outcome.ok) {
        if (outcome.status === 'added') added++;
        await this.o.store.markEntries(feed.id, keys, outcome.articleId, this.now());
      } else {
        failed++;
        lastFailure = `${entry.url}: ${outcome.message}`;
        // A page that timed out, whose server failed, or that asked to wait (429, 503) is tried again on the next poll.
        const later = outcome.reason === 'timeout' || outcome.reason === 'network' || (outcome.status !== undefined && (outcome.status === 429 || outcome.status >= 500));
        if (!later) await this.o.store.markEntries(feed.id, keys, null, this.now());
      }
    }
    const notes: string[] = [];
    if (noLink) notes.push(`${noLink === 1 ? '1 entry has' : `${noLink} entries have`} no link and ${noLink === 1 ? 'was' : 'were'} skipped`);
    if (failed) notes.push(`${failed === 1 ? '1 entry' : `${failed} entries`} could not be added (last: ${lastFailure})`);
    if (skipped) this.o.logger?.info('feed has more new entries than one poll takes; the rest follow on the next polls', { feed: feed.url, waiting: skipped });
    return { added, skipped, notes };
  }

  private async failed(feed: FeedRecord, message: string, retryAfterMs?: number): Promise<PollReport> {
    const now = this.now();
    const failures = feed.failures + 1;
    const backoff = Math.min(MAX_BACKOFF_MS, this.o.intervalMs * 2 ** Math.min(failures - 1, 10));
    const wait = Math.max(this.jitter(backoff), retryAfterMs ?? 0);
    const pause = failures >= this.o.pauseAfter;
    await this.o.store.updateFeed(feed.id, {
      failures,
      lastError: message,
      lastErrorAt: now,
      lastFetchAt: now,
      nextPollAt: now + wait,
      ...(pause ? { pausedAt: now } : {}),
    });
    if (pause) this.o.logger?.warn('feed paused after repeated failures', { feed: feed.url, failures, error: message });
    return { feedId: feed.id, status: 'failed', added: 0, skipped: 0, error: message };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }

  get running(): boolean {
    return !this.stopped;
  }
}

/** An entry's identities: its GUID, its URL and a hash of what it says. */
export function entryKeys(e: FeedEntry): string[] {
  const keys: string[] = [];
  if (e.guid) keys.push(`g:${e.guid}`);
  if (e.url) keys.push(`u:${e.url}`);
  const body = `${e.title ?? ''}\n${e.content ?? ''}`;
  if (body.trim()) keys.push(`h:${createHash('sha256').update(body).digest('hex').slice(0, 32)}`);
  return keys;
}
