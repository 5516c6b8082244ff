// The digest scheduler: every UTC minute (a plain timer, see ticker.ts), work out which channels
// are due in their own zones, and deliver each through the ledger (exactly once per channel per local date).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { digestToReply } from '../core/digest/reply.ts';
import type { WhenNothingNew } from '../core/digest/types.ts';
import type { ChannelVisibilityFor } from '../core/commands/visibility.ts';
import type { DigestPoster } from '../core/delivery/types.ts';
import type { Reply } from '../core/reply/types.ts';
import { silentLogger, type Logger } from '../log.ts';
import type { Delivery, DigestArticles, DigestStorage } from '../store/types.ts';
import { systemClock, type Clock } from './clock.ts';
import { describeProblem, parseConfigSubscriptions } from './config-subscriptions.ts';
import { deliver, type DeliveryResult, type RetryPolicy } from './deliver.ts';
import { dueActions, LocalTimeCache } from './due.ts';
import { addDays, formatLocal } from './local-time.ts';
import { Limiter } from './limiter.ts';
import { everyMinute, type MinuteTicker } from './ticker.ts';
import { digestFromStore } from './window.ts';
import { channelKey, type Platform, type Subscription, type SubscriptionProblem } from '../core/delivery/subscription.ts';

/** The part of the app config the scheduler reads (a whole `Config` fits). */
export interface DigestSettings {
  timezone: string;
  digest: {
    time: string;
    weekdays: readonly number[];
    graceMinutes: number;
    whenNothingNew: WhenNothingNew;
    /** Checked entry by entry here, so one broken entry does not stop the others. */
    subscriptions: readonly unknown[];
  };
}

export interface SchedulerOptions {
  /** The subscriptions and the delivery ledger (SQLite or PostgreSQL, behind store/types.ts). */
  storage: DigestStorage;
  /** The articles digests are made of. */
  source: DigestArticles;
  /** Whose articles each channel's digest may include (what a workspace adds is its own; a feed's, its followers'). */
  visibility?: ChannelVisibilityFor;
  posters: readonly DigestPoster[];
  config: DigestSettings;
  clock?: Clock;
  logger?: Logger;
  /**
   * The config file `config.digest.subscriptions` came from (`LoadedConfig.source`): config rows are
   * keyed by it, so a sync from another config (or none) never deletes them. Default: `default`.
   */
  configSource?: string;
  /** Names this instance in the ledger's claims. */
  instanceId?: string;
  /** Posts in flight at once across all channels. */
  concurrency?: number;
  /** How long a claim stays ours without news from us; after it, a post in flight is presumed lost. */
  leaseMs?: number;
  postTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** How long stop() waits for posts already sent to be answered before it gives them up as `unknown`. */
  stopWaitMs?: number;
}

export interface RunSummary {
  /** Channel-days considered due at this instant. */
  due: number;
  sent: number;
  nothingNew: number;
  failed: number;
  paused: number;
  unknown: number;
  /** Handled by another instance, or already done. */
  busy: number;
  released: number;
  /** Missed beyond the grace window and recorded as skipped. */
  skipped: number;
  /** Due subscriptions whose platform has no poster in this process. */
  noPoster: number;
  problems: SubscriptionProblem[];
}

export interface Scheduler {
  /** Mirrors config subscriptions into the store, starts catching up on anything due, then ticks every minute. */
  start(): Promise<void>;
  /**
   * Stops ticking, cuts retry waits short (releasing their claims for the next run) and waits up to
   * `stopWaitMs` for posts already sent; any still unanswered are recorded as `unknown`.
   */
  stop(): Promise<void>;
  /** Delivers everything due at `now` and resolves when done. */
  runDue(now?: number): Promise<RunSummary>;
  /**
   * Mirrors `digest.subscriptions` into the store (start() does this first); returns the entries
   * that cannot run, each naming its position and what is wrong.
   */
  syncConfig(): Promise<SubscriptionProblem[]>;
  /** Problems with config entries found by the last syncConfig(). */
  readonly configProblems: readonly SubscriptionProblem[];
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const clock = opts.clock ?? systemClock;
  const log = (opts.logger ?? silentLogger).child('digest');
  const { subscriptions, deliveries: ledger } = opts.storage;
  const posters = new Map<Platform, DigestPoster>(opts.posters.map((p) => [p.platform, p]));
  const owner = opts.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const limiter = new Limiter(opts.concurrency ?? 16);
  // Deliveries started but not finished (posting, or waiting to retry): bounded so 10,000 channels
  // due in one minute do not all sit in memory at once; a waiting retry holds one of these, not a post slot.
  const pending = new Limiter((opts.concurrency ?? 16) * 16);
  const graceMs = opts.config.digest.graceMinutes * 60_000;
  let abort = new AbortController(); // aborted by stop(), then replaced: runDue() can still be called after it
  const inFlight = new Set<string>(); // channel keys this instance is delivering: one at a time per channel
  const running = new Set<Promise<unknown>>();
  const posting = new Map<number, string>(); // ledger row id -> channel, for posts waiting on the platform
  const reported = new Set<string>(); // problems already logged, so a broken row is not logged every minute
  let configProblems: SubscriptionProblem[] = [];
  let ticker: MinuteTicker | null = null;

  type Composed = { reply: Reply; coveredUntil: number | null } | null;
  const composeFor = (cache: Map<string, Promise<Composed>>, now: number) =>
    (sub: Subscription, since: number | null): Promise<Composed> => {
      // Channels with the same window and zone get the same digest: compose it once per run.
      const visible = opts.visibility?.(sub) ?? null;
      const key = `${since}|${sub.timezone}${visible ? `|${sub.platform}:${sub.workspace}:${sub.channel}` : ''}`;
      let value = cache.get(key);
      if (!value) {
        value = digestFromStore(opts.source, visible, { since, now, zone: sub.timezone, whenNothingNew: opts.config.digest.whenNothingNew })
          .then((digest) => (digest ? { reply: digestToReply(digest, { zone: sub.timezone }), coveredUntil: digest.coveredUntil } : null));
        cache.set(key, value);
      }
      return value;
    };

  function report(p: SubscriptionProblem): void {
    const text = describeProblem(p);
    if (reported.has(text)) return;
    reported.add(text);
    log.error(`digest subscription ignored: ${text}`);
  }

  async function runDue(now = clock.now()): Promise<RunSummary> {
    const summary: RunSummary = { due: 0, sent: 0, nothingNew: 0, failed: 0, paused: 0, unknown: 0, busy: 0, released: 0, skipped: 0, noPoster: 0, problems: [] };
    const { subscriptions: subs, problems } = await subscriptions.list();
    summary.problems = [...configProblems, ...problems];
    problems.forEach(report);
    const cache = new LocalTimeCache(now);
    const rows = rowsByChannel(await ledger.rowsSince(addDays(new Date(now).toISOString().slice(0, 10), -2)));
    const composed = new Map<string, Promise<Composed>>();
    const ctx = {
      ledger, subscriptions, clock, logger: log, limiter, owner,
      leaseMs: opts.leaseMs ?? 10 * 60_000,
      postTimeoutMs: opts.postTimeoutMs ?? 2 * 60_000,
      retry: { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000, rateLimitWaits: 30, ...opts.retry },
      graceMs,
      graceMinutes: opts.config.digest.graceMinutes,
      signal: abort.signal,
      ownerGone: instanceGone,
      posting,
      compose: composeFor(composed, now),
    };
    const jobs: Promise<void>[] = [];
    const waiting = new Map<Platform, number>();
    for (const sub of subs) {
      const key = channelKey(sub);
      let actions;
      try {
        actions = dueActions(sub, now, graceMs, rows.get(key), cache, instanceGone);
      } catch (err) {
        report({ where: `subscription ${sub.id}`, channel: key, message: (err as Error).message });
        continue;
      }
      for (const a of actions) {
        if (a.kind === 'skip') {
          const reason = `missed by ${Math.round(a.lateByMs / 60_000)} min (due ${formatLocal(a.dueAt, sub.timezone)}; grace ${opts.config.digest.graceMinutes} min)`;
          try {
            if (await ledger.recordSkipped({ key, subscriptionId: sub.id, date: a.date, dueAt: a.dueAt, reason, now })) {
              summary.skipped++;
              log.warn('digest skipped: missed beyond the grace window', { channel: key, date: a.date, reason });
            }
          } catch (err) {
            // Nothing is posted for a skipped day, so failing to record it only means trying again next tick.
            log.error('could not record a skipped digest', { channel: key, date: a.date, error: err });
          }
          continue;
        }
        summary.due++;
        const poster = posters.get(sub.platform);
        if (!poster) {
          summary.noPoster++;
          waiting.set(sub.platform, (waiting.get(sub.platform) ?? 0) + 1);
          continue;
        }
        if (inFlight.has(key)) {
          summary.busy++;
          continue;
        }
        inFlight.add(key);
        const release = await pending.acquire();
        jobs.push(
          deliver(ctx, sub, poster, a)
            .catch((err: unknown): DeliveryResult => {
              log.error('digest delivery crashed', { channel: key, error: err });
              return 'failed';
            })
            .then((r) => count(summary, r))
            .finally(() => {
              inFlight.delete(key);
              release();
            }),
        );
      }
    }
    for (const [platform, n] of waiting) {
      // Once per platform per process, not once per channel per minute.
      if (reported.has(`no poster ${platform}`)) continue;
      reported.add(`no poster ${platform}`);
      log.warn(`${n} digest subscription(s) on ${platform} are due but ${platform} is not configured in this process; they wait until it is (within the grace window)`);
    }
    await Promise.all(jobs);
    return summary;
  }

  async function syncConfig(): Promise<SubscriptionProblem[]> {
    const parsed = parseConfigSubscriptions(
      opts.config.digest.subscriptions,
      { timezone: opts.config.timezone, weekdays: opts.config.digest.weekdays },
      new Set(posters.keys()),
    );
    configProblems = parsed.problems;
    parsed.problems.forEach(report);
    const source = opts.configSource ?? 'default';
    const { kept, otherConfig, removed } = await subscriptions.syncConfig(parsed.specs, clock.now(), source);
    for (const k of kept) log.info('config subscription left as set in chat', { channel: k });
    for (const o of otherConfig) log.warn('config subscription left as another config file set it', { channel: o.channel, setBy: o.source, thisConfig: source });
    if (removed.length) log.info('config subscriptions removed from this config file', { channels: removed, config: source });
    return configProblems;
  }

  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => {});
    return p;
  }

  return {
    get configProblems() {
      return configProblems;
    },
    syncConfig,
    async start() {
      await syncConfig();
      const tick = () =>
        track(runDue(clock.now())).catch((err: unknown) => log.error('digest tick failed', { error: err }));
      // The catch-up run is not awaited: a long one (thousands of channels) must not hold up the
      // app's start; stop() waits for it.
      void tick();
      ticker = everyMinute(() => void tick());
    },
    async stop() {
      ticker?.stop();
      ticker = null;
      // Retry waits end at once and release their claims; nothing new is claimed or posted.
      abort.abort();
      const all = Promise.allSettled([...running]);
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = await Promise.race([
        all.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), opts.stopWaitMs ?? 5_000))),
      ]);
      clearTimeout(timer);
      abort = new AbortController();
      if (!gaveUp) return;
      // Posts the platform has not answered yet: they may have gone out, so their days are settled as
      // `unknown` now rather than left for a lease to expire (and no one may send them again).
      const t = clock.now();
      const abandoned = [...posting];
      posting.clear();
      await Promise.all(
        abandoned.map(async ([id, key]) => {
          try {
            await ledger.finishAs(id, owner, t, 'unknown', 'the scheduler stopped while a post was waiting for the platform’s answer; the digest may or may not have reached the channel, so it is not sent again');
            log.warn('stopped while a digest post was unanswered; recorded as unknown', { channel: key });
          } catch (err) {
            // The row stays claimed and in flight: when its lease runs out, the claim step settles it as unknown.
            log.error('could not record an unanswered digest post as unknown; its lease will settle it', { channel: key, error: err });
          }
        }),
      );
    },
    runDue: (now) => track(runDue(now)),
  };
}

/**
 * Whether the scheduler instance named `owner` (`host:pid:id`, see createScheduler) is on this host
 * and its process has exited. Anything else (another host, a live or unknown process, another
 * naming) counts as alive, so its claim waits for the lease: the safe side.
 */
export function instanceGone(owner: string): boolean {
  const m = /^(.+):(\d+):[0-9a-f]{8}$/.exec(owner);
  if (!m || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function count(s: RunSummary, r: DeliveryResult): void {
  const field = { sent: 'sent', nothing_new: 'nothingNew', failed: 'failed', paused: 'paused', unknown: 'unknown', busy: 'busy', released: 'released', skipped: 'skipped' } as const;
  s[field[r]]++;
}

function rowsByChannel(rows: Delivery[]): Map<string, Map<string, Delivery>> {
  const out = new Map<string, Map<string, Delivery>>();
  for (const r of rows) {
    let m = out.get(r.channelKey);
    if (!m) out.set(r.channelKey, (m = new Map()));
    m.set(r.localDate, r);
  }
  return out;
}
