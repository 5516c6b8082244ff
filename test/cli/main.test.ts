import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('briefing CLI dispatcher', () => {
  afterEach(() => {
    delete process.env.BRIEFING_TIMEZONE;
  });

  it('stops every command that reads a bad configuration with exit 78 and the key named', async () => {
    process.env.BRIEFING_TIMEZONE = 'Mars/Base';
    const c = capture();
    expect(await main(['quotes'], c.io)).toBe(78);
    expect(c.err.join('')).toContain('BRIEFING_TIMEZONE="Mars/Base" is not an IANA timezone');
  });

  it('lists only modules that are commands', async () => {
    const c = capture();
    expect(await main(['help'], c.io)).toBe(0);
    const listed = c.out.join('');
    expect(listed).toContain('extract');
    expect(listed).not.toMatch(/^\s+_?(format|content)\b/m);
  });
});
