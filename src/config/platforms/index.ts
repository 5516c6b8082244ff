// The chat platforms this build configures, in one record: the schema, the environment keys,
// `.env.example` (a test checks it against these), the channel-id shapes subscriptions are checked
// against, and "which platforms start" all come from here.
// A new platform adds its file beside these and one line below.
import { discordConfig } from './discord.ts';
import { slackConfig } from './slack.ts';
import type { ChannelShapes } from '../../core/delivery/subscription.ts';
import type { EnvKey } from '../env-key.ts';

export const PLATFORM_CONFIGS = {
  slack: slackConfig,
  discord: discordConfig,
} as const;

export type PlatformName = keyof typeof PLATFORM_CONFIGS;

export const PLATFORM_NAMES = Object.keys(PLATFORM_CONFIGS) as PlatformName[];

/** Console channel names: the console has no config of its own (it runs when no platform does). */
const CONSOLE_CHANNEL = /^[^\s:]{1,80}$/;

/** Each platform's channel-id shape, in registry order, the console last: the platforms a subscription may name. */
export const CHANNEL_SHAPES: ChannelShapes = {
  ...Object.fromEntries(PLATFORM_NAMES.map((id) => [id, PLATFORM_CONFIGS[id].channel])),
  console: CONSOLE_CHANNEL,
};

/** Each platform's slice of the config schema, under its id. */
export const platformSchemas = Object.fromEntries(PLATFORM_NAMES.map((id) => [id, PLATFORM_CONFIGS[id].schema])) as {
  [K in PlatformName]: (typeof PLATFORM_CONFIGS)[K]['schema'];
};

/** Every platform's environment keys, with paths from the config root (`['slack', 'botToken']`). */
export function platformEnvKeys(): EnvKey[] {
  return PLATFORM_NAMES.flatMap((id) => PLATFORM_CONFIGS[id].env.map((k) => ({ ...k, path: [id, ...k.path] })));
}
