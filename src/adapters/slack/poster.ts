// Digest delivery: chat.postMessage with blocks and a text fallback, one message per second per
// channel, and Slack's answers mapped to a typed DeliveryOutcome (including whether it may have posted).
import { webApi } from '@slack/bolt';
import type { ChannelAddress, DeliveryOutcome, DigestPoster, NoticeOutcome, PauseNotice } from '../../core/delivery/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import { mask, type Logger } from '../../log.ts';
import { renderReply } from './blocks.ts';
import { ChannelQueue } from './channel-queue.ts';
import { slackPauseNotice } from './pause-notice.ts';
import { classify } from './web-errors.ts';

export interface PosterOptions {
  /** A WebClient with `rejectRateLimitedCalls: true` and no retries of its own: the scheduler decides. */
  client: webApi.WebClient;
  logger: Logger;
  /** Spacing between two messages to one channel. */
  channelIntervalMs?: number;
  /** Installed to many workspaces: the bot token of each (undefined when it is not installed there). */
  tokenFor?: (workspace: string) => Promise<string | undefined>;
}

/**
 * One request per digest: no waiting and no retrying in here. A 429 or a connection that could not
 * be made comes back as `retry` (the scheduler waits, abortably and with nothing in flight); anything
 * after which the message may have reached Slack comes back as `unconfirmed` and is never sent again.
 */
export function createSlackPoster(opts: PosterOptions): DigestPoster {
  const queue = new ChannelQueue(opts.channelIntervalMs ?? 1000);
  const log = opts.logger;

  async function send(channel: string, message: { text: string; blocks?: unknown[] }, token: string | undefined): Promise<DeliveryOutcome> {
    try {
      const res = await opts.client.chat.postMessage({ ...(token ? { token } : {}), channel, ...message, unfurl_links: false, unfurl_media: false } as never);
      return { ok: true, messageId: String(res.ts) };
    } catch (err) {
      return classifyPost(err);
    }
  }

  /** Posts the parts in order; the digest's id is its first message. A refused part stops it. */
  async function sendParts(channel: string, text: string, parts: unknown[][], token: string | undefined): Promise<DeliveryOutcome> {
    let first: DeliveryOutcome | null = null;
    for (const [i, blocks] of parts.entries()) {
      const partText = i === 0 ? text : `${text.split('\n')[0]} (continued, ${i + 1} of ${parts.length})`;
      const outcome = await send(channel, { text: partText, blocks }, token);
      if (!outcome.ok) {
        if (i > 0) log.warn('a later part of a split digest was not posted', { channel, part: i + 1, of: parts.length, detail: outcome.detail });
        return i === 0 ? outcome : first!;
      }
      first ??= outcome;
    }
    return first!;
  }

  /** The workspace's bot token when installed to many; undefined for the one configured token. */
  async function tokenOf(workspace: string): Promise<{ token: string | undefined } | Exclude<DeliveryOutcome, { ok: true }>> {
    if (!opts.tokenFor) return { token: undefined };
    let token: string | undefined;
    try {
      token = await opts.tokenFor(workspace);
    } catch (err) {
      return { ok: false, kind: 'retry', detail: `cannot read the installation of ${workspace}: ${mask(err instanceof Error ? err.message : String(err))}` };
    }
    if (!token) return { ok: false, kind: 'auth', detail: `the app is not installed in workspace ${workspace} (install it through /slack/install)` };
    return { token };
  }

  return {
    platform: 'slack',
    async notifyPaused(notice: PauseNotice): Promise<NoticeOutcome> {
      const t = await tokenOf(notice.channel.workspace);
      if ('ok' in t) return { ok: false, detail: t.detail };
      // A user id as the channel: Slack posts in the app's direct message with that person.
      const outcome = await send(notice.user, { text: slackPauseNotice(notice) }, t.token);
      return outcome.ok ? { ok: true } : { ok: false, detail: `${outcome.kind}: ${outcome.detail}` };
    },
    post(to: ChannelAddress, digest: Reply): Promise<DeliveryOutcome> {
      if (to.platform !== 'slack') {
        return Promise.resolve({ ok: false, kind: 'channel_gone', detail: `not a Slack channel: ${to.platform}` });
      }
      return queue.run(`${to.workspace}/${to.channel}`, async () => {
        const message = renderReply(digest, { purpose: 'digest' });
        const t = await tokenOf(to.workspace);
        if ('ok' in t) return t;
        const token = t.token;
        let outcome = await send(to.channel, message, token);
        if (!outcome.ok && outcome.kind === 'rejected' && /^msg_blocks_too_long/.test(outcome.detail)) {
          // Within every published limit, yet too long in total (Slack's undocumented ~13,000
          // characters of blocks): the same blocks, split over several messages.
          const parts = splitBlocks(message.blocks, SPLIT_BUDGET_CHARS);
          log.warn('slack found the digest blocks too long; sending them as several messages', { channel: to.channel, parts: parts.length });
          outcome = await sendParts(to.channel, message.text, parts, token);
        }
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

// Errors that prove the request never left: the connection was not made (refused, no such host,
// no route, TLS refused before any byte of the request was written).
const NOT_SENT = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
/** Slack's own words for "some of it may have happened" (its docs for internal_error and fatal_error). */
const MAYBE_DONE = new Set(['internal_error', 'fatal_error']);

/** What a failed chat.postMessage means for a digest: `classify`, plus whether it may have been posted. */
export function classifyPost(err: unknown): Exclude<DeliveryOutcome, { ok: true }> {
  const outcome = classify(err);
  if (outcome.kind !== 'retry' || err instanceof webApi.WebAPIRateLimitedError) return outcome;
  if (err instanceof webApi.WebAPIPlatformError) {
    return MAYBE_DONE.has(err.data.error) ? { ok: false, kind: 'unconfirmed', detail: `Slack answered ${err.data.error}` } : outcome;
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return err.statusCode >= 500 ? { ok: false, kind: 'unconfirmed', detail: `${outcome.detail} after the message was sent` } : outcome;
  }
  if (err instanceof webApi.WebAPIRequestError) {
    const code = errorCode(err.original);
    if (code !== null && NOT_SENT.has(code)) return outcome;
    return { ok: false, kind: 'unconfirmed', detail: `network: ${mask(innermostMessage(err.original))}${code ? ` (${code})` : ''}; the request may have reached Slack` };
  }
  return { ok: false, kind: 'unconfirmed', detail: outcome.detail };
}

/** The message of the last error down the cause chain ("fetch failed" says less than its cause). */
function innermostMessage(err: Error): string {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && (e as { cause?: unknown }).cause instanceof Error; depth++) e = (e as { cause: Error }).cause;
  return (e as Error).message;
}

/** The first `code` down an error's cause chain (fetch wraps the socket's error). */
function errorCode(err: unknown): string | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
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
