// Ingest leadership on a real PostgreSQL: one holder at a time, renewals keep it, a dead holder
// is replaced within ttl + one renewal interval with a higher fencing token, a clean stop hands
// over at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acquireLease, readLease, releaseLease, runForLease } from '../../../src/store/postgres/lease.ts';
import { openPostgres, type Pool } from '../../../src/store/postgres/index.ts';
import { describePg, freshDatabase, pgUrl } from '../../pg/db.ts';

let a: Pool;
let b: Pool;
beforeAll(async () => {
  if (!pgUrl) return;
  const url = await freshDatabase('lease');
  a = await openPostgres(url);
  b = await openPostgres(url);
});
afterAll(async () => {
  await a?.end();
  await b?.end();
});

describePg('postgres lease', () => {
  it('one holder at a time; renewing keeps the token; expiry hands it over with a higher token', async () => {
    expect(await acquireLease(a, 'ingest', 'A', 1000)).toBe(1);
    expect(await acquireLease(b, 'ingest', 'B', 1000)).toBeNull();
    expect(await acquireLease(a, 'ingest', 'A', 1000)).toBe(1);
    const held = await readLease(b, 'ingest');
    expect(held).toMatchObject({ holder: 'A', token: 1 });
    expect(held!.expiresAt - held!.now).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await acquireLease(b, 'ingest', 'B', 1000)).toBe(2);
    expect(await acquireLease(a, 'ingest', 'A', 1000)).toBeNull();
    await releaseLease(b, 'ingest', 'B');
    // Released, not deleted: the next holder's token is still higher (fencing stays monotonic).
    expect(await acquireLease(a, 'ingest', 'A', 1000)).toBe(3);
    await releaseLease(a, 'ingest', 'A');
  }, 30_000);

  it('runForLease: when the leader is cut off, the follower takes over within ttl + ttl/3, and the old leader steps down', async () => {
    const events: string[] = [];
    const ttl = 1500;
    const url = await freshDatabase('lease_run');
    const doomed = await openPostgres(url);
    const other = await openPostgres(url);
    const leaderA = runForLease({ pool: doomed, name: 'feeds', holder: 'A', ttlMs: ttl, onLead: (t) => void events.push(`A leads ${t}`), onLose: (w) => void events.push(`A lost: ${w}`) });
    await expect.poll(() => leaderA.leading, { timeout: 10_000 }).toBe(true);
    let tookAt = 0;
    const leaderB = runForLease({ pool: other, name: 'feeds', holder: 'B', ttlMs: ttl, onLead: (t) => void ((tookAt = performance.now()), events.push(`B leads ${t}`)), onLose: () => {} });
    await new Promise((r) => setTimeout(r, ttl * 2));
    expect(leaderB.leading).toBe(false);
    // A loses its database (as a replica cut off or killed): its renewals stop reaching the row.
    const cutAt = performance.now();
    await doomed.end();
    await expect.poll(() => leaderB.leading, { timeout: 10_000, interval: 20 }).toBe(true);
    expect(tookAt - cutAt).toBeLessThan(ttl + ttl / 3 + 1500);
    await expect.poll(() => leaderA.leading, { timeout: 10_000 }).toBe(false);
    // A stepped down before B took over: never two leaders.
    expect(events).toEqual(['A leads 1', 'A lost: could not renew the lease within its ttl', 'B leads 2']);
    await leaderA.stop();
    await leaderB.stop();
    const after = await readLease(other, 'feeds');
    expect(after).toMatchObject({ holder: 'B', token: 2 });
    expect(after!.expiresAt).toBeLessThan(after!.now);
    await other.end();
  }, 60_000);
});
