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
}

export function createSlackPoster(opts: PosterOptions): DigestPoster {
  const queue = new ChannelQueue(opts.channelIntervalMs ?? 1000);
  const maxWait = opts.maxRateLimitWaitMs ?? 60_000;
  const retries = opts.retries ?? 2;
  const backoff = opts.backoffMs ?? 1000;
  const log = opts.logger;

  async function send(channel: string, message: { text: string; blocks?: unknown[] }): Promise<DeliveryOutcome> {
    let failures = 0;
    let rateWaits = 0;
    for (;;) {
      try {
        const res = await opts.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false } as never);
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

  /** Posts the parts in order; the digest's id is its first message. A refused part stops it. */
  async function sendParts(channel: string, text: string, parts: unknown[][]): Promise<DeliveryOutcome> {
    let first: DeliveryOutcome | null = null;
    for (const [i, blocks] of parts.entries()) {
      const partText = i === 0 ? text : `${text.split('\n')[0]} (continued, ${i + 1} of ${parts.length})`;
      const outcome = await send(channel, { text: partText, blocks });
      if (!outcome.ok) {
        if (i > 0) log.warn('a later part of a split digest was not posted', { channel, part: i + 1, of: parts.length, detail: outcome.detail });
        return i === 0 ? outcome : first!;
      }
      first ??= outcome;
    }
    return first!;
  }

  return {
    platform: 'slack',
    post(to: ChannelAddress, digest: Reply): Promise<DeliveryOutcome> {
      if (to.platform !== 'slack') {
        return Promise.resolve({ ok: false, kind: 'channel_gone', detail: `not a Slack channel: ${to.platform}` });
      }
      return queue.run(`${to.workspace}/${to.channel}`, async () => {
        const message = renderReply(digest, { purpose: 'digest' });
        let outcome = await send(to.channel, message);
        if (!outcome.ok && outcome.kind === 'rejected' && /^msg_blocks_too_long/.test(outcome.detail)) {
          // Within every published limit, yet too long in total (Slack's undocumented ~13,000
          // characters of blocks): the same blocks, split over several messages.
          const parts = splitBlocks(message.blocks, SPLIT_BUDGET_CHARS);
          log.warn('slack found the digest blocks too long; sending them as several messages', { channel: to.channel, parts: parts.length });
          outcome = await sendParts(to.channel, message.text, parts);
        }
        if (!outcome.ok && outcome.kind === 'rejected') {
          // Slack refused the blocks; the plain-text fallback still delivers the digest.
          log.warn('slack refused the digest blocks; sending the text fallback', { channel: to.channel, detail: outcome.detail });
          outcome = await send(to.channel, { text: message.text });
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

/** Characters of block text per message when a digest is split (well under Slack's ~13,000). */
export const SPLIT_BUDGET_CHARS = 6000;

/** The characters of text a block carries (what Slack's total-length check counts). */
export function blockChars(block: unknown): number {
  if (typeof block === 'string') return block.length;
  if (Array.isArray(block)) return block.reduce((n: number, b) => n + blockChars(b), 0);
  if (block && typeof block === 'object') return Object.values(block).reduce((n: number, v) => n + blockChars(v), 0);
  return 0;
}

/**
 * Cuts a message's blocks into runs of at most `budget` characters and 50 blocks, only before a
 * header or a section (a quote's section keeps the context line that follows it).
 */
export function splitBlocks(blocks: readonly unknown[], budget: number): unknown[][] {
  const parts: unknown[][] = [];
  let current: unknown[] = [];
  let chars = 0;
  for (const block of blocks) {
    const n = blockChars(block);
    const type = (block as { type?: string }).type;
    const canCut = type === 'section' || type === 'header';
    if (current.length && canCut && (chars + n > budget || current.length >= 48)) {
      parts.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += n;
  }
  if (current.length) parts.push(current);
  return parts;
}
