// Discord's configuration: a bot token and application id (the gateway), or with the application's
// public key, the HTTP interactions endpoint instead.
import { z } from 'zod';
import { platformConfig } from './types.ts';

export const discordConfig = platformConfig({
  id: 'discord',
  envPrefix: 'DISCORD_',
  schema: z
    .strictObject({
      token: z.string().optional(),
      applicationId: z.string().optional(),
      guildId: z.string().optional(),
      /** The application public key (64 hex digits): set, Discord POSTs interactions to us (HTTP mode, no gateway). */
      publicKey: z.string().optional(),
      /** Port of the HTTP interactions endpoint (`/discord/interactions`); default 3001. */
      interactionsPort: z.number().int().min(1).max(65535).optional(),
      /** REST base URL; only tests and proxies change it. */
      apiUrl: z.string().url().optional(),
    })
    .prefault({}),
  // Snowflakes: 64-bit ids, 15 to 21 decimal digits.
  channel: /^\d{15,21}$/,
  env: [
    { name: 'DISCORD_TOKEN', path: ['token'], type: 'string', secret: true },
    { name: 'DISCORD_APPLICATION_ID', path: ['applicationId'], type: 'string' },
    { name: 'DISCORD_GUILD_ID', path: ['guildId'], type: 'string' },
    { name: 'DISCORD_PUBLIC_KEY', path: ['publicKey'], type: 'string' },
    { name: 'DISCORD_INTERACTIONS_PORT', path: ['interactionsPort'], type: 'int' },
    { name: 'DISCORD_API_URL', path: ['apiUrl'], type: 'string' },
  ],
  configured: (d) => Boolean(d.token && d.applicationId),
});
