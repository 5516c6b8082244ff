// How the scheduler hands a digest to a platform, and what the platform says happened.
import type { Command } from '../commands/types.ts';
import type { Reply } from '../reply/types.ts';

export interface ChannelAddress {
  /** A platform id: `slack`, `discord`, `console` or any registered one (config/platforms/). */
  platform: string;
  workspace: string;
  channel: string;
}

export type DeliveryOutcome =
  | { ok: true; messageId: string }
  /**
   * Temporary, and nothing reached the platform: try again later (429 after its Retry-After, a
   * connection that could not be made, a platform answer that it did not take the message).
   */
  | { ok: false; kind: 'retry'; detail: string; retryAfterMs?: number }
  /**
   * The request may have reached the platform and nobody can say whether it posted: no answer in
   * time after it was sent, the connection reset after it was written, a 5xx after the body went
   * out, a platform "internal error". Sending it again could post it twice, so it is not retried.
   */
  | { ok: false; kind: 'unconfirmed'; detail: string }
  /** The channel does not exist any more (Slack channel_not_found, Discord 404). */
  | { ok: false; kind: 'channel_gone'; detail: string }
  /** The bot cannot post there (Slack not_in_channel, Discord 403 missing access/permissions). */
  | { ok: false; kind: 'no_access'; detail: string }
  /** The credentials are wrong or revoked; nothing will work until config changes. */
  | { ok: false; kind: 'auth'; detail: string }
  /** The platform refused this message itself (Discord 400 Invalid Form Body, Slack invalid_arguments); sent again unchanged it would be refused again. */
  | { ok: false; kind: 'rejected'; detail: string };

/** A delivery failure after which the subscription is paused until someone subscribes again. */
export type PausingOutcome = Extract<DeliveryOutcome, { kind: 'channel_gone' | 'no_access' }>;

/** What the person who subscribed a channel is told when its digest pauses. */
export interface PauseNotice {
  /** The channel whose digest is paused. */
  channel: ChannelAddress;
  /** The platform's id of the person who subscribed it (a Slack user id, a Discord user id). */
  user: string;
  /** What the platform answered to the digest. */
  outcome: PausingOutcome;
  /** The command that resumes the digest as it was (its time, timezone and days). */
  resume: Command;
}

/** Whether a notice reached the person; a failure only says why, for the log. */
export type NoticeOutcome = { ok: true } | { ok: false; detail: string };

/** A platform adapter's side of digest delivery. */
export interface DigestPoster {
  readonly platform: ChannelAddress['platform'];
  post(to: ChannelAddress, digest: Reply): Promise<DeliveryOutcome>;
  /**
   * Tells the subscriber privately (a direct message) that the channel's digest paused, what
   * happened and what to do. Absent where the platform has no private channel to a person.
   */
  notifyPaused?(notice: PauseNotice): Promise<NoticeOutcome>;
}
