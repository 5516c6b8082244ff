// The ingest leader in one process: alone (no BRIEFING_DATABASE_URL) the work starts with the app
// and stops with it, as before; on a real PostgreSQL two leaders run the work one at a time, a
// clean stop hands it over, and one piece of work failing to start does not keep the others back.
import { afterAll, expect, it, describe } from 'vitest';
import { createIngestLeader, type IngestWork } from '../../src/app/ingest-leader.ts';
import { createLogger, silentLogger } from '../../src/log.ts';
import { describePg, freshDatabase, pgUrl } from '../pg/db.ts';

const events: string[] = [];
const work = (name: string, fail = false): IngestWork => ({
  name,
  start() {
    events.push(`start ${name}`);
    if (fail) throw new Error(`${name} cannot read its folder`);
  },
  stop() {
    events.push(`stop ${name}`);
  },
});
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stops) await s();
});

describe('ingest leader without a shared database', () => {
  it('runs the work at once, under its own name, and stops it with the app', async () => {
    events.length = 0;
    const leader = createIngestLeader({ work: [work('content sync'), work('feed poller')], logger: silentLogger });
    expect(leader.name).toBe('content sync + feed poller');
    await leader.start();
    expect(leader.leading).toBe(true);
    expect(events).toEqual(['start content sync', 'start feed poller']);
    await leader.stop();
    expect(events).toEqual(['start content sync', 'start feed poller', 'stop feed poller', 'stop content sync']);
    expect(leader.leading).toBe(false);
  });
});

describePg('ingest leader on PostgreSQL', () => {
  it('two replicas: one runs the work; a clean stop hands it over before the lease would expire; a failing piece is logged, the rest run', async () => {
    events.length = 0;
    const url = await freshDatabase('ingest_leader_inproc');
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', write: (l) => lines.push(l) });
    const a = createIngestLeader({ databaseUrl: url, holder: 'A', ttlMs: 4000, work: [work('a-content', true), work('a-feeds')], logger });
    stops.push(() => a.stop());
    await a.start();
    await expect.poll(() => a.leading, { timeout: 10_000 }).toBe(true);
    expect(a.token).toBe(1);
    const b = createIngestLeader({ databaseUrl: url, holder: 'B', ttlMs: 4000, work: [work('b-feeds')], logger });
    stops.push(() => b.stop());
    await b.start();
    await new Promise((r) => setTimeout(r, 2500));
    expect(b.leading).toBe(false);
    expect(events).toEqual(['start a-content', 'start a-feeds']);
    expect(lines.join('\n')).toContain('a-content failed to start');
    await a.stop();
    const t0 = performance.now();
    expect(events.slice(2, 4)).toEqual(['stop a-feeds', 'stop a-content']);
    await expect.poll(() => b.leading, { timeout: 10_000, interval: 10 }).toBe(true);
    // Released, not left to expire: B's next try (every ttl/3) takes it, well before a ttl.
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(b.token).toBe(2);
    expect(events.at(-1)).toBe('start b-feeds');
    expect(lines.join('\n')).toMatch(/running content sync and feed polling on this replica \{"why":"holds the ingest lease \(token 2\)","holder":"B"/);
  }, 30_000);

  it('an unreachable database stops the start with the error', async () => {
    if (!pgUrl) return;
    const bad = new URL(pgUrl);
    bad.port = '1';
    const leader = createIngestLeader({ databaseUrl: bad.toString(), work: [work('x')], logger: silentLogger });
    await expect(leader.start()).rejects.toThrow(/ECONNREFUSED/);
    await leader.stop();
  });
});
