// Digest delivery: chat.postMessage with blocks and a text fallback, one message per second per
// channel, Retry-After honoured on 429, and Slack's answers mapped to a typed DeliveryOutcome.
import { webApi } from '@slack/bolt';
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../../core/delivery/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import type { Logger } from '../../log.ts';
import { renderReply } from './blocks.ts';
import { ChannelQueue } from './channel-queue.ts';
import { classify, platformCode } from './web-errors.ts';

export interface PosterOptions {
  /** A WebClient with `rejectRateLimitedCalls: true` and no retries of its own: this poster decides. */
  client: webApi.WebClient;
  logger: Logger;
  /** Spacing between two messages to one channel. */
  channelIntervalMs?: number;
  /** Longest Retry-After we wait for in place; beyond it the caller gets `retry` with the delay. */
  maxRateLimitWaitMs?: number;
  /** Attempts after a 5xx or network error, with doubling backoff from `backoffMs`. */
  retries?: number;
  backoffMs?: number;
  /** Installed to many workspaces: the bot token of each (undefined when it is not installed there). */
  tokenFor?: (workspace: string) => Promise<string | undefined>;
}

export function createSlackPoster(opts: PosterOptions): DigestPoster {
  const queue = new ChannelQueue(opts.channelIntervalMs ?? 1000);
  const maxWait = opts.maxRateLimitWaitMs ?? 60_000;
  const retries = opts.retries ?? 2;
  const backoff = opts.backoffMs ?? 1000;
  const log = opts.logger;

  async function send(channel: string, message: { text: string; blocks?: unknown[] }, token: string | undefined): Promise<DeliveryOutcome> {
    let failures = 0;
    let rateWaits = 0;
    for (;;) {
      try {
        const res = await opts.client.chat.postMessage({ ...(token ? { token } : {}), channel, ...message, unfurl_links: false, unfurl_media: false } as never);
        return { ok: true, messageId: String(res.ts) };
      } catch (err) {
        const outcome = classify(err);
        if (outcome.kind !== 'retry') return outcome;
        if (err instanceof webApi.WebAPIRateLimitedError) {
          const waitMs = err.retryAfter * 1000;
          if (waitMs > maxWait || ++rateWaits > 3) return outcome;
          log.warn('slack rate limited; waiting as asked', { channel, retryAfterMs: waitMs });
          await sleep(waitMs);
          continue;
        }
        if (platformCode(err) !== null || ++failures > retries) return outcome;
        const delay = backoff * 2 ** (failures - 1);
        log.warn('slack post failed; retrying', { channel, detail: outcome.detail, delayMs: delay });
        await sleep(delay);
      }
    }
  }

  return {
    platform: 'slack',
    post(to: ChannelAddress, digest: Reply): Promise<DeliveryOutcome> {
      if (to.platform !== 'slack') {
        return Promise.resolve({ ok: false, kind: 'channel_gone', detail: `not a Slack channel: ${to.platform}` });
      }
      return queue.run(`${to.workspace}/${to.channel}`, async () => {
        const message = renderReply(digest, { purpose: 'digest' });
        let token: string | undefined;
        if (opts.tokenFor) {
          try {
            token = await opts.tokenFor(to.workspace);
          } catch (err) {
            return { ok: false, kind: 'retry', detail: `cannot read the installation of ${to.workspace}: ${err instanceof Error ? err.message : String(err)}` };
          }
          if (!token) return { ok: false, kind: 'auth', detail: `the app is not installed in workspace ${to.workspace} (install it through /slack/install)` };
        }
        let outcome = await send(to.channel, message, token);
        if (!outcome.ok && outcome.kind === 'rejected') {
          // Slack refused the blocks; the plain-text fallback still delivers the digest.
          log.warn('slack refused the digest blocks; sending the text fallback', { channel: to.channel, detail: outcome.detail });
          outcome = await send(to.channel, { text: message.text }, token);
        }
        if (outcome.ok) log.info('digest posted', { channel: to.channel, ts: outcome.messageId });
        else log.warn('digest not posted', { channel: to.channel, kind: outcome.kind, detail: outcome.detail });
        return outcome;
      });
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
