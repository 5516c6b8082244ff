// The app manifest must ask for what the adapter uses, and point every request at the one path
// the HTTP receiver serves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES, EVENTS_PATH, REDIRECT_PATH } from '../../../src/adapters/slack/index.ts';

const manifest = parse(readFileSync(new URL('../../../config/slack-manifest.yaml', import.meta.url), 'utf8'));

describe('config/slack-manifest.yaml', () => {
  it('declares /brief, the scopes, the app_mention event and interactivity', () => {
    expect(manifest.features.slash_commands.map((c: any) => c.command)).toEqual(['/brief']);
    expect(manifest.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'app_mentions:read', 'channels:read', 'groups:read', 'im:read', 'mpim:read']);
    expect(manifest.oauth_config.scopes.bot).toEqual(BOT_SCOPES);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'app_uninstalled', 'tokens_revoked']);
    expect(new URL(manifest.oauth_config.redirect_urls[0]).pathname).toBe(REDIRECT_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('sends commands, events and button clicks to the receiver path', () => {
    const urls = [manifest.features.slash_commands[0].url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    for (const url of urls) expect(new URL(url).pathname).toBe(EVENTS_PATH);
  });
});
