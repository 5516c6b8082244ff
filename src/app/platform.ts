// A platform module as the app runs it. A platform with cards (Slack's Block Kit, Discord's embeds)
// brings its own digest poster; one without brings only a way to post text, and the app renders
// for it with the plain-text renderer the console uses, so a new platform can start with text and
// gain cards later without any other change. The replica set's database, when the platform uses
// one, is awaited before it starts and closed after it stops.
import { DIGEST_LIMITS } from '../adapters/console/poster.ts';
import { renderText, type TextLimits } from '../adapters/console/render.ts';
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../core/delivery/types.ts';
import type { SharedPostgres } from '../store/postgres/shared.ts';
import type { PlatformAdapter } from './types.ts';

interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
  fatal?: Promise<Error>;
}

/** A platform that renders its own cards. */
export interface CardPlatform extends Lifecycle {
  poster: DigestPoster;
}

/**
 * A platform without cards: it posts text, and the app renders every digest as plain text for it.
 * Its factory (hooks.ts) hands its command handlers the same renderer (adapters/console/render.ts).
 */
export interface TextPlatform extends Lifecycle {
  postText(to: ChannelAddress, text: string): Promise<DeliveryOutcome>;
  /** Its message limits (default: the console's for a digest, a whole digest in one message). */
  limits?: TextLimits;
}

export type PlatformParts = CardPlatform | TextPlatform;

/** The plain-text digest poster of a platform without cards. */
export function textPoster(platform: string, p: Pick<TextPlatform, 'postText' | 'limits'>): DigestPoster {
  const limits = p.limits ?? DIGEST_LIMITS;
  return { platform, post: (to, digest) => p.postText(to, renderText(digest, limits)) };
}

export function platformAdapter(name: string, a: PlatformParts, shared: SharedPostgres | null = null): PlatformAdapter {
  return {
    name,
    async start() {
      // A database that cannot be used (unreachable, from a newer version) stops the start here, clearly.
      await shared?.ready;
      await a.start();
    },
    async stop() {
      try {
        await a.stop();
      } finally {
        await shared?.close();
      }
    },
    poster: 'poster' in a ? a.poster : textPoster(name, a),
    ...(a.fatal ? { fatal: a.fatal } : {}),
  };
}
