// The environment variables the app reads, where each lands in the config and how its text is
// read. `.env.example` lists exactly these (a test checks), so this table is the one place to add a key.
import type { EnvKey } from './env-key.ts';
import { PLATFORM_CONFIGS, PLATFORM_NAMES, platformEnvKeys } from './platforms/index.ts';

export type { EnvKey, EnvType } from './env-key.ts';

export const ENV_KEYS: readonly EnvKey[] = [
  { name: 'BRIEFING_CONTENT_DIR', path: ['contentDir'], type: 'string' },
  { name: 'BRIEFING_DB_PATH', path: ['databasePath'], type: 'string' },
  { name: 'BRIEFING_DATABASE_URL', path: ['databaseUrl'], type: 'string', secret: true },
  { name: 'BRIEFING_ENCRYPTION_KEY', path: ['encryptionKey'], type: 'string', secret: true },
  { name: 'BRIEFING_TIMEZONE', path: ['timezone'], type: 'string' },
  { name: 'LOG_LEVEL', path: ['logLevel'], type: 'word' },
  { name: 'BRIEFING_WATCH', path: ['watchContent'], type: 'bool' },
  { name: 'BRIEFING_ANSWER_WORKERS', path: ['answerWorkers'], type: 'word' },
  { name: 'DIGEST_TIME', path: ['digest', 'time'], type: 'string' },
  { name: 'DIGEST_WEEKDAYS', path: ['digest', 'weekdays'], type: 'weekdays' },
  { name: 'DIGEST_GRACE_MINUTES', path: ['digest', 'graceMinutes'], type: 'int' },
  { name: 'DIGEST_WHEN_NOTHING_NEW', path: ['digest', 'whenNothingNew'], type: 'word' },
  // Each platform's keys come from its own file (config/platforms/).
  ...platformEnvKeys(),
];

/** Read before everything else: where the YAML defaults are. */
export const CONFIG_PATH_KEY = 'BRIEFING_CONFIG';
export const DEFAULT_CONFIG_PATH = 'config/default.yaml';

/** Prefixes of our keys, to catch a misspelt key in `.env`. */
export const OWN_PREFIXES = ['BRIEFING_', 'DIGEST_', ...PLATFORM_NAMES.map((id) => PLATFORM_CONFIGS[id].envPrefix)];

export const SECRET_PATHS: readonly string[] = ENV_KEYS.filter((k) => k.secret).map((k) => k.path.join('.'));
