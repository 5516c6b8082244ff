// Digest delivery: renders the digest and sends it with `channel.send`. discord.js keeps the
// rate-limit buckets; what Discord says went wrong comes back as a typed DeliveryOutcome.
import type { Client } from 'discord.js';
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../../core/delivery/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import type { Logger } from '../../log.ts';
import { renderReply } from './embeds.ts';
import { classifyError } from './errors.ts';
import { sendPauseNotice } from './pause-notice.ts';

/** A long digest continues over up to this many messages instead of being cut. */
export const MAX_DIGEST_MESSAGES = 3;

export function createDiscordPoster(client: Client, logger: Logger): DigestPoster {
  return {
    platform: 'discord',
    notifyPaused: (notice) => sendPauseNotice(client.rest, notice),
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
