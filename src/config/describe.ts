// What the app will run, and a log-safe view of its configuration: secrets appear only as
// `set` or `unset`.
import type { Config } from './schema.ts';
import { PLATFORM_CONFIGS, PLATFORM_NAMES, type PlatformName } from './platforms/index.ts';

/** Where the Discord HTTP interactions endpoint listens unless DISCORD_INTERACTIONS_PORT says. */
export const DEFAULT_INTERACTIONS_PORT = 3001;

export type { PlatformName };

/** Platforms with complete credentials, in the registry's order. With none, the console runs. */
export function configuredPlatforms(c: Config): PlatformName[] {
  return PLATFORM_NAMES.filter((id) => isConfigured(id, c));
}

function isConfigured<K extends PlatformName>(id: K, c: Config): boolean {
  return (PLATFORM_CONFIGS[id].configured as (slice: Config[K]) => boolean)(c[id]);
}

const setOrUnset = (v: string | undefined) => (v ? 'set' : 'unset');

export function describeConfig(c: Config): Record<string, unknown> {
  const platforms = configuredPlatforms(c);
  return {
    adapters: platforms.length ? platforms : ['console'],
    contentDir: c.contentDir,
    databasePath: c.databasePath,
    timezone: c.timezone,
    encryptionKey: setOrUnset(c.encryptionKey),
    sharedDatabase: c.databaseUrl ? 'postgres (installations, interaction replay keys)' : 'none',
    logLevel: c.logLevel,
    watchContent: c.watchContent,
    answerWorkers: c.answerWorkers,
    digest: {
      time: c.digest.time,
      weekdays: c.digest.weekdays,
      graceMinutes: c.digest.graceMinutes,
      whenNothingNew: c.digest.whenNothingNew,
      subscriptions: c.digest.subscriptions.length,
    },
    slack: {
      mode: c.slack.appToken ? 'socket' : 'http',
      auth: c.slack.clientId ? 'oauth (many workspaces)' : 'bot token',
      botToken: setOrUnset(c.slack.botToken),
      ...(c.slack.clientId ? { clientId: c.slack.clientId, clientSecret: setOrUnset(c.slack.clientSecret), stateSecret: setOrUnset(c.slack.stateSecret) } : {}),
      signingSecret: setOrUnset(c.slack.signingSecret),
      appToken: setOrUnset(c.slack.appToken),
      port: c.slack.port,
      ...(c.slack.apiUrl ? { apiUrl: c.slack.apiUrl } : {}),
    },
    discord: {
      mode: c.discord.publicKey ? 'http interactions' : 'gateway',
      ...(c.discord.publicKey ? { interactionsPort: c.discord.interactionsPort ?? DEFAULT_INTERACTIONS_PORT } : {}),
      token: setOrUnset(c.discord.token),
      applicationId: c.discord.applicationId ?? 'unset',
      guildId: c.discord.guildId ?? 'unset (global commands)',
      ...(c.discord.apiUrl ? { apiUrl: c.discord.apiUrl } : {}),
    },
  };
}
