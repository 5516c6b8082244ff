// BRIEFING_DATABASE_URL: what replicas share through PostgreSQL today. A Discord interaction
// replayed to a second replica is refused there too; a Slack install stored by one replica is read
// by another; a database from a newer version stops the start with its message.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDiscordHttpAdapter, INTERACTIONS_PATH, type DiscordHttpAdapter } from '../../src/adapters/discord/index.ts';
import { openInstallations } from '../../src/app/installations.ts';
import type { AppDeps } from '../../src/app/types.ts';
import { loadConfig } from '../../src/config/load.ts';
import { silentLogger } from '../../src/log.ts';
import { sharedPostgres, type SharedPostgres } from '../../src/store/postgres/shared.ts';
import { fakeBriefing } from '../fakes/discord-briefing.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { describePg, freshDatabase, pgUrl } from '../pg/db.ts';
import { sub, TOKEN } from '../adapters/discord/harness.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicHex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

let url: string;
let fake: FakeDiscord;
const shared: SharedPostgres[] = [];
const replicas: DiscordHttpAdapter[] = [];
beforeAll(async () => {
  if (!pgUrl) return;
  url = await freshDatabase('shared');
  fake = await FakeDiscord.start();
  for (let i = 0; i < 2; i++) {
    const db = sharedPostgres(url);
    shared.push(db);
    const adapter = createDiscordHttpAdapter({
      config: { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl, publicKey: publicHex, interactionsPort: 0 },
      briefing: fakeBriefing(),
      logger: silentLogger,
      host: '127.0.0.1',
      register: false,
      replay: db.replayGuard('discord-interaction'),
    });
    await adapter.start();
    replicas.push(adapter);
  }
});
afterAll(async () => {
  for (const r of replicas) await r.stop();
  for (const s of shared) await s.close();
  await fake?.close();
});

describePg('what replicas share through BRIEFING_DATABASE_URL', () => {
  it('a signed interaction replayed to another replica is refused there too', async () => {
    const body = JSON.stringify(fake.interactionPayload(sub('quotes', { speaker: 'Sergei Lavrov' })));
    const ts = String(Math.floor(Date.now() / 1000));
    const headers = { 'content-type': 'application/json', 'x-signature-ed25519': sign(null, Buffer.from(ts + body), privateKey).toString('hex'), 'x-signature-timestamp': ts };
    const at = (i: number) => fetch(`http://127.0.0.1:${replicas[i]!.port}${INTERACTIONS_PATH}`, { method: 'POST', headers, body });
    expect((await at(0)).status).toBe(200);
    expect((await at(1)).status).toBe(401);
    expect((await at(0)).status).toBe(401);
  });

  it('a Slack installation stored through one replica is read through another, sealed', async () => {
    const env = { BRIEFING_DATABASE_URL: url, BRIEFING_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    const { config } = loadConfig({ env, envFile: null });
    expect(config.databaseUrl).toBe(url);
    const deps = { config, logger: silentLogger, db: () => { throw new Error('the SQLite file must not be used for installations'); } } as unknown as AppDeps;
    const one = openInstallations(deps, shared[0]!);
    const two = openInstallations(deps, shared[1]!);
    await one.save('slack', { teamId: 'T9', enterpriseInstall: false }, { bot: { token: 'xoxb-9-9-sharedtokenvalue012345' } });
    expect(await two.find('slack', { teamId: 'T9', enterpriseInstall: false })).toEqual({ bot: { token: 'xoxb-9-9-sharedtokenvalue012345' } });
    const raw = await shared[1]!.pool.query(`SELECT sealed FROM installations WHERE key = 'team:T9'`);
    expect(raw.rows[0].sealed).not.toContain('sharedtokenvalue');
  });

  it('a database from a newer version is refused before anything starts', async () => {
    const newer = await freshDatabase('shared_newer');
    const first = sharedPostgres(newer);
    await first.ready;
    await first.pool.query(`UPDATE schema_versions SET version = 99 WHERE module = 'installations'`);
    await first.close();
    const again = sharedPostgres(newer);
    await expect(again.ready).rejects.toThrow(/migrated by a newer version of briefing \(installations schema version 99; this version knows up to 1\)/);
    await again.close();
  });
});
