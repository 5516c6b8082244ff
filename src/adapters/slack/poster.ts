// Digest delivery: chat.postMessage with blocks and a text fallback, one message per second per
// channel, and Slack's answers mapped to a typed DeliveryOutcome (including whether it may have posted).
import { webApi } from '@slack/bolt';
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../../core/delivery/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import { mask, type Logger } from '../../log.ts';
import { renderReply } from './blocks.ts';
import { ChannelQueue } from './channel-queue.ts';
import { classify, platformCode } from './web-errors.ts';

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
