// Digest delivery over REST alone (no gateway connection): renders the digest and POSTs it to
// the channel's messages. Used by the HTTP interactions mode, where any replica may hold the job.
// Errors come back as the same typed DeliveryOutcome as the gateway poster's.
import { Routes, type REST } from 'discord.js';
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../../core/delivery/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import type { Logger } from '../../log.ts';
import { renderReply, type DiscordMessage } from './embeds.ts';
import { sendPauseNotice } from './pause-notice.ts';
import { classifyError } from './errors.ts';
import { MAX_DIGEST_MESSAGES } from './poster.ts';

/** The REST body of a rendered message. */
export function messageBody(message: DiscordMessage, flags?: number): Record<string, unknown> {
  return { embeds: message.embeds, allowed_mentions: { parse: [] }, ...(flags ? { flags } : {}) };
}

export function createRestPoster(rest: REST, logger: Logger): DigestPoster {
  return {
    platform: 'discord',
    notifyPaused: (notice) => sendPauseNotice(rest, notice),
    async post(to: ChannelAddress, digest: Reply): Promise<DeliveryOutcome> {
      if (to.platform !== 'discord') return { ok: false, kind: 'no_access', detail: `not a Discord channel: ${to.platform}` };
      let firstId: string | undefined;
      try {
        for (const message of renderReply(digest, MAX_DIGEST_MESSAGES)) {
          const sent = (await rest.post(Routes.channelMessages(to.channel), { body: messageBody(message) })) as { id: string };
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
