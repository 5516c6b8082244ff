// The delivery ledger on a real PostgreSQL, with several pools standing for replicas: one claim
// per channel-day whatever the race, take-over between attempts, `unknown` after an in-flight
// post's owner vanished, and leases on the database's clock (a replica's wrong wall clock changes
// nothing).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres, type Pool } from '../../../src/store/postgres/index.ts';
import { PgDeliveryLedger } from '../../../src/store/postgres/deliveries.ts';
import { describePg, freshDatabase } from '../../pg/db.ts';

let pools: Pool[] = [];
let ledgers: PgDeliveryLedger[] = [];
beforeAll(async () => {
  if (!(await import('../../pg/db.ts')).pgUrl) return;
  const url = await freshDatabase('ledger');
  pools = await Promise.all([0, 1, 2].map((i) => openPostgres(url, { max: 8, applicationName: `replica-${i}` })));
  ledgers = pools.map((p) => new PgDeliveryLedger(p));
});
afterAll(async () => {
  for (const p of pools) await p.end();
});

const claimOf = (key: string, owner: string, leaseMs = 60_000, now = Date.now()) => ({ key, subscriptionId: 1, date: '2026-12-03', dueAt: now, owner, now, leaseMs });

describePg('postgres delivery ledger', () => {
  it('1,000 channels claimed by three replicas at once: each channel is claimed exactly once', async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `slack/T1/C${i}`);
    // Each replica claims through 6 concurrent lanes (as a scheduler tick would), all three at once.
    const results: { key: string; r: number; out: Awaited<ReturnType<PgDeliveryLedger['claim']>> }[] = [];
    await Promise.all(
      ledgers.flatMap((l, r) =>
        Array.from({ length: 6 }, async (_, lane) => {
          for (let i = lane; i < keys.length; i += 6) results.push({ key: keys[i]!, r, out: await l.claim(claimOf(keys[i]!, `replica-${r}`)) });
        }),
      ),
    );
    const winners = new Map<string, number[]>();
    for (const { key, r, out } of results) if (out.claimed) winners.set(key, [...(winners.get(key) ?? []), r]);
    expect(winners.size).toBe(1000);
    expect([...winners.values()].every((w) => w.length === 1)).toBe(true);
    // The losers were told who owns it.
    const lost = results.filter((x) => !x.out.claimed);
    expect(lost).toHaveLength(2000);
    expect(lost.every((x) => x.out.delivery.owner === `replica-${winners.get(x.key)![0]}`)).toBe(true);
  }, 120_000);

  it('an owner that vanished between attempts is taken over; one in flight becomes unknown, never re-posted', async () => {
    const [a, b, c] = ledgers as [PgDeliveryLedger, PgDeliveryLedger, PgDeliveryLedger];
    const idle = await a.claim(claimOf('slack/T1/idle', 'A', 60_000));
    const flying = await a.claim(claimOf('slack/T1/flying', 'A', 60_000));
    if (!idle.claimed || !flying.claimed) throw new Error('first claims must win');
    const now = Date.now();
    expect(await a.beginAttempt(flying.delivery.id, 'A', now, now + 60_000)).toBe(true);
    // Before the lease runs out nobody else gets either.
    expect((await b.claim(claimOf('slack/T1/idle', 'B'))).claimed).toBe(false);
    // A's leases run out: an hour passes on the database's clock (aged in place, not waited for).
    await pools[0]!.query(`UPDATE digest_deliveries SET lease_until = lease_until - 3600000 WHERE channel_key IN ('slack/T1/idle', 'slack/T1/flying')`);
    const took = await b.claim(claimOf('slack/T1/idle', 'B'));
    expect(took).toMatchObject({ claimed: true, tookOver: true, delivery: { owner: 'B', status: 'claimed' } });
    expect(took.delivery.reason).toBe('taken over from A after its lease expired between attempts');
    // A comes back: it no longer owns the row.
    expect(await a.markSent(idle.delivery.id, 'A', Date.now(), 'ts1', Date.now())).toBe(false);

    const unknown = await b.claim(claimOf('slack/T1/flying', 'B'));
    expect(unknown.claimed).toBe(false);
    expect(unknown.delivery.status).toBe('unknown');
    expect(unknown.delivery.reason).toMatch(/^A stopped while posting \(lease expired \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\); the digest may or may not have reached the channel, so it is not posted again$/);
    expect((await c.claim(claimOf('slack/T1/flying', 'C'))).delivery.status).toBe('unknown');
    expect(await a.markSent(flying.delivery.id, 'A', Date.now(), 'ts2', Date.now())).toBe(false);
  }, 60_000);

  it('two replicas racing to take over an expired claim: one wins', async () => {
    const [a, b, c] = ledgers as [PgDeliveryLedger, PgDeliveryLedger, PgDeliveryLedger];
    const keys = Array.from({ length: 100 }, (_, i) => `discord/G1/race${i}`);
    for (const k of keys) await a.claim(claimOf(k, 'A', 50));
    await new Promise((r) => setTimeout(r, 120));
    const outs = await Promise.all(keys.flatMap((k) => [b.claim(claimOf(k, 'B')), c.claim(claimOf(k, 'C'))]));
    const claimed = outs.filter((o) => o.claimed);
    expect(claimed).toHaveLength(100);
    expect(new Set(claimed.map((o) => o.delivery.channelKey)).size).toBe(100);
  }, 60_000);

  it('leases are on the database clock: a replica whose clock is a day off neither steals nor loses a lease', async () => {
    const [a, b] = ledgers as [PgDeliveryLedger, PgDeliveryLedger];
    const day = 24 * 3600_000;
    const first = await a.claim(claimOf('slack/T1/clock', 'A', 60_000, Date.now() - day));
    expect(first.claimed).toBe(true);
    expect(first.delivery.leaseUntil! - Date.now()).toBeGreaterThan(50_000);
    // B's clock runs a day ahead: on its own clock A's lease is long gone, but not on the database's.
    expect((await b.claim(claimOf('slack/T1/clock', 'B', 60_000, Date.now() + day))).claimed).toBe(false);
  });

  it('the rest of the lifecycle: sent, final states, skipped days, queries', async () => {
    const [a] = ledgers as [PgDeliveryLedger];
    const c1 = await a.claim(claimOf('slack/T2/C1', 'A'));
    if (!c1.claimed) throw new Error('claim');
    expect(await a.beginAttempt(c1.delivery.id, 'A', 0, 30_000)).toBe(true);
    expect(await a.betweenAttempts(c1.delivery.id, 'A', 0, 1_000, 'rate limited')).toBe(true);
    expect(await a.beginAttempt(c1.delivery.id, 'A', 0, 30_000)).toBe(true);
    expect(await a.markSent(c1.delivery.id, 'A', 0, '1700000000.000100', 1234)).toBe(true);
    expect(await a.get('slack/T2/C1', '2026-12-03')).toMatchObject({ status: 'sent', attempts: 2, messageId: '1700000000.000100', coveredUntil: 1234, inFlight: false, reason: null });
    expect((await a.lastSent('slack/T2/C1'))?.id).toBe(c1.delivery.id);
    const c2 = await a.claim(claimOf('slack/T2/C2', 'A'));
    if (!c2.claimed) throw new Error('claim');
    expect(await a.finishAs(c2.delivery.id, 'A', 0, 'failed', 'channel_gone')).toBe(true);
    expect(await a.recordSkipped({ key: 'slack/T2/C3', subscriptionId: 3, date: '2026-12-03', dueAt: 1, reason: 'missed by 3 h', now: 0 })).toBe(true);
    expect(await a.recordSkipped({ key: 'slack/T2/C3', subscriptionId: 3, date: '2026-12-03', dueAt: 1, reason: 'again', now: 0 })).toBe(false);
    const rows = (await a.rowsSince('2026-12-03')).filter((r) => r.channelKey.startsWith('slack/T2/'));
    expect(rows.map((r) => [r.channelKey, r.status]).sort()).toEqual([
      ['slack/T2/C1', 'sent'],
      ['slack/T2/C2', 'failed'],
      ['slack/T2/C3', 'skipped'],
    ]);
    expect((await a.latest('slack/T2/C2'))?.reason).toBe('channel_gone');
  });
});
