// The real bot (`briefing start` against the fake Slack) under libfaketime, with a Slack that
// answers late, never answers, or rate-limits it while a supervisor stops it (SIGTERM) or kills it
// (SIGKILL). One digest is owed when the bot starts (12:00 UTC, the bot starts after it, within the
// grace window), so the catch-up run posts it at once, whatever the boot takes.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateDb } from '../../src/store/sqlite/state.ts';
import { SubscriptionStore } from '../../src/store/sqlite/subscriptions.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.ts';
import { FAKETIME, freePort, MINUTE, startBot, type Bot } from './faketime.ts';

const SPEED = 30; // Slack's 70 s answer is 2.3 real seconds; the post client's 90 s timeout, 3.
const TEAM = 'T0FAKE01';
const CHANNEL = 'C0DIGEST1';
const KEY = `slack:${TEAM}:${CHANNEL}`;
const DUE = Date.parse('2026-06-10T12:00:00Z'); // a Wednesday
const START = DUE + 30_000;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), 'digest-faults-'));
  dirs.push(dir);
  const db = openStateDb(join(dir, 'briefing.db'));
  // Subscribed in chat at 16:00 the day before, so today's 12:00 is the first digest owed.
  new SubscriptionStore(db).upsert({ platform: 'slack', workspace: TEAM, channel: CHANNEL, time: '12:00', timezone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7] }, 'command', 'U1', DUE - 20 * 60 * MINUTE);
  db.close();
  return dir;
}

async function bot(dir: string, slack: FakeSlack, at: number): Promise<Bot> {
  return startBot({
    at,
    speed: SPEED,
    tz: 'Europe/London',
    dir,
    configYaml: [`contentDir: ${join(dir, 'content')}`, `databasePath: ${join(dir, 'briefing.db')}`, 'watchContent: false', 'answerWorkers: 0', 'digest:', '  whenNothingNew: notice', ''].join('\n'),
    env: { SLACK_BOT_TOKEN: 'xoxb-fake-token', SLACK_SIGNING_SECRET: 'fake-signing-secret', SLACK_API_URL: slack.apiUrl, SLACK_PORT: String(await freePort()) },
  });
}

interface Row {
  status: string;
  in_flight: number;
  lease_until: number | null;
  reason: string | null;
  attempts: number;
}
function ledger(dir: string): Row[] {
  const db = new Database(join(dir, 'briefing.state.db'), { readonly: true }); // the ledger's file
  try {
    return db.prepare('SELECT status, in_flight, lease_until, reason, attempts FROM digest_deliveries WHERE channel_key = ?').all(KEY) as Row[];
  } finally {
    db.close();
  }
}

const posts = (slack: FakeSlack) => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL).length;
const realMs = (fakeMs: number) => fakeMs / SPEED;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(FAKETIME.skip !== null).concurrent('a slow, silent or rate-limiting Slack, and a supervisor stopping the bot', () => {
  it('Slack answering chat.postMessage after 70 s: one request, the digest recorded as sent, nothing posted again', { timeout: 120_000 }, async () => {
    const dir = setup();
    const slack = await startFakeSlack({ teamId: TEAM });
    slack.failNext('chat.postMessage', { holdMs: realMs(70_000) });
    const b = await bot(dir, slack, START);
    try {
      await slack.waitForCall('chat.postMessage', () => true, 90_000);
      await sleep(realMs(70_000 + 3 * MINUTE)); // the answer, then three more minute ticks
      expect(await b.stop('SIGTERM')).toBe(0);
      expect(posts(slack)).toBe(1);
      expect(ledger(dir).map((r) => r.status)).toEqual(['sent']);
    } finally {
      await b.stop('SIGKILL');
      await slack.close();
    }
  });

  it('Slack never answering: one request, the day unknown (it may have posted), never resent', { timeout: 120_000 }, async () => {
    const dir = setup();
    const slack = await startFakeSlack({ teamId: TEAM });
    slack.failNext('chat.postMessage', { silent: true }, 5);
    const b = await bot(dir, slack, START);
    try {
      await slack.waitForCall('chat.postMessage', () => true, 90_000);
      await sleep(realMs(90_000 + 4 * MINUTE)); // past the post timeout, then four more ticks
      expect(await b.stop('SIGTERM')).toBe(0);
      expect(posts(slack)).toBe(1);
      const rows = ledger(dir);
      expect(rows.map((r) => r.status)).toEqual(['unknown']);
      expect(rows[0]!.reason).toMatch(/did not confirm the post \(network: .+\); the digest may or may not have reached the channel, so it is not sent again/);
    } finally {
      await b.stop('SIGKILL');
      await slack.close();
    }
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} while waiting out a 429: ${signal === 'SIGTERM' ? 'exits within 10 s, ' : ''}nothing was in flight, so the next start posts the digest once`, { timeout: 180_000 }, async () => {
      const dir = setup();
      const slack = await startFakeSlack({ teamId: TEAM });
      // Within what the old poster waited out in place (with the post marked in flight).
      slack.failNext('chat.postMessage', { status: 429, retryAfter: 60 });
      const first = await bot(dir, slack, START);
      let second: Bot | null = null;
      try {
        await slack.waitForCall('chat.postMessage', () => true, 90_000);
        await sleep(500);
        const stopping = performance.now();
        const code = await first.stop(signal);
        const tookMs = performance.now() - stopping;
        if (signal === 'SIGTERM') {
          expect(code).toBe(0);
          expect(tookMs).toBeLessThan(10_000);
        }
        const held = ledger(dir);
        expect(held.map((r) => ({ status: r.status, inFlight: r.in_flight }))).toEqual([{ status: 'claimed', inFlight: 0 }]);
        // A supervisor restarts it at once.
        second = await bot(dir, slack, first.fakeNow() + MINUTE);
        await slack.waitForCall('chat.postMessage', () => posts(slack) >= 2, 90_000);
        await sleep(realMs(2 * MINUTE));
        expect(await second.stop('SIGTERM')).toBe(0);
        expect(posts(slack)).toBe(2); // the 429, then the digest
        expect(ledger(dir).map((r) => r.status)).toEqual(['sent']);
      } finally {
        await first.stop('SIGKILL');
        await second?.stop('SIGKILL');
        await slack.close();
      }
    });
  }
});
