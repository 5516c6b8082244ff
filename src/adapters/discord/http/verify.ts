// Discord signs every interaction it POSTs: Ed25519 over `timestamp + raw body`, with the
// application's public key (developer portal → General Information). A request is accepted only
// when the signature checks out, its timestamp is within `maxAgeS` of now (either way), and that
// signature has not been seen before (a captured request replayed). Verified with node:crypto.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class PublicKeyError extends Error {
  override name = 'PublicKeyError';
}

/** The key object for the 64-hex-digit public key shown in the developer portal. */
export function discordPublicKey(hex: string): KeyObject {
  const clean = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(clean)) {
    throw new PublicKeyError('discord.publicKey must be the 64 hex digits of the application public key (developer portal → General Information); check DISCORD_PUBLIC_KEY');
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(clean, 'hex')]), format: 'der', type: 'spki' });
}

/** Remembers signatures until they would be stale anyway. `firstSeen` is false for a replay. */
export interface ReplayGuard {
  firstSeen(signature: string, expiresAtMs: number): Promise<boolean>;
}

/** A replay guard for one process. Replicas share one through the database instead. */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>();
  let sweepAt = 0;
  return {
    async firstSeen(signature, expiresAtMs) {
      const t = now();
      if (t >= sweepAt) {
        for (const [k, exp] of seen) if (exp <= t) seen.delete(k);
        sweepAt = t + 30_000;
      }
      if (seen.has(signature)) return false;
      seen.set(signature, expiresAtMs);
      return true;
    },
  };
}

export type Verdict = { ok: true } | { ok: false; reason: 'unsigned' | 'bad_signature' | 'stale' | 'replayed' };

export interface VerifyOptions {
  key: KeyObject;
  replay: ReplayGuard;
  /** Oldest (and furthest in the future) a timestamp may be, in seconds. Default 300. */
  maxAgeS?: number;
  now?: () => number;
}

export async function verifyInteraction(
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: Buffer,
  opts: VerifyOptions,
): Promise<Verdict> {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: 'unsigned' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_signature' };
  let valid = false;
  try {
    valid = verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), opts.key, Buffer.from(signature, 'hex'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature' };
  const maxAgeS = opts.maxAgeS ?? 300;
  const nowMs = (opts.now ?? Date.now)();
  const tsMs = Number(timestamp) * 1000;
  if (Math.abs(nowMs - tsMs) > maxAgeS * 1000) return { ok: false, reason: 'stale' };
  if (!(await opts.replay.firstSeen(signature.toLowerCase(), tsMs + maxAgeS * 1000))) return { ok: false, reason: 'replayed' };
  return { ok: true };
}
