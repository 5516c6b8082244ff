import { describe, expect, it } from 'vitest';
import { fromSlackText, mentionToCommand, stripBotMention } from '../../../src/adapters/slack/input.ts';
import { boltLogger, scrub } from '../../../src/adapters/slack/bolt-logger.ts';
import { createLogger } from '../../../src/log.ts';

describe('fromSlackText', () => {
  it('decodes Slack markup into plain text', () => {
    expect(fromSlackText('<@U123|anna> and <@W456> in <#C789|news> or <#C000>')).toBe('@anna and @W456 in #news or #C000');
    expect(fromSlackText('<!channel> <!here> <!everyone> <!subteam^S1|@editors> <!date^1392734382^{date}|Feb 18th>')).toBe('@channel @here @everyone @editors Feb 18th');
    expect(fromSlackText('see <https://x.example/a?b=1&amp;c=2|the story> or <https://y.example> <mailto:a@b.example|a@b.example>')).toBe('see the story or https://y.example a@b.example');
    expect(fromSlackText('2 &lt; 3 &amp;&amp; 4 &gt; 1')).toBe('2 < 3 && 4 > 1');
  });
  it('collapses whitespace and trims', () => {
    expect(fromSlackText('  ask \n what\tnow  ')).toBe('ask what now');
  });
  it('does not double-decode', () => {
    expect(fromSlackText('&amp;lt;')).toBe('&lt;');
  });
});

describe('mentions', () => {
  it('removes every mention of the bot, wherever it is', () => {
    expect(stripBotMention('<@UBOT> what did <@U1> say <@UBOT|briefing>', 'UBOT')).toBe('what did <@U1> say');
  });
  it('removes a leading mention when the bot id is unknown', () => {
    expect(stripBotMention('<@UBOT> help', undefined)).toBe('help');
  });
  it('turns a bare question into ask and keeps command words', () => {
    expect(mentionToCommand('what did the minister say')).toBe('ask what did the minister say');
    expect(mentionToCommand('Quotes about troops')).toBe('Quotes about troops');
    expect(mentionToCommand('')).toBe('');
    // A near miss of a command word reaches the grammar as it is, for its "did you mean".
    expect(mentionToCommand('quotse Jane Doe')).toBe('quotse Jane Doe');
    expect(mentionToCommand('quote of the day')).toBe('ask quote of the day');
  });
});

describe('bolt log scrubbing', () => {
  it('hides payload tokens', () => {
    expect(scrub('{"token":"abc123","text":"hi"} token=zzz&x=1')).toBe('{"token":"[redacted]","text":"hi"} token=[redacted]&x=1');
  });
});

describe('bolt logger adapter', () => {
  it('forwards at and above our level, masked and scrubbed', () => {
    const lines: string[] = [];
    const log = boltLogger(createLogger({ level: 'debug', write: (l) => lines.push(l) }), 'info');
    log.setName('web-api');
    log.debug('dropped');
    log.info('request', { token: 'xoxb-123456789-abcdefghij' });
    log.error('Received', '{"token":"verif"}');
    expect(log.getLevel()).toBe('info');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ info \[?.*web-api: request \{"token":"\[redacted\]"\}$/);
    expect(lines[1]).toMatch(/web-api: Received \{"token":"\[redacted\]"\}$/);
  });
});
