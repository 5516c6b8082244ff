// How the scheduler hands a digest to a platform, and what the platform says happened.
import type { Reply } from '../reply/types.ts';

export interface ChannelAddress {
  platform: 'slack' | 'discord' | 'console';
  workspace: string;
  channel: string;
}

export type DeliveryOutcome =
  | { ok: true; messageId: string }
  /** Temporary: try again later (429 after its Retry-After, 5xx, network). */
  | { ok: false; kind: 'retry'; detail: string; retryAfterMs?: number }
  /** The channel does not exist any more (Slack channel_not_found, Discord 404). */
  | { ok: false; kind: 'channel_gone'; detail: string }
  /** The bot cannot post there (Slack not_in_channel, Discord 403 missing access/permissions). */
  | { ok: false; kind: 'no_access'; detail: string }
  /** The credentials are wrong or revoked; nothing will work until config changes. */
  | { ok: false; kind: 'auth'; detail: string }
  /** The platform refused this message itself (Discord 400 Invalid Form Body, Slack invalid_arguments); sent again unchanged it would be refused again. */
  | { ok: false; kind: 'rejected'; detail: string };

/** A platform adapter's side of digest delivery. */
export interface DigestPoster {
  readonly platform: ChannelAddress['platform'];
  post(to: ChannelAddress, digest: Reply): Promise<DeliveryOutcome>;
}
