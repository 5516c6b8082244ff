// One channel's digest for one local date: claim the day in the ledger, compose, post, record.
// The claim comes first, so whatever happens afterwards the day can never be posted twice.
import type { Reply } from '../core/reply/types.ts';
import type { DigestCommand } from '../core/commands/specs/digest.ts';
import type { DeliveryOutcome, DigestPoster, NoticeOutcome, PausingOutcome } from '../core/delivery/types.ts';
import { mask, type Logger } from '../log.ts';
import type { DeliveryLedgerPort, SubscriptionRepository } from '../store/types.ts';
import type { Clock } from './clock.ts';
import type { Limiter } from './limiter.ts';
import { formatLocal } from './local-time.ts';
import { channelKey, type Subscription } from '../core/delivery/subscription.ts';

export interface RetryPolicy {
  /** Post attempts per day after failures that are not rate limits, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Rate-limit waits (429 Retry-After) per day: the platform did not take the post, so they do not count as attempts. */
  rateLimitWaits: number;
}

export interface DeliveryContext {
  ledger: DeliveryLedgerPort;
  subscriptions: SubscriptionRepository;
  clock: Clock;
  logger: Logger;
  limiter: Limiter;
  owner: string;
  leaseMs: number;
  postTimeoutMs: number;
  retry: RetryPolicy;
  /** A digest is never posted later than this after its due time (a takeover, long retries): it is skipped. */
  graceMs: number;
  graceMinutes: number;
  signal: AbortSignal;
  /** Whether the instance that owns a claim has exited (same host, process gone). */
  ownerGone(owner: string): boolean;
  /** Deliveries posting right now, so stop() can mark the ones it abandons. */
  posting: Map<number, string>;
  /** The reply to post and where the next window starts, or null when there is nothing to post. */
  compose(sub: Subscription, since: number | null): Promise<{ reply: Reply; coveredUntil: number | null } | null>;
}

export type DeliveryResult =
  | 'sent'
  | 'nothing_new'
  | 'failed'
  | 'paused'
  | 'unknown'
  | 'busy' // another instance holds the day, or it is already done
  | 'skipped' // later than the grace window by the time this instance could post it
  | 'released'; // stopped with nothing in flight; the claim is left for the next run

export async function deliver(
  ctx: DeliveryContext,
  sub: Subscription,
  poster: DigestPoster,
  day: { date: string; dueAt: number },
): Promise<DeliveryResult> {
  const key = channelKey(sub);
  let release = await ctx.limiter.acquire();
  // Stopping: do not start anything new (nothing is claimed yet, so the next run does it).
  if (ctx.signal.aborted) {
    release();
    return 'released';
  }
  try {
    return await claimAndPost(ctx, sub, poster, day, key, async () => {
      release();
      return async () => {
        release = await ctx.limiter.acquire();
      };
    });
  } finally {
    release();
  }
}

async function claimAndPost(
  ctx: DeliveryContext,
  sub: Subscription,
  poster: DigestPoster,
  day: { date: string; dueAt: number },
  key: string,
  /** Frees the slot; the function it returns waits for one again. */
  yieldSlot: () => Promise<() => Promise<void>>,
): Promise<DeliveryResult> {
  const log = ctx.logger;
  const claim = await ctx.ledger.claim({ key, subscriptionId: sub.id, date: day.date, dueAt: day.dueAt, owner: ctx.owner, now: ctx.clock.now(), leaseMs: ctx.leaseMs, ownerGone: ctx.ownerGone });
  if (!claim.claimed) {
    // Only an expired claim is offered again, so `unknown` here means this claim attempt resolved it.
    if (claim.delivery.status !== 'unknown') return 'busy';
    log.warn('digest left unconfirmed by a stopped instance; not posting it again', { channel: key, date: day.date, reason: claim.delivery.reason });
    return 'unknown';
  }
  const id = claim.delivery.id;
  if (claim.tookOver) log.info('took over an unfinished digest', { channel: key, date: day.date });
  const release = async (why: string): Promise<DeliveryResult> => {
    const t = ctx.clock.now();
    await ctx.ledger.betweenAttempts(id, ctx.owner, t, t - 1, why);
    return 'released';
  };
  // Too late to post (a claim taken over hours later, retries that ran past the window): skipped, like downtime.
  const tooLate = async (): Promise<DeliveryResult | null> => {
    const t = ctx.clock.now();
    if (t - day.dueAt <= ctx.graceMs) return null;
    const reason = `missed by ${Math.round((t - day.dueAt) / 60_000)} min (due ${formatLocal(day.dueAt, sub.timezone)}; grace ${ctx.graceMinutes} min)${claim.tookOver ? ', taken over from an instance that stopped' : ''}`;
    await ctx.ledger.finishAs(id, ctx.owner, t, 'skipped', reason);
    log.warn('digest skipped: missed beyond the grace window', { channel: key, date: day.date, reason });
    return 'skipped';
  };
  const late = await tooLate();
  if (late) return late;
  if (ctx.signal.aborted) return await release('the scheduler stopped before posting; the next run posts it');

  let composed: Awaited<ReturnType<DeliveryContext['compose']>>;
  try {
    composed = await ctx.compose(sub, (await ctx.ledger.lastSent(key))?.coveredUntil ?? null);
  } catch (err) {
    await ctx.ledger.finishAs(id, ctx.owner, ctx.clock.now(), 'failed', `could not compose the digest: ${(err as Error).message}`);
    log.error('digest composition failed', { channel: key, error: err });
    return 'failed';
  }
  if (!composed) {
    await ctx.ledger.finishAs(id, ctx.owner, ctx.clock.now(), 'nothing_new', 'nothing new since the last digest (whenNothingNew: skip)');
    return 'nothing_new';
  }

  let rateWaits = 0;
  for (let attempt = 1; ; attempt++) {
    const started = ctx.clock.now();
    if (!(await ctx.ledger.beginAttempt(id, ctx.owner, started, started + ctx.postTimeoutMs + ctx.leaseMs))) {
      log.warn('lost the claim on a digest to another instance; leaving it to them', { channel: key, date: day.date });
      return 'busy';
    }
    ctx.posting.set(id, key);
    let outcome: PostResult;
    try {
      outcome = await postWithTimeout(poster, sub, composed.reply, ctx.postTimeoutMs);
    } finally {
      ctx.posting.delete(id);
    }
    const now = ctx.clock.now();
    if ('thrown' in outcome) {
      // The poster broke its contract (it should map errors to outcomes): the post may have happened.
      await ctx.ledger.finishAs(id, ctx.owner, now, 'unknown', `the ${poster.platform} poster failed without an outcome: ${outcome.thrown}; the digest may or may not have reached the channel, so it is not sent again`);
      log.error('digest post ended without an outcome; not retrying to avoid a duplicate', { channel: key, error: outcome.thrown });
      return 'unknown';
    }
    if (outcome.ok) {
      await ctx.ledger.markSent(id, ctx.owner, now, outcome.messageId, composed.coveredUntil ?? now);
      log.debug('digest posted', { channel: key, date: day.date, messageId: outcome.messageId, attempts: attempt });
      return 'sent';
    }
    switch (outcome.kind) {
      case 'unconfirmed':
        // It may be in the channel already: never sent again (one post at most, at the price of not knowing).
        await ctx.ledger.finishAs(id, ctx.owner, now, 'unknown', `${poster.platform} did not confirm the post (${outcome.detail}); the digest may or may not have reached the channel, so it is not sent again`);
        log.warn('digest post unconfirmed; not retrying to avoid a duplicate', { channel: key, date: day.date, detail: outcome.detail });
        return 'unknown';
      case 'channel_gone':
      case 'no_access': {
        const reason = `${outcome.kind === 'channel_gone' ? 'the channel is gone' : 'the bot cannot post there'} (${outcome.detail})`;
        await ctx.ledger.finishAs(id, ctx.owner, now, 'failed', reason);
        // Only the instance that turned the pause on tells anyone: one notice per pause.
        const paused = await ctx.subscriptions.pause(sub.id, reason, now);
        log.warn('digest subscription paused', { channel: key, reason });
        if (paused) await tellSubscriber(ctx, sub, poster, outcome);
        return 'paused';
      }
      case 'rejected':
        // Not retried (the same message would be refused again) and not paused: tomorrow's digest is a different message.
        await ctx.ledger.finishAs(id, ctx.owner, now, 'failed', `${poster.platform} refused the digest message (${outcome.detail})`);
        log.error('digest not posted: the platform refused the message', { channel: key, detail: outcome.detail });
        return 'failed';
      case 'auth':
        await ctx.ledger.finishAs(id, ctx.owner, now, 'failed', `${poster.platform} rejected the bot's credentials (${outcome.detail})`);
        log.error('digest not posted: platform credentials rejected', { channel: key, detail: outcome.detail });
        return 'failed';
      case 'retry': {
        const rateLimited = outcome.retryAfterMs !== undefined;
        // A rate limit is the platform saying "not now": it does not use up an attempt, up to a bound.
        if (rateLimited && rateWaits < ctx.retry.rateLimitWaits) {
          rateWaits++;
          attempt--;
        } else if (attempt >= ctx.retry.attempts || rateLimited) {
          const tries = rateLimited ? `${rateWaits} rate-limit waits` : `${attempt} attempts`;
          await ctx.ledger.finishAs(id, ctx.owner, now, 'failed', `gave up after ${tries}: ${outcome.detail}`);
          log.warn('digest not posted today: temporary errors did not clear', { channel: key, detail: outcome.detail, attempts: attempt });
          return 'failed';
        }
        const backoff = rateLimited ? 0 : Math.min(ctx.retry.maxDelayMs, ctx.retry.baseDelayMs * 2 ** (attempt - 1));
        const wait = Math.min(ctx.retry.maxDelayMs, Math.max(backoff, outcome.retryAfterMs ?? 0));
        // Nothing is in flight while waiting, so another instance may take the day over if we vanish.
        await ctx.ledger.betweenAttempts(id, ctx.owner, now, now + wait + ctx.leaseMs, `attempt failed: ${outcome.detail}; retrying in ${wait} ms`);
        log.info('digest post will be retried', { channel: key, detail: outcome.detail, waitMs: wait, attempt });
        const reacquire = await yieldSlot();
        await ctx.clock.sleep(wait, ctx.signal);
        if (ctx.signal.aborted) return await release('the scheduler stopped between attempts; the next run posts it');
        await reacquire();
        if (ctx.signal.aborted) return await release('the scheduler stopped between attempts; the next run posts it');
        const expired = await tooLate();
        if (expired) return expired;
      }
    }
  }
}

/**
 * Tells whoever subscribed the channel that its digest paused, where the platform has a private
 * way to reach them. Best effort: a notice that fails or hangs is logged, never retried, and never
 * changes the delivery's result.
 */
async function tellSubscriber(ctx: DeliveryContext, sub: Subscription, poster: DigestPoster, outcome: PausingOutcome): Promise<void> {
  const key = channelKey(sub);
  if (!poster.notifyPaused) return;
  if (!sub.subscribedBy) {
    if (sub.origin === 'config') ctx.logger.warn('digest paused; it is set in the config, so no one was told in chat', { channel: key });
    return;
  }
  const resume: DigestCommand = { name: 'digest', action: 'subscribe', time: sub.time, timezone: sub.timezone, weekdays: sub.weekdays };
  let timer: NodeJS.Timeout | undefined;
  try {
    const told = await Promise.race([
      poster.notifyPaused({ channel: { platform: sub.platform, workspace: sub.workspace, channel: sub.channel }, user: sub.subscribedBy, outcome, resume }),
      new Promise<NoticeOutcome>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${ctx.postTimeoutMs} ms` }), ctx.postTimeoutMs);
        timer.unref?.();
      }),
    ]);
    if (told.ok) ctx.logger.info('told the subscriber that the digest paused', { channel: key, user: sub.subscribedBy });
    else ctx.logger.warn('could not tell the subscriber that the digest paused', { channel: key, user: sub.subscribedBy, detail: told.detail });
  } catch (err) {
    ctx.logger.warn('could not tell the subscriber that the digest paused', { channel: key, user: sub.subscribedBy, detail: mask((err as Error)?.message ?? String(err)) });
  } finally {
    clearTimeout(timer);
  }
}

type PostResult = DeliveryOutcome | { thrown: string };

async function postWithTimeout(poster: DigestPoster, sub: Subscription, reply: Reply, timeoutMs: number): Promise<PostResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PostResult>((resolve) => {
    timer = setTimeout(() => resolve({ thrown: `no answer within ${timeoutMs} ms` }), timeoutMs);
    timer.unref?.();
  });
  try {
    const address = { platform: sub.platform, workspace: sub.workspace, channel: sub.channel };
    return await Promise.race([poster.post(address, reply).catch((err: unknown) => ({ thrown: (err as Error)?.message ?? String(err) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
