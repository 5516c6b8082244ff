// What a failed Discord request means for a delivery or a notice, as a typed DeliveryOutcome.
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { DeliveryOutcome } from '../../core/delivery/types.ts';

/** Discord JSON error codes that mean the bot may not post there. */
const NO_ACCESS_CODES = new Set([50001 /* Missing Access */, 50013 /* Missing Permissions */]);

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
