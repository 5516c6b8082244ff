// Registration: guild or global route, PUT only when Discord's copy differs from the definition.
import { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDiscord } from '../../../src/cli/commands/discord.ts';
import { briefCommand } from '../../../src/adapters/discord/definition.ts';
import { registerCommands, sameCommands } from '../../../src/adapters/discord/register.ts';
import { FakeDiscord } from '../../fakes/discord.ts';
import { startHarness, TOKEN } from './harness.ts';

let fake: FakeDiscord;
let rest: REST;
beforeEach(async () => {
  fake = await FakeDiscord.start();
  rest = new REST({ api: fake.apiUrl }).setToken(TOKEN);
});
afterEach(async () => {
  await fake.close();
});

describe('registerCommands', () => {
  it('PUTs the definition to the guild route when a guild is set, with the bot token', async () => {
    const route = `/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`;
    const result = await registerCommands({ rest, applicationId: fake.applicationId, guildId: fake.guild.id });
    expect(result).toEqual({ scope: 'guild', changed: true, names: ['brief'] });
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${route}`, `PUT ${route}`, `GET /applications/${fake.applicationId}/commands`]);
    const put = fake.calls[1]!;
    expect(put.headers['authorization']).toBe(`Bot ${TOKEN}`);
    expect(put.body).toEqual([JSON.parse(JSON.stringify(briefCommand))]);
  });

  it('does not PUT when the registered commands match (Discord adds ids and defaults)', async () => {
    await registerCommands({ rest, applicationId: fake.applicationId, guildId: fake.guild.id });
    const again = await registerCommands({ rest, applicationId: fake.applicationId, guildId: fake.guild.id });
    expect(again.changed).toBe(false);
    expect(fake.callsTo('PUT', /commands$/)).toHaveLength(1);
    expect(fake.callsTo('GET', `/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`)).toHaveLength(2);
  });

  it('uses the global route without a guild', async () => {
    const result = await registerCommands({ rest, applicationId: fake.applicationId });
    expect(result.scope).toBe('global');
    expect(fake.callsTo('PUT', `/applications/${fake.applicationId}/commands`)).toHaveLength(1);
    expect(fake.commands.get('global')?.map((c) => c['name'])).toEqual(['brief']);
  });

  it('PUTs again when the registration is stale, and replaces commands that are not ours', async () => {
    const stale = JSON.parse(JSON.stringify(briefCommand));
    stale.options = stale.options.filter((o: { name: string }) => o.name !== 'who');
    fake.commands.set('global', [{ id: '1', ...stale }, { id: '2', name: 'old', description: 'gone', type: 1 }]);
    const result = await registerCommands({ rest, applicationId: fake.applicationId });
    expect(result.changed).toBe(true);
    expect(fake.commands.get('global')?.map((c) => c['name'])).toEqual(['brief']);
  });
});

describe('registration scope (issue 15 item 16)', () => {
  const guildRoute = () => `/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`;

  it('switching from DISCORD_GUILD_ID to global removes the server copy, so /brief is listed once', async () => {
    await registerCommands({ rest, applicationId: fake.applicationId, guildId: fake.guild.id });
    expect(fake.commands.get(fake.guild.id)?.map((c) => c['name'])).toEqual(['brief']);
    const result = await registerCommands({ rest, applicationId: fake.applicationId });
    expect(result).toMatchObject({ scope: 'global', changed: true, removedFrom: [fake.guild.id] });
    expect(fake.commands.get('global')?.map((c) => c['name'])).toEqual(['brief']);
    expect(fake.commands.get(fake.guild.id)).toEqual([]);
    expect(fake.callsTo('PUT', guildRoute()).at(-1)!.body).toEqual([]);
    // Nothing left to remove the next time.
    const again = await registerCommands({ rest, applicationId: fake.applicationId });
    expect(again.removedFrom).toBeUndefined();
  });

  it('switching from global to a server tells the operator about the global copy, and removes it when asked', async () => {
    await registerCommands({ rest, applicationId: fake.applicationId });
    const env = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_GUILD_ID: fake.guild.id, DISCORD_API_URL: fake.apiUrl };
    const err: string[] = [];
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    expect(await runDiscord(['register'], io, { env, envFile: null })).toBe(0);
    expect(err.join('')).toBe(
      `briefing discord register: /brief is also registered globally, so server ${fake.guild.id} lists it twice. To serve only this server, remove the global copy with \`briefing discord register --remove-global\`; to serve every server, unset DISCORD_GUILD_ID (the server copy is then removed).\n`,
    );
    expect(fake.commands.get('global')?.map((c) => c['name'])).toEqual(['brief']);
    err.length = 0;
    expect(await runDiscord(['register', '--remove-global'], io, { env, envFile: null })).toBe(0);
    expect(err).toEqual([]);
    expect(fake.commands.get('global')).toEqual([]);
    expect(fake.commands.get(fake.guild.id)?.map((c) => c['name'])).toEqual(['brief']);
  });
});

describe('sameCommands', () => {
  const def = JSON.parse(JSON.stringify(briefCommand));
  it('ignores server fields and explicit defaults', () => {
    const asReturned = {
      ...def,
      id: '123',
      application_id: '456',
      version: '789',
      default_member_permissions: null,
      nsfw: false,
      name_localizations: null,
      options: def.options.map((o: any) => ({ ...o, options: (o.options ?? []).map((x: any) => ({ required: false, autocomplete: false, ...x })) })),
    };
    expect(sameCommands([asReturned], [briefCommand])).toBe(true);
  });

  it('sees a changed description, option or limit', () => {
    expect(sameCommands([{ ...def, description: 'other' }], [briefCommand])).toBe(false);
    const shorter = JSON.parse(JSON.stringify(def));
    shorter.options[0].options[0].max_length = 100;
    expect(sameCommands([shorter], [briefCommand])).toBe(false);
    expect(sameCommands([], [briefCommand])).toBe(false);
  });
});

describe('adapter start', () => {
  it('checks the registration on every start, PUTting only the first time', async () => {
    for (let i = 0; i < 2; i++) {
      const h = await startHarness({ fake, register: true });
      await h.close();
    }
    const route = `/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`;
    expect(fake.callsTo('GET', route)).toHaveLength(2);
    expect(fake.callsTo('PUT', route)).toHaveLength(1);
  });

  it('keeps serving when registration fails', async () => {
    fake.fail({ method: 'GET', path: /commands$/, status: 403, body: { message: 'Missing Access', code: 50001 } });
    const h = await startHarness({ fake, register: true });
    try {
      expect(h.adapter.client.isReady()).toBe(true);
      expect(fake.callsTo('PUT', /commands$/)).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('briefing discord register', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
  };
  const env = () => ({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_GUILD_ID: fake.guild.id, DISCORD_API_URL: fake.apiUrl });

  it('registers, then reports nothing changed', async () => {
    const first = io();
    expect(await runDiscord(['register'], first.io, { env: env(), envFile: null })).toBe(0);
    expect(first.out.join('')).toBe(`Registered /brief for server ${fake.guild.id}.\n`);
    const second = io();
    expect(await runDiscord(['register'], second.io, { env: env(), envFile: null })).toBe(0);
    expect(second.out.join('')).toBe(`/brief is already up to date for server ${fake.guild.id}; nothing changed.\n`);
  });

  it('names missing settings and bad ids', async () => {
    const a = io();
    expect(await runDiscord(['register'], a.io, { env: { DISCORD_API_URL: fake.apiUrl }, envFile: null })).toBe(2);
    expect(a.err.join('')).toContain('set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
    const b = io();
    expect(await runDiscord(['register'], b.io, { env: { ...env(), DISCORD_GUILD_ID: 'my-server' }, envFile: null })).toBe(2);
    expect(b.err.join('')).toContain("DISCORD_GUILD_ID must be a Discord id (17-20 digits), got 'my-server'");
    expect(fake.calls).toHaveLength(0);
  });

  it('reports configuration problems by name', async () => {
    const r = io();
    expect(await runDiscord(['register'], r.io, { env: { ...env(), DISCORD_API_URL: 'not a url' }, envFile: null })).toBe(2);
    expect(r.err.join('')).toMatch(/^briefing discord register: the configuration has problems:\n  .*DISCORD_API_URL/);
    expect(fake.calls).toHaveLength(0);
  });

  it('explains a 401 without printing the token', async () => {
    fake.fail({ path: /commands$/, status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const r = io();
    expect(await runDiscord(['register'], r.io, { env: env(), envFile: null })).toBe(1);
    expect(r.err.join('')).toContain('Discord answered 401');
    expect(r.err.join('')).toContain('is DISCORD_TOKEN right?');
    expect(r.err.join('')).not.toContain(TOKEN);
  });
});
