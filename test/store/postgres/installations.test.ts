// Installations and seen-once keys on a real PostgreSQL: sealed rows, shared by replicas.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Installations } from '../../../src/store/installations.ts';
import { openPostgres, type Pool } from '../../../src/store/postgres/index.ts';
import { pgInstallationRows } from '../../../src/store/postgres/installations.ts';
import { pgOnceKeys } from '../../../src/store/postgres/once.ts';
import { createTokenCipher, DecryptError } from '../../../src/store/token-cipher.ts';
import { describePg, freshDatabase, pgUrl } from '../../pg/db.ts';

let a: Pool;
let b: Pool;
beforeAll(async () => {
  if (!pgUrl) return;
  const url = await freshDatabase('installations');
  a = await openPostgres(url);
  b = await openPostgres(url);
});
afterAll(async () => {
  await a?.end();
  await b?.end();
});

describePg('postgres installations and seen-once keys', () => {
  it('an installation saved by one replica is read by another; the token is never stored in clear', async () => {
    const key = randomBytes(32);
    const one = new Installations(pgInstallationRows(a), createTokenCipher(key));
    const two = new Installations(pgInstallationRows(b), createTokenCipher(key));
    const token = 'xoxb-9-9-installedtokenvalue0123456789';
    await one.save('slack', { teamId: 'T1', enterpriseInstall: false }, { team: { id: 'T1' }, bot: { token } });
    expect(await two.find('slack', { teamId: 'T1', enterpriseInstall: false })).toEqual({ team: { id: 'T1' }, bot: { token } });
    const raw = (await a.query(`SELECT sealed FROM installations WHERE key = 'team:T1'`)).rows[0].sealed as string;
    expect(raw).not.toContain(token);
    // A sealed value moved to another row does not open there.
    await a.query(`INSERT INTO installations SELECT platform, 'team:T2', 'T2', NULL, sealed, installed_at FROM installations WHERE key = 'team:T1'`);
    await expect(two.find('slack', { teamId: 'T2', enterpriseInstall: false })).rejects.toBeInstanceOf(DecryptError);
    expect(await two.count('slack')).toBe(2);
    expect(await two.delete('slack', { teamId: 'T2', enterpriseInstall: false })).toBe(true);
    expect(await one.find('slack', { teamId: 'T2', enterpriseInstall: false })).toBeUndefined();
  });

  it('a key is new once across replicas, and new again after it expires', async () => {
    const onA = pgOnceKeys(a, 'discord-signature');
    const onB = pgOnceKeys(b, 'discord-signature');
    const results = await Promise.all([onA.firstSeen('sig1', 1000), onB.firstSeen('sig1', 1000), onA.firstSeen('sig1', 1000)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await pgOnceKeys(b, 'other-scope').firstSeen('sig1', 1000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await onB.firstSeen('sig1', 1000)).toBe(true);
    expect(await onA.firstSeen('sig1', 1000)).toBe(false);
  }, 30_000);
});
