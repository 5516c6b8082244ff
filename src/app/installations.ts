// The installations of the app (workspaces that installed it through OAuth), sealed with
// BRIEFING_ENCRYPTION_KEY: in the shared PostgreSQL when BRIEFING_DATABASE_URL is set (every
// replica sees every install), else in the SQLite file.
import { redact } from '../log.ts';
import { Installations } from '../store/installations.ts';
import type { SharedPostgres } from '../store/postgres/shared.ts';
import { sqliteInstallationRows } from '../store/sqlite/installations.ts';
import { createTokenCipher, ENCRYPTION_KEY_ENV, parseKey } from '../store/token-cipher.ts';
import type { AppDeps } from './types.ts';

export function openInstallations(deps: AppDeps, shared: SharedPostgres | null = null): Installations {
  const key = deps.config.encryptionKey;
  if (!key) throw new Error(`installing to many workspaces stores their bot tokens encrypted: set ${ENCRYPTION_KEY_ENV} (32 random bytes: openssl rand -base64 32), the same on every replica`);
  redact(key);
  return new Installations(shared ? shared.installations() : sqliteInstallationRows(deps.db()), createTokenCipher(parseKey(key)));
}
