// The installations of the app (workspaces that installed it through OAuth), in the app's
// database, sealed with BRIEFING_ENCRYPTION_KEY.
import { redact } from '../log.ts';
import { Installations } from '../store/installations.ts';
import { sqliteInstallationRows } from '../store/sqlite/installations.ts';
import { createTokenCipher, ENCRYPTION_KEY_ENV, parseKey } from '../store/token-cipher.ts';
import type { AppDeps } from './types.ts';

export function openInstallations(deps: AppDeps): Installations {
  const key = deps.config.encryptionKey;
  if (!key) throw new Error(`installing to many workspaces stores their bot tokens encrypted: set ${ENCRYPTION_KEY_ENV} (32 random bytes: openssl rand -base64 32), the same on every replica`);
  redact(key);
  return new Installations(sqliteInstallationRows(deps.db()), createTokenCipher(parseKey(key)));
}
