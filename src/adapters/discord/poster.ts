// Digest delivery: renders the digest and sends it with `channel.send`. discord.js keeps the
// rate-limit buckets; what Discord says went wrong comes back as a typed DeliveryOutcome.
import { DiscordAPIError, HTTPError, RateLimitError, type Client } from 'discord.js';
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../../core/delivery/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import type { Logger } from '../../log.ts';
import { renderReply } from './embeds.ts';

/** A long digest continues over up to this many messages instead of being cut. */
export const MAX_DIGEST_MESSAGES = 3;

/** Discord JSON error codes that mean the bot may not post there. */
const NO_ACCESS_CODES = new Set([50001 /* Missing Access */, 50013 /* Missing Permissions */]);

export function createDiscordPoster(client: Client, logger: Logger): DigestPoster {
  return {
    platform: 'discord',
    async post(to: ChannelAddress, digest: Reply): Promise<DeliveryOutcome> {
      if (to.platform !== 'discord') return { ok: false, kind: 'no_access', detail: `not a Discord channel: ${to.platform}` };
      if (!client.token) return { ok: false, kind: 'retry', detail: 'the Discord client is not logged in' };
      let firstId: string | undefined;
      try {
        const channel = await client.channels.fetch(to.channel);
        if (!channel?.isSendable()) return { ok: false, kind: 'no_access', detail: `channel ${to.channel} is not a channel the bot can post in` };
        for (const message of renderReply(digest, MAX_DIGEST_MESSAGES)) {
          const sent = await channel.send(message);
          firstId ??= sent.id;
        }
        return { ok: true, messageId: firstId! };
      } catch (err) {
        const outcome = classifyError(err);
        if (firstId) {
          // Part of the digest is already in the channel; retrying would post it twice.
          logger.warn('digest partly delivered', { channel: to.channel, messageId: firstId, ...outcome });
          return { ok: true, messageId: firstId };
        }
        logger.warn('digest delivery failed', { channel: to.channel, ...outcome });
        return outcome;
      }
    },
  };
}

export function classifyError(err: unknown): Exclude<DeliveryOutcome, { ok: true }> {
  if (err instanceof RateLimitError) {
    return { ok: false, kind: 'retry', detail: `rate limited on ${err.route}`, retryAfterMs: Math.max(0, Math.ceil(err.retryAfter)) };
  }
  if (err instanceof DiscordAPIError) {
    const detail = `${err.status} ${err.code}: ${err.message}`;
    if (err.status === 401) return { ok: false, kind: 'auth', detail };
    if (err.status === 403 || NO_ACCESS_CODES.has(Number(err.code))) return { ok: false, kind: 'no_access', detail };
    if (err.status === 404) return { ok: false, kind: 'channel_gone', detail };
    // Any other 4xx (400 Invalid Form Body, 413 too large) refuses the message itself; 5xx and 408 may pass.
    if (err.status >= 400 && err.status < 500 && err.status !== 408) return { ok: false, kind: 'rejected', detail };
    return { ok: false, kind: 'retry', detail };
  }
  if (err instanceof HTTPError) return { ok: false, kind: 'retry', detail: `${err.status} ${err.message}` };
  // After a 401 discord.js drops the token, and every later request fails this way before leaving.
  if (err instanceof Error && /Expected token to be set/.test(err.message)) return { ok: false, kind: 'auth', detail: err.message };
  return { ok: false, kind: 'retry', detail: err instanceof Error ? err.message : String(err) };
}
