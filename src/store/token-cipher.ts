// Secrets at rest (bot tokens of installed workspaces): AES-256-GCM with a key from the
// environment (BRIEFING_ENCRYPTION_KEY, 32 bytes as base64 or 64 hex digits). Each value gets a
// fresh 96-bit IV, and is bound to where it is stored (the additional data), so a ciphertext copied
// to another row does not decrypt. Format: `v1.<iv>.<tag>.<ciphertext>`, each base64url.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export class CipherKeyError extends Error {
  override name = 'CipherKeyError';
}

export class DecryptError extends Error {
  override name = 'DecryptError';
}

export const ENCRYPTION_KEY_ENV = 'BRIEFING_ENCRYPTION_KEY';

/** Reads a 32-byte key written as 64 hex digits or base64 (standard or url-safe). */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== 32) {
    throw new CipherKeyError(`${ENCRYPTION_KEY_ENV} must be 32 random bytes, as 64 hex digits or base64 (make one with: openssl rand -base64 32)`);
  }
  return key;
}

export interface TokenCipher {
  encrypt(plain: string, boundTo: string): string;
  decrypt(sealed: string, boundTo: string): string;
}

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new CipherKeyError('an AES-256 key is 32 bytes');
  return {
    encrypt(plain, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    decrypt(sealed, boundTo) {
      const [version, iv, tag, ct] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || ct === undefined) throw new DecryptError(`not an encrypted value of this app (${version ?? 'empty'})`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new DecryptError(`cannot decrypt the stored secret for ${boundTo}: wrong ${ENCRYPTION_KEY_ENV}, or the value was altered`);
      }
    },
  };
}
