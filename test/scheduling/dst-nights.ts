// For fall-back.process.test.ts and spring-forward.process.test.ts: the real bot (`briefing start`,
// Slack configured against the fake Slack) run under libfaketime through the four daylight-saving nights of 2026, each with the process TZ set to Europe/London,
// America/New_York and UTC. Subscriptions in all three zones fall due in the minutes either side
// of the change; each must be posted once, in its own minute, and the process must idle between
// ticks (a timer spinning through the repeated hour shows as CPU time).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.ts';
import { freePort, lineTime, MINUTE, startBot } from './faketime.ts';

const SPEED = 120; // a faked minute is half a real second
// Booting (a few real seconds, more on a loaded machine) runs on the faked clock too: start 15 real
// seconds before the first due time, or 1.5 times the slowest boot seen so far, and again with a
// longer lead (twice, then four times) when the process was not ready by then (a busy machine).
const LEAD = 30 * MINUTE;
/** The longest boot seen so far (real ms): later runs start that much earlier, and a half more. */
let slowestBoot = 0;
const leadFor = (base: number) => Math.max(base, Math.ceil((1.5 * slowestBoot * SPEED) / MINUTE) * MINUTE + 2 * MINUTE);
const TEAM = 'T0FAKE01';

interface Expect {
  channel: string;
  time: string;
  timezone: string;
  /**
   * When it must be posted (UTC); or, for a local time the night repeats, `repeatOf` its first
   * occurrence: posted then if the bot was already running, and never at the repeat.
   */
  due: string | { repeatOf: string };
}

export interface Night {
  name: string;
  /** The UTC instant the clocks change. */
  change: string;
  subs: Expect[];
}

const s = (channel: string, time: string, timezone: string, due: Expect['due']): Expect => ({ channel, time, timezone, due });
const repeatOf = (first: string) => ({ repeatOf: first });
const LON = 'Europe/London';
const NYC = 'America/New_York';

export const NIGHTS: Night[] = [
  {
    name: 'London fall-back, Sun 25 Oct 2026 (02:00 BST -> 01:00 GMT)',
    change: '2026-10-25T01:00:00Z',
    subs: [
      s('CLON0159', '01:59', LON, '2026-10-25T00:59:00Z'),
      // Its one due instant is the first 01:00 (00:00Z); the repeated 01:00 GMT is the same date.
      s('CLON0100', '01:00', LON, repeatOf('2026-10-25T00:00:00Z')),
      s('CLON0101', '01:01', LON, repeatOf('2026-10-25T00:01:00Z')),
      s('CUTC0100', '01:00', 'UTC', '2026-10-25T01:00:00Z'),
      s('CUTC0101', '01:01', 'UTC', '2026-10-25T01:01:00Z'),
      s('CNYC2100', '21:00', NYC, '2026-10-25T01:00:00Z'),
      s('CNYC2102', '21:02', NYC, '2026-10-25T01:02:00Z'),
    ],
  },
  {
    name: 'New York fall-back, Sun 1 Nov 2026 (02:00 EDT -> 01:00 EST)',
    change: '2026-11-01T06:00:00Z',
    subs: [
      s('CNYC0159', '01:59', NYC, '2026-11-01T05:59:00Z'),
      s('CNYC0100', '01:00', NYC, repeatOf('2026-11-01T05:00:00Z')),
      s('CNYC0101', '01:01', NYC, repeatOf('2026-11-01T05:01:00Z')),
      s('CLON0600', '06:00', LON, '2026-11-01T06:00:00Z'),
      s('CLON0601', '06:01', LON, '2026-11-01T06:01:00Z'),
      s('CUTC0600', '06:00', 'UTC', '2026-11-01T06:00:00Z'),
      s('CUTC0602', '06:02', 'UTC', '2026-11-01T06:02:00Z'),
    ],
  },
  {
    name: 'London spring-forward, Sun 29 Mar 2026 (01:00 GMT -> 02:00 BST)',
    change: '2026-03-29T01:00:00Z',
    subs: [
      s('CLON0059', '00:59', LON, '2026-03-29T00:59:00Z'),
      // 01:00 and 01:30 do not exist that night: the first minute after the gap, 02:00 BST.
      s('CLON0100', '01:00', LON, '2026-03-29T01:00:00Z'),
      s('CLON0130', '01:30', LON, '2026-03-29T01:00:00Z'),
      s('CLON0200', '02:00', LON, '2026-03-29T01:00:00Z'),
      s('CLON0201', '02:01', LON, '2026-03-29T01:01:00Z'),
      s('CUTC0100', '01:00', 'UTC', '2026-03-29T01:00:00Z'),
      s('CNYC2101', '21:01', NYC, '2026-03-29T01:01:00Z'),
    ],
  },
  {
    name: 'New York spring-forward, Sun 8 Mar 2026 (02:00 EST -> 03:00 EDT)',
    change: '2026-03-08T07:00:00Z',
    subs: [
      s('CNYC0159', '01:59', NYC, '2026-03-08T06:59:00Z'),
      s('CNYC0200', '02:00', NYC, '2026-03-08T07:00:00Z'),
      s('CNYC0230', '02:30', NYC, '2026-03-08T07:00:00Z'),
      s('CNYC0300', '03:00', NYC, '2026-03-08T07:00:00Z'),
      s('CNYC0301', '03:01', NYC, '2026-03-08T07:01:00Z'),
      s('CLON0700', '07:00', LON, '2026-03-08T07:00:00Z'),
      s('CUTC0701', '07:01', 'UTC', '2026-03-08T07:01:00Z'),
    ],
  },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function configYaml(dir: string, subs: Expect[]): string {
  const entries = subs.map((e) => `    - { platform: slack, workspace: ${TEAM}, channel: ${e.channel}, time: "${e.time}", timezone: ${e.timezone} }`);
  return [
    `contentDir: ${join(dir, 'content')}`,
    `databasePath: ${join(dir, 'briefing.db')}`,
    'timezone: UTC',
    'watchContent: false',
    'answerWorkers: 0',
    'digest:',
    '  weekdays: [1, 2, 3, 4, 5, 6, 7]',
    '  whenNothingNew: notice',
    '  subscriptions:',
    ...entries,
    '',
  ].join('\n');
}

interface Row {
  channel_key: string;
  local_date: string;
  due_at: number;
  status: string;
  claimed_at: number;
}

/** Runs one bot through the night with process TZ `tz`; returns what to compare. */
async function runNight(night: Night, tz: string, lead: number) {
  const dir = mkdtempSync(join(tmpdir(), 'dst-night-'));
  dirs.push(dir);
  const slack: FakeSlack = await startFakeSlack({ teamId: TEAM });
  const change = Date.parse(night.change);
  const end = change + 3 * MINUTE;
  const bot = startBot({
    at: change - lead,
    speed: SPEED,
    tz,
    dir,
    configYaml: configYaml(dir, night.subs),
    env: { SLACK_BOT_TOKEN: 'xoxb-fake-token', SLACK_SIGNING_SECRET: 'fake-signing-secret', SLACK_API_URL: slack.apiUrl, SLACK_PORT: String(await freePort()) },
  });
  try {
    const running = lineTime(await bot.waitForLine(/ info running /, 120_000));
    slowestBoot = Math.max(slowestBoot, (running - (change - lead)) / SPEED);
    const firstDue = Math.min(...night.subs.flatMap((e) => (typeof e.due === 'string' ? [Date.parse(e.due)] : [])));
    if (running >= firstDue - MINUTE) return { late: `the bot took until ${new Date(running).toISOString()} (faked) to start, too close to the first due time` } as const;
    const cpuFrom = bot.cpuMs();
    const realFrom = performance.now();
    await bot.untilFake(end);
    const cpu = bot.cpuMs() - cpuFrom;
    const real = performance.now() - realFrom;
    const code = await bot.stop('SIGTERM');
    const db = new Database(join(dir, 'briefing.state.db'), { readonly: true }); // the ledger's file
    const rows = db.prepare('SELECT channel_key, local_date, due_at, status, claimed_at FROM digest_deliveries').all() as Row[];
    db.close();
    const posts = slack.callsTo('chat.postMessage').map((c) => String(c.body.channel));
    return { late: null, startedAt: change - lead, code, cpu, real, rows, posts, lines: bot.lines } as const;
  } finally {
    await bot.stop('SIGKILL');
    await slack.close();
  }
}


/** Runs the night with the process TZ in London, New York and UTC at once, and checks each run. */
export async function checkNight(night: Night): Promise<void> {
  const runs = await Promise.all(
    [LON, NYC, 'UTC'].map(async (tz) => {
      let run = await runNight(night, tz, leadFor(LEAD));
      for (let tries = 1; run.late && tries < 3; tries++) run = await runNight(night, tz, leadFor(2 ** tries * LEAD));
      return { tz, ...run };
    }),
  );
  for (const r of runs) {
    if (r.late !== null) throw new Error(`process TZ=${r.tz}: ${r.late}, three times`);
    const where = `process TZ=${r.tz}`;
    expect(r.code, `${where}: exit code after SIGTERM\n${r.lines.join('\n')}`).toBe(0);
    for (const e of night.subs) {
      const key = `slack:${TEAM}:${e.channel}`;
      const posted = r.posts.filter((p) => p === e.channel).length;
      const rows = r.rows.filter((row) => row.channel_key === key);
      if (typeof e.due !== 'string') {
        // Owed for its first occurrence only if the config row existed by then (a long lead); never posted at the repeat.
        const first = new Date(Date.parse(e.due.repeatOf)).toISOString();
        expect({ where, channel: e.channel, posted, rows: rows.map((x) => ({ dueAt: new Date(x.due_at).toISOString(), beforeChange: x.claimed_at < Date.parse(night.change) })) })
          .toEqual({ where, channel: e.channel, posted: rows.length, rows: rows.length ? [{ dueAt: first, beforeChange: true }] : [] });
        continue;
      }
      const due = Date.parse(e.due);
      expect({ where, channel: e.channel, posted, statuses: rows.map((x) => x.status), dueAt: rows[0] && new Date(rows[0].due_at).toISOString() }).toEqual({
        where, channel: e.channel, posted: 1, statuses: ['sent'], dueAt: new Date(due).toISOString(),
      });
      // Claimed in its own minute (the tick fires just after the minute starts).
      const late = rows[0]!.claimed_at - due;
      expect({ where, channel: e.channel, inItsMinute: late >= 0 && late < MINUTE }).toEqual({ where, channel: e.channel, inItsMinute: true });
    }
    // Idle between ticks: a timer spinning through the night would use the CPU the whole time.
    expect(r.cpu, `${where}: CPU ${r.cpu} ms over ${Math.round(r.real)} ms`).toBeLessThan(r.real * 0.5);
  }
}
