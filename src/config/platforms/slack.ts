// Slack's configuration: a bot token with a signing secret (HTTP) or an app token (Socket Mode),
// or an OAuth app (client id and secret) that installs to many workspaces.
import { z } from 'zod';
import { platformConfig } from './types.ts';

export const slackConfig = platformConfig({
  id: 'slack',
  envPrefix: 'SLACK_',
  schema: z
    .strictObject({
      botToken: z.string().optional(),
      signingSecret: z.string().optional(),
      /** Socket Mode when set. */
      appToken: z.string().optional(),
      /** OAuth install to many workspaces (/slack/install) when set, instead of one botToken. */
      clientId: z.string().optional(),
      clientSecret: z.string().optional(),
      /** Signs the OAuth state; the same on every replica. */
      stateSecret: z.string().optional(),
      /** The public redirect URL, when the app has several (https://host/slack/oauth_redirect). */
      redirectUri: z.string().url().optional(),
      port: z.number().int().min(1).max(65535).default(3000),
      /** Web API base URL; only tests and proxies change it. */
      apiUrl: z.string().url().optional(),
    })
    .prefault({}),
  // Conversation ids (C… public, G… private, D… direct) or a #name, which chat.postMessage accepts.
  channel: /^(?:[CGD][A-Z0-9]{6,}|#[a-z0-9][a-z0-9_-]{0,79})$/,
  env: [
    { name: 'SLACK_BOT_TOKEN', path: ['botToken'], type: 'string', secret: true },
    { name: 'SLACK_SIGNING_SECRET', path: ['signingSecret'], type: 'string', secret: true },
    { name: 'SLACK_APP_TOKEN', path: ['appToken'], type: 'string', secret: true },
    { name: 'SLACK_CLIENT_ID', path: ['clientId'], type: 'string' },
    { name: 'SLACK_CLIENT_SECRET', path: ['clientSecret'], type: 'string', secret: true },
    { name: 'SLACK_STATE_SECRET', path: ['stateSecret'], type: 'string', secret: true },
    { name: 'SLACK_REDIRECT_URI', path: ['redirectUri'], type: 'string' },
    { name: 'SLACK_PORT', path: ['port'], type: 'int' },
    { name: 'SLACK_API_URL', path: ['apiUrl'], type: 'string' },
  ],
  configured(s) {
    if (s.clientId) return Boolean(s.clientSecret && s.signingSecret);
    return Boolean(s.botToken && (s.signingSecret || s.appToken));
  },
});
