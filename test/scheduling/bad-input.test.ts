// Bad input to the digest side, on each storage backend (SQLite and the run's PostgreSQL): broken
// config entries, rows damaged by hand, platforms this process cannot post to, bad commands.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { createDigestCommands } from '../../src/scheduling/commands.ts';
import { parseConfigSubscriptions } from '../../src/scheduling/config-subscriptions.ts';
import { createScheduler } from '../../src/scheduling/scheduler.ts';
import { createLogger } from '../../src/log.ts';
import { ctx, entry, HOUR, MemorySource, RecordingPoster, settings } from './helpers.ts';
import { BACKENDS } from './backends.ts';

for (const backend of BACKENDS) {
  (backend.skip ? describe.skip : describe)(`on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    describe('broken config subscriptions', () => {
      const platforms = new Set(['console', 'slack'] as const);
      const defaults = { timezone: 'Europe/London', weekdays: [1, 2, 3, 4, 5] };

      it('names each broken entry and keeps the good ones', () => {
        const { specs, problems } = parseConfigSubscriptions(
          [
            { platform: 'slack', workspace: 'T1', channel: 'C0123ABCD', time: '08:00' },
            { platform: 'slack', workspace: 'T1', channel: 'C0999ZZZZ', time: '24:61' },
            { platform: 'console', channel: 'ops', time: '07:30', timezone: 'Mars/Olympus' },
            { platform: 'discord', workspace: 'G1', channel: '123456789012345678', time: '09:00' },
            { platform: 'slack', workspace: 'T1', channel: 'general chat', time: '09:00' },
            { platform: 'teams', channel: 'x', time: '09:00' },
            { platform: 'console', channel: 'ops2', time: '06:00', weekdays: [0, 8] },
            { platform: 'slack', workspace: 'T1', channel: 'C0123ABCD', time: '10:00' },
            'nonsense',
          ],
          defaults,
          platforms,
        );
        expect(specs).toEqual([
          { platform: 'slack', workspace: 'T1', channel: 'C0123ABCD', time: '08:00', timezone: 'Europe/London', weekdays: [1, 2, 3, 4, 5] },
          { platform: 'discord', workspace: 'G1', channel: '123456789012345678', time: '09:00', timezone: 'Europe/London', weekdays: [1, 2, 3, 4, 5] },
        ]);
        const text = problems.map((p) => `${p.where}: ${p.message}`);
        expect(text).toEqual([
          'digest.subscriptions[1]: time "24:61" is not a 24-hour HH:MM time (00:00–23:59)',
          'digest.subscriptions[2]: timezone "Mars/Olympus" is not an IANA timezone such as Europe/London',
          'digest.subscriptions[3]: platform discord is not configured (no token), so this channel cannot be posted to until it is',
          'digest.subscriptions[4]: channel "general chat" is not a slack channel id',
          'digest.subscriptions[5]: unknown platform "teams" (slack, discord or console)',
          'digest.subscriptions[6]: weekdays [0,8] must be a non-empty list of 1 (Mon) … 7 (Sun)',
          'digest.subscriptions[7]: same channel as digest.subscriptions[0]; one subscription per channel, this entry is ignored',
          'digest.subscriptions[8]: expected an object with platform, channel and time',
        ]);
        expect(problems[1]!.channel).toBe('console:local:ops');
      });

      it('the scheduler logs the broken entries and posts the good ones', async () => {
        const clock = new ManualClock('2025-02-17T07:00:00Z');
        const { storages: [storage] } = await backend.open(1);
        const lines: string[] = [];
        const poster = new RecordingPoster('console', () => clock.now());
        const config = settings({
          subscriptions: [
            { platform: 'console', channel: 'good', time: '08:00' },
            { platform: 'console', channel: 'late', time: '24:61' },
            { platform: 'console', channel: 'zone', time: '08:00', timezone: 'Nowhere/City' },
          ],
        });
        const scheduler = createScheduler({
          storage: storage!, source: new MemorySource([entry('a1', clock.now() - HOUR)]), posters: [poster], config, clock,
          logger: createLogger({ level: 'error', write: (l) => lines.push(l) }),
        });
        await scheduler.start();
        await scheduler.stop();
        expect(scheduler.configProblems).toHaveLength(2);
        expect(lines.join('\n')).toContain('digest.subscriptions[1] (console:local:late): time "24:61" is not a 24-hour HH:MM time');
        expect(lines.join('\n')).toContain('digest.subscriptions[2] (console:local:zone): timezone "Nowhere/City" is not an IANA timezone');
        clock.set('2025-02-17T08:00:00Z');
        const run = await scheduler.runDue();
        expect(run.sent).toBe(1);
        expect(poster.posts.map((p) => p.to.channel)).toEqual(['good']);
        expect(run.problems.map((p) => p.where)).toEqual(['digest.subscriptions[1]', 'digest.subscriptions[2]']);
      });

      it('config subscriptions are mirrored into the store, and dropped when removed from config', async () => {
        const clock = new ManualClock('2025-02-17T07:00:00Z');
        const { storages: [storage] } = await backend.open(1);
        const source = new MemorySource([entry('a1', clock.now() - HOUR)]);
        const poster = new RecordingPoster('console', () => clock.now());
        const withSub = settings({ subscriptions: [{ platform: 'console', channel: 'cfg', time: '09:15', timezone: 'America/New_York' }] });
        const s1 = createScheduler({ storage: storage!, source, posters: [poster], config: withSub, clock });
        await s1.start();
        await s1.stop();
        const commands = createDigestCommands({ storage: storage!, source, config: withSub, clock });
        const status = JSON.stringify(await commands.status(ctx('cfg')));
        expect(status).toContain('Time: 09:15 America/New_York, daily (from config)');
        expect((await commands.unsubscribe(ctx('cfg'))).tone).toBe('error');
        const s2 = createScheduler({ storage: storage!, source, posters: [poster], config: settings(), clock });
        await s2.start();
        await s2.stop();
        expect(JSON.stringify(await commands.status(ctx('cfg')))).toContain('no digest subscription');
      });
    });

    describe('corrupt database rows', () => {
      it('reports the damaged row by id and keeps delivering the others', async () => {
        const clock = new ManualClock('2025-02-17T07:00:00Z');
        const { storages: [storage], sql } = await backend.open(1);
        const lines: string[] = [];
        const source = new MemorySource([entry('a1', clock.now() - HOUR)]);
        const poster = new RecordingPoster('console', () => clock.now());
        const scheduler = createScheduler({
          storage: storage!, source, posters: [poster], config: settings(), clock,
          logger: createLogger({ level: 'error', write: (l) => lines.push(l) }),
        });
        const commands = createDigestCommands({ storage: storage!, source, config: settings(), clock });
        for (const c of ['one', 'two', 'three']) await commands.subscribe(ctx(c), { time: '08:00' });
        await sql(`UPDATE digest_subscriptions SET timezone = 'Europe/Atlantis' WHERE channel = 'two'`);
        await sql(`UPDATE digest_subscriptions SET time = '8 o''clock', weekdays = 'mon' WHERE channel = 'three'`);
        clock.set('2025-02-17T08:00:00Z');
        const run = await scheduler.runDue();
        expect(run.sent).toBe(1);
        expect(poster.posts.map((p) => p.to.channel)).toEqual(['one']);
        expect(run.problems.map((p) => `${p.where} ${p.channel}: ${p.message}`)).toEqual([
          'database row 2 (digest_subscriptions) console:local:two: timezone "Europe/Atlantis" is not an IANA timezone such as Europe/London',
          `database row 3 (digest_subscriptions) console:local:three: time "8 o'clock" is not a 24-hour HH:MM time (00:00–23:59); weekdays "mon" must be a non-empty list of 1 (Mon) … 7 (Sun)`,
        ]);
        // Logged once, not every minute.
        clock.set('2025-02-17T08:01:00Z');
        await scheduler.runDue();
        expect(lines.filter((l) => l.includes('database row 2'))).toHaveLength(1);
        // The channel's own status says what is wrong; subscribing again repairs it.
        const status = await commands.status(ctx('two'));
        expect(status.tone).toBe('error');
        expect(JSON.stringify(status)).toContain('database row 2');
        await commands.subscribe(ctx('two'), { time: '08:00', timezone: 'Europe/London' });
        expect((await commands.status(ctx('two'))).tone).toBe('info');
      });
    });

    describe('subscriptions on a platform this process cannot post to', () => {
      it('wait without blocking the others, with one warning per platform', async () => {
        const clock = new ManualClock('2025-02-17T07:00:00Z');
        const { storages: [storage] } = await backend.open(1);
        const lines: string[] = [];
        const source = new MemorySource([entry('a1', clock.now() - HOUR)]);
        const poster = new RecordingPoster('console', () => clock.now());
        const scheduler = createScheduler({ storage: storage!, source, posters: [poster], config: settings(), clock, logger: createLogger({ level: 'warn', write: (l) => lines.push(l) }) });
        const commands = createDigestCommands({ storage: storage!, source, config: settings(), clock });
        await commands.subscribe({ ...ctx('C0SLACK01', 'slack', 'T1') }, { time: '08:00' });
        await commands.subscribe({ ...ctx('C0SLACK02', 'slack', 'T1') }, { time: '08:00' });
        await commands.subscribe(ctx('local'), { time: '08:00' });
        clock.set('2025-02-17T08:00:00Z');
        expect(await scheduler.runDue()).toMatchObject({ sent: 1, noPoster: 2 });
        clock.set('2025-02-17T08:01:00Z');
        expect(await scheduler.runDue()).toMatchObject({ sent: 0, noPoster: 2 });
        expect(lines.filter((l) => l.includes('not configured in this process'))).toHaveLength(1);
        expect(lines[0]).toContain('2 digest subscription(s) on slack are due but slack is not configured');
      });
    });

    describe('digest commands', () => {
      async function setup() {
        const clock = new ManualClock('2025-02-17T07:00:00Z');
        const { storages: [storage] } = await backend.open(1);
        const source = new MemorySource([entry('a1', clock.now() - HOUR)]);
        return { clock, commands: createDigestCommands({ storage: storage!, source, config: settings({ weekdays: [1, 2, 3, 4, 5] }), clock }) };
      }

      it('subscribe needs permission to manage the channel', async () => {
        const { commands } = await setup();
        const r = await commands.subscribe({ ...ctx('x'), canManage: false }, { time: '08:00' });
        expect(r.tone).toBe('error');
        expect(r.usage).toBe('/brief digest subscribe HH:MM [timezone] [weekdays]');
        expect((await commands.status(ctx('x'))).title).toBe('No digest here');
      });

      it('rejects a bad time or zone with what is wrong', async () => {
        const { commands } = await setup();
        const r = await commands.subscribe(ctx('x'), { time: '25:00', timezone: 'Atlantis/Capital' });
        expect(JSON.stringify(r.sections)).toContain('time \\"25:00\\" is not a 24-hour HH:MM time');
        expect(JSON.stringify(r.sections)).toContain('timezone \\"Atlantis/Capital\\" is not an IANA timezone');
      });

      it('status shows time, zone, weekdays, the next due time in local time and the last delivery', async () => {
        const { commands } = await setup();
        await commands.subscribe(ctx('x'), { time: '08:30', timezone: 'America/New_York' });
        const r = await commands.status(ctx('x'));
        expect(r.sections[0]!.items).toEqual([
          { type: 'text', text: 'Time: 08:30 America/New_York, mon-fri.' },
          { type: 'text', text: 'Next digest: Mon 17 Feb 2025, 08:30 EST.' },
          { type: 'text', text: 'Last delivery: none yet.' },
        ]);
      });

      it('preview shows the digest the channel would get now', async () => {
        const { commands } = await setup();
        const r = await commands.preview(ctx('x'));
        expect(r.title).toBe('Daily briefing — Mon 17 Feb 2025');
        expect(r.sections.map((s) => s.heading)).toEqual(['Article a1', 'Sources']);
      });

      it('unsubscribe removes the subscription', async () => {
        const { commands } = await setup();
        await commands.subscribe(ctx('x'), { time: '08:30' });
        expect((await commands.unsubscribe(ctx('x'))).title).toBe('Digest unsubscribed');
        expect((await commands.unsubscribe(ctx('x'))).title).toBe('No digest here');
      });
    });
  });
}
