// The environment variables the app reads, where each lands in the config and how its text is
// read. `.env.example` lists exactly these (a test checks), so this table is the one place to add a key.
/** `word`: a keyword, matched case-insensitively (LOG_LEVEL=INFO works). */
export type EnvType = 'string' | 'word' | 'int' | 'bool' | 'weekdays';

export interface EnvKey {
  name: string;
  /** Path in Config, e.g. ['digest', 'time']. */
  path: readonly string[];
  type: EnvType;
  /** Never shown: not in errors, not in logs. */
  secret?: boolean;
}

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
  { name: 'SLACK_BOT_TOKEN', path: ['slack', 'botToken'], type: 'string', secret: true },
  { name: 'SLACK_SIGNING_SECRET', path: ['slack', 'signingSecret'], type: 'string', secret: true },
  { name: 'SLACK_APP_TOKEN', path: ['slack', 'appToken'], type: 'string', secret: true },
  { name: 'SLACK_CLIENT_ID', path: ['slack', 'clientId'], type: 'string' },
  { name: 'SLACK_CLIENT_SECRET', path: ['slack', 'clientSecret'], type: 'string', secret: true },
  { name: 'SLACK_STATE_SECRET', path: ['slack', 'stateSecret'], type: 'string', secret: true },
  { name: 'SLACK_REDIRECT_URI', path: ['slack', 'redirectUri'], type: 'string' },
  { name: 'SLACK_PORT', path: ['slack', 'port'], type: 'int' },
  { name: 'SLACK_API_URL', path: ['slack', 'apiUrl'], type: 'string' },
  { name: 'DISCORD_TOKEN', path: ['discord', 'token'], type: 'string', secret: true },
  { name: 'DISCORD_APPLICATION_ID', path: ['discord', 'applicationId'], type: 'string' },
  { name: 'DISCORD_GUILD_ID', path: ['discord', 'guildId'], type: 'string' },
  { name: 'DISCORD_PUBLIC_KEY', path: ['discord', 'publicKey'], type: 'string' },
  { name: 'DISCORD_INTERACTIONS_PORT', path: ['discord', 'interactionsPort'], type: 'int' },
  { name: 'DISCORD_API_URL', path: ['discord', 'apiUrl'], type: 'string' },
];

/** Read before everything else: where the YAML defaults are. */
export const CONFIG_PATH_KEY = 'BRIEFING_CONFIG';
export const DEFAULT_CONFIG_PATH = 'config/default.yaml';

/** Prefixes of our keys, to catch a misspelt key in `.env`. */
export const OWN_PREFIXES = ['BRIEFING_', 'DIGEST_', 'SLACK_', 'DISCORD_'];

export const SECRET_PATHS: readonly string[] = ENV_KEYS.filter((k) => k.secret).map((k) => k.path.join('.'));
