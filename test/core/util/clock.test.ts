// One rule for a time of day wherever it is typed: the grammar, DIGEST_TIME, a config subscription
// and a database row all accept H:MM and HH:MM, 0:00–23:59 (DIGEST_TIME=8:30 used to be refused
// while `/brief digest subscribe 8:30` was accepted).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.ts';
import { parseCommand } from '../../../src/core/commands/parse.ts';
import { specProblems } from '../../../src/core/delivery/subscription.ts';
import { parseHhmm, parseTime } from '../../../src/core/util/clock.ts';

describe('times of day', () => {
  it('accepts H:MM and HH:MM, normalised to HH:MM', () => {
    expect(parseTime('8:30')).toBe('08:30');
    expect(parseTime('08:30')).toBe('08:30');
    expect(parseTime('0:00')).toBe('00:00');
    expect(parseTime('23:59')).toBe('23:59');
    expect(parseHhmm('8:30')).toEqual({ hour: 8, minute: 30 });
    expect(parseHhmm('23:59')).toEqual({ hour: 23, minute: 59 });
  });

  it('refuses anything else', () => {
    for (const t of ['24:00', '8:5', '08:60', '830', '008:30', ' 8:30', '8:30pm', '']) {
      expect(parseTime(t), t).toBeNull();
      expect(parseHhmm(t), t).toBeNull();
    }
  });

  it('DIGEST_TIME, a config subscription and the subscribe command agree on 8:30', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'clock-'));
    expect(loadConfig({ cwd, env: { DIGEST_TIME: '8:30' }, envFile: null }).config.digest.time).toBe('08:30');
    expect(specProblems({ platform: 'console', workspace: 'local', channel: 'news', time: '8:30', timezone: 'UTC', weekdays: [1] })).toEqual([]);
    expect(specProblems({ platform: 'console', workspace: 'local', channel: 'news', time: '24:00', timezone: 'UTC', weekdays: [1] })).toEqual([
      'time "24:00" is not a 24-hour HH:MM time (00:00–23:59)',
    ]);
    expect(parseCommand('digest subscribe 8:30')).toMatchObject({ name: 'digest', action: 'subscribe', time: '08:30' });
  });
});
