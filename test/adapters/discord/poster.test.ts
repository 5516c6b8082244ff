// Digest delivery through channel.send, and Discord's answers as typed outcomes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/core/delivery/types.ts';
import type { Reply } from '../../../src/core/reply/types.ts';
import { quote, SOURCE } from '../../fakes/discord-briefing.ts';
import { rateLimited } from '../../fakes/discord.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let to: ChannelAddress;
beforeAll(async () => {
  h = await startHarness();
  to = { platform: 'discord', workspace: h.fake.guild.id, channel: h.fake.guild.channels[0]!.id };
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.fake.calls.length = 0;
});

const digest: Reply = {
  tone: 'info',
  title: 'Your morning briefing · Mon 17 Feb',
  sections: [
    { heading: 'Quotes', items: [quote('We must get to a stage where there is a lasting peace', { name: 'Keir Starmer', role: 'Prime Minister' })] },
    { heading: 'Facts', items: [{ type: 'fact', kind: 'figure', text: 'Spending will rise to 2.5% of GDP.', values: ['2.5% of GDP'], source: SOURCE }] },
  ],
  notes: ['1 new article since yesterday.'],
  more: 0,
};

describe('poster.post', () => {
  it('sends the digest as embeds to the channel and returns the message id', async () => {
    const outcome = await h.adapter.poster.post(to, digest);
    const posts = h.fake.callsTo('POST', `/channels/${to.channel}/messages`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['authorization']).toMatch(/^Bot /);
    expect(posts[0]!.body).toMatchObject({
      allowed_mentions: { parse: [] },
      embeds: [
        {
          color: 0x4f9dde,
          title: 'Your morning briefing · Mon 17 Feb',
          description:
            '**Quotes**\n> “We must get to a stage where there is a lasting peace”\n— **Keir Starmer**, Prime Minister\n\n' +
            '**Facts**\n• Spending will rise to 2.5% of GDP.\n**2.5% of GDP**\n\n*1 new article since yesterday.*',
          footer: { text: 'Starmer ready to send UK troops to Ukraine · 17 Feb 2025 · Example News' },
        },
      ],
    });
    expect(outcome).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
  });

  it('a long digest continues over up to 3 messages instead of being cut, then counts what is left', async () => {
    const items = (n: number) =>
      Array.from({ length: n }, (_, i) => quote(`Statement number ${i} ` + 'about the security guarantees '.repeat(12), { name: 'Keir Starmer', role: 'Prime Minister' }, i));
    const shownIn = (posts: { body: unknown }[]) =>
      posts.flatMap((p) => (p.body as any).embeds.map((e: any) => e.description ?? '')).join('\n').match(/Statement number \d+/g) ?? [];

    expect((await h.adapter.poster.post(to, { ...digest, sections: [{ items: items(30) }], notes: [] })).ok).toBe(true);
    const posts = h.fake.callsTo('POST', `/channels/${to.channel}/messages`);
    expect(posts.length).toBe(3);
    expect(shownIn(posts)).toHaveLength(30);
    for (const p of posts) expect(JSON.stringify((p.body as any).embeds).length).toBeLessThan(6000 + 2000);

    h.fake.calls.length = 0;
    await h.adapter.poster.post(to, { ...digest, sections: [{ items: items(60) }], notes: [] });
    const many = h.fake.callsTo('POST', `/channels/${to.channel}/messages`);
    expect(many).toHaveLength(3);
    const shown = shownIn(many).length;
    const lastEmbeds = (many[2]!.body as any).embeds;
    expect(lastEmbeds[lastEmbeds.length - 1].description).toContain(`*${60 - shown} more results not shown.*`);
  });

  it('maps 403 Missing Access and Missing Permissions to no_access', async () => {
    h.fake.fail({ method: 'POST', path: /messages$/, status: 403, body: { message: 'Missing Access', code: 50001 } });
    expect(await h.adapter.poster.post(to, digest)).toEqual({ ok: false, kind: 'no_access', detail: '403 50001: Missing Access' });
    h.fake.fail({ method: 'POST', path: /messages$/, status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    expect(await h.adapter.poster.post(to, digest)).toEqual({ ok: false, kind: 'no_access', detail: '403 50013: Missing Permissions' });
  });

  it('maps 404 Unknown Channel to channel_gone (the channel was never seen by the client)', async () => {
    const gone = { ...to, channel: '600000000000000999' };
    expect(await h.adapter.poster.post(gone, digest)).toEqual({ ok: false, kind: 'channel_gone', detail: '404 10003: Unknown Channel' });
    expect(h.fake.callsTo('GET', '/channels/600000000000000999')).toHaveLength(1);
  });

  it('maps a 400 Invalid Form Body to rejected, sent once (the same message would be refused again)', async () => {
    h.fake.fail({ method: 'POST', path: /messages$/, status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    const before = h.fake.callsTo('POST', /messages$/).length;
    expect(await h.adapter.poster.post(to, digest)).toEqual({ ok: false, kind: 'rejected', detail: '400 50035: Invalid Form Body' });
    expect(h.fake.callsTo('POST', /messages$/).length - before).toBe(1);
  });

  it('maps persistent 5xx to retry (after discord.js retries) and 401 to auth', async () => {
    h.fake.fail({ method: 'POST', path: /messages$/, status: 503, times: 4 });
    expect(await h.adapter.poster.post(to, digest)).toMatchObject({ ok: false, kind: 'retry', detail: expect.stringContaining('503') });
    expect(h.fake.callsTo('POST', /messages$/)).toHaveLength(4);
    h.fake.fail({ method: 'POST', path: /messages$/, status: 401, body: { message: '401: Unauthorized', code: 0 } });
    expect(await h.adapter.poster.post(to, digest)).toMatchObject({ ok: false, kind: 'auth', detail: '401 0: 401: Unauthorized' });
    // discord.js has now dropped the token: later deliveries must still say auth, not retry.
    const calls = h.fake.calls.length;
    expect(await h.adapter.poster.post(to, digest)).toMatchObject({ ok: false, kind: 'auth' });
    expect(h.fake.calls.length).toBe(calls);
  });

  it('waits out a short 429 itself; a long one comes back as retry with its delay', async () => {
    const h2 = await startHarness();
    try {
      const to2 = { ...to, workspace: h2.fake.guild.id };
      h2.fake.fail({ method: 'POST', path: /messages$/, ...rateLimited(0.05) });
      expect(await h2.adapter.poster.post(to2, digest)).toMatchObject({ ok: true });
      expect(h2.fake.callsTo('POST', /messages$/)).toHaveLength(2);
      h2.fake.fail({ method: 'POST', path: /messages$/, ...rateLimited(60) });
      const outcome = await h2.adapter.poster.post(to2, digest);
      expect(outcome).toMatchObject({ ok: false, kind: 'retry' });
      expect(outcome.ok === false && outcome.kind === 'retry' && outcome.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    } finally {
      await h2.close();
    }
  });
});
