// The subscription checks take the platforms from whoever calls them (the platform registry in the
// app, config and CLI), so a platform core has never heard of is checked the same way.
import { describe, expect, it } from 'vitest';
import { parseChannelKey, specProblems } from '../../../src/core/delivery/subscription.ts';

const TEAMS = { teams: /^19:[a-z0-9]+@thread\.tacv2$/, console: /^[^\s:]{1,80}$/ };
const spec = (platform: string, channel: string) => ({ platform, workspace: 'W1', channel, time: '08:00', timezone: 'UTC', weekdays: [1] });

describe('subscription checks over a given platform registry', () => {
  it('accepts a registered platform by its own channel shape and names the ones it knows otherwise', () => {
    expect(specProblems(spec('teams', '19:abc123@thread.tacv2'), TEAMS)).toEqual([]);
    expect(specProblems(spec('teams', 'C0123ABCD'), TEAMS)).toEqual(['channel "C0123ABCD" is not a teams channel id']);
    expect(specProblems(spec('slack', 'C0123ABCD'), TEAMS)).toEqual(['unknown platform "slack" (teams or console)']);
  });

  it('checks a stored row without a registry: any platform id, the neutral fields still checked', () => {
    expect(specProblems(spec('matrix', '!room:example.org'))).toEqual([]);
    expect(specProblems({ ...spec('', 'x'), time: '25:00' })).toEqual(['unknown platform ""', 'time "25:00" is not a 24-hour HH:MM time (00:00–23:59)']);
  });

  it('parses a channel key only for the platforms given', () => {
    expect(parseChannelKey('teams:W1:19:abc', ['teams'])).toBeNull(); // a colon in the channel is not a key
    expect(parseChannelKey('teams:W1:general', ['teams'])).toEqual({ platform: 'teams', workspace: 'W1', channel: 'general' });
    expect(parseChannelKey('console:news', ['teams', 'console'])).toEqual({ platform: 'console', workspace: 'local', channel: 'news' });
    expect(parseChannelKey('slack:T1:C1', ['teams'])).toBeNull();
  });
});
