// The console's side of digest delivery: prints the digest as text, so console subscriptions work
// with no platform tokens (`npm start` with no tokens, `briefing digest --run-due`).
import type { ChannelAddress, DeliveryOutcome, DigestPoster } from '../../core/delivery/types.ts';
import type { Reply } from '../../core/reply/types.ts';
import { LIMITS, renderText, type TextLimits } from './render.ts';

/** A digest is read as a whole, not a screenful: room for every article, quote and event. */
export const DIGEST_LIMITS: TextLimits = { ...LIMITS, messageChars: 20_000, items: 80 };

export interface ConsolePosterOptions {
  write?: (text: string) => void;
  limits?: TextLimits;
}

export function createConsolePoster(opts: ConsolePosterOptions = {}): DigestPoster {
  const write = opts.write ?? ((t: string) => process.stdout.write(t));
  let n = 0;
  return {
    platform: 'console',
    async post(to: ChannelAddress, digest: Reply): Promise<DeliveryOutcome> {
      try {
        write(`── digest for #${to.channel}${to.workspace === 'local' ? '' : ` (${to.workspace})`} ──\n${renderText(digest, opts.limits ?? DIGEST_LIMITS)}\n\n`);
      } catch (err) {
        // A closed pipe is as gone as a deleted channel.
        return { ok: false, kind: 'channel_gone', detail: `cannot write to the console: ${(err as Error).message}` };
      }
      return { ok: true, messageId: `console-${process.pid}-${Date.now()}-${++n}` };
    },
  };
}
