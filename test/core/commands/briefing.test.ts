import { describe, expect, it } from 'vitest';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import type { ChannelContext, DigestCommands } from '../../../src/core/commands/types.ts';
import type { Reply } from '../../../src/core/reply/types.ts';
import { createLogger } from '../../../src/log.ts';
import { consoleCtx, MemoryKnowledge } from './memory-knowledge.ts';

const ctx: ChannelContext = { ...consoleCtx };

describe('createBriefing: answers', () => {
  it('answers quotes by speaker alias with items that carry their source', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const r = await b.run('/brief quotes Dannatt', ctx);
    expect(r.tone).toBe('answer');
    expect(r.title).toBe('Quotes from Richard Dannatt');
    const items = r.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'quote',
      kind: 'direct',
      speaker: { name: 'Richard Dannatt', role: 'Former British Army chief' },
      source: { articleId: '2025-02-17-starmer-ukraine-security', published: '2025-02-17', paragraph: 18, url: null, outlet: null },
    });
  });

  it('passes speaker and topic to the knowledge and the limit it asks for', async () => {
    const k = new MemoryKnowledge();
    const b = createBriefing({ knowledge: k, limits: { list: 1 } });
    const r = await b.run('quotes Starmer about backstop', ctx);
    expect(k.calls).toContain('quotes:Starmer:backstop');
    expect(r.title).toBe('Quotes from Keir Starmer about backstop');
    const all = await b.run('quotes', ctx);
    expect(all.sections[0]!.items).toHaveLength(1);
    expect(all.more).toBe(5);
  });

  it('shows the knowledge’s honest message as the answer, unpadded', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const r = await b.run('quotes Lavrov', ctx);
    expect(r).toEqual({
      tone: 'info',
      title: 'Quotes from Lavrov',
      sections: [{ items: [{ type: 'text', text: 'Lavrov does not appear in the briefing.' }] }],
      notes: [],
      more: 0,
    });
  });

  it('asks bare questions and returns quotes and facts', async () => {
    const k = new MemoryKnowledge();
    const b = createBriefing({ knowledge: k });
    const r = await b.run('what about spending', ctx);
    expect(k.calls[0]).toBe('ask:what about spending');
    expect(r.title).toBe('what about spending');
    expect(r.sections[0]!.items[0]).toMatchObject({ type: 'fact', kind: 'figure', values: ['2.5% of GDP'] });
  });

  it('formats day dates of facts for display', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const r = await b.run('facts talks', ctx);
    expect(r.sections[0]!.items).toEqual([expect.objectContaining({ type: 'fact', kind: 'event', values: ['Tue 18 Feb 2025'] })]);
  });

  it('answers who with a person item and their best quotes', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const r = await b.run('who is the PM?', ctx);
    expect(r.title).toBe('Keir Starmer');
    expect(r.sections[0]!.items[0]).toEqual({
      type: 'person',
      name: 'Keir Starmer',
      roles: ['Prime Minister'],
      aliases: ['Mr Starmer', 'the PM', 'the Prime Minister'],
      quoteCount: 4,
      mentionCount: 14,
      articles: ['Keir Starmer warns Donald Trump not to turn his back on Ukraine'],
      articleCount: 1,
    });
    expect(r.sections[1]!.heading).toBe('Best quotes');
    expect(r.sections[1]!.items).toHaveLength(2);
  });

  it('suggests close names when someone is not found', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const r = await b.run('who Zelenskyy', ctx);
    expect(r.tone).toBe('info');
    expect(r.sections[0]!.items).toEqual([{ type: 'text', text: 'Zelenskyy does not appear in the briefing.' }]);
    expect(r.notes).toEqual(['Did you mean Volodymyr Zelensky?']);
  });

  it('turns parse errors into error replies with the usage', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    expect(await b.run('digest subscribe 08:00 Mars/Base', ctx)).toEqual({
      tone: 'error',
      title: "'Mars/Base' is not an IANA timezone (e.g. Europe/London, America/New_York)",
      sections: [],
      notes: [],
      more: 0,
      usage: '/brief digest preview | subscribe <HH:MM> [timezone] [days] | unsubscribe | status',
    });
  });

  it('turns a failure inside the knowledge into a generic error reply and logs it', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'error', write: (l) => lines.push(l) });
    const b = createBriefing({ knowledge: new MemoryKnowledge({ failWith: new Error('disk I/O error') }), logger });
    const r = await b.run('quotes about troops', ctx);
    expect(r.tone).toBe('error');
    expect(r.title).toBe('something went wrong answering that; it has been logged. Please try again.');
    expect(r.title).not.toContain('disk');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('command failed');
    expect(lines[0]).toContain('"command":"quotes about troops"');
    expect(lines[0]).toContain('disk I/O error');
  });

  it('answers help for all commands and for one', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const all = await b.run('', ctx);
    expect(all.title).toBe('Briefing commands');
    expect(all.sections[0]!.items).toHaveLength(9);
    const one = await b.run('help who', ctx);
    expect(one.title).toBe('/brief who <name>');
    expect(one.sections[1]).toEqual({ heading: 'Examples', items: [{ type: 'text', text: '/brief who Jane Doe' }, { type: 'text', text: '/brief who is the defence secretary' }] });
  });
});

describe('createBriefing: digest', () => {
  function fakeDigests() {
    const calls: unknown[] = [];
    const reply = (title: string): Reply => ({ tone: 'info', title, sections: [], notes: [], more: 0 });
    const digests: DigestCommands = {
      preview: async (c) => (calls.push(['preview', c.channel]), reply('preview')),
      subscribe: async (c, spec) => (calls.push(['subscribe', c.channel, spec]), reply('subscribed')),
      unsubscribe: async (c) => (calls.push(['unsubscribe', c.channel]), reply('unsubscribed')),
      status: async (c) => (calls.push(['status', c.channel]), reply('status')),
    };
    return { digests, calls };
  }

  it('says digests are not enabled when there is no scheduler', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    const r = await b.run('digest preview', ctx);
    expect(r.tone).toBe('info');
    expect(r.title).toBe('Digests are not enabled here');
  });

  it('delegates each action with the parsed spec', async () => {
    const { digests, calls } = fakeDigests();
    const b = createBriefing({ knowledge: new MemoryKnowledge(), digests });
    expect((await b.run('digest subscribe 7:30 europe/paris weekdays', ctx)).title).toBe('subscribed');
    await b.run('digest status', ctx);
    await b.run('digest preview', ctx);
    await b.run('digest unsubscribe', ctx);
    expect(calls).toEqual([
      ['subscribe', 'console', { time: '07:30', timezone: 'Europe/Paris', weekdays: [1, 2, 3, 4, 5] }],
      ['status', 'console'],
      ['preview', 'console'],
      ['unsubscribe', 'console'],
    ]);
  });

  it('refuses to change a subscription without permission, but still shows status', async () => {
    const { digests, calls } = fakeDigests();
    const b = createBriefing({ knowledge: new MemoryKnowledge(), digests });
    const guest = { ...ctx, canManage: false };
    const r = await b.run('digest subscribe 08:00', guest);
    expect(r.tone).toBe('error');
    expect(r.title).toBe('you need permission to manage this channel to subscribe its digest');
    await b.run('digest status', guest);
    expect(calls).toEqual([['status', 'console']]);
  });

  it('turns a failing digest module into an error reply', async () => {
    const { digests } = fakeDigests();
    digests.preview = async () => {
      throw new Error('boom');
    };
    const b = createBriefing({ knowledge: new MemoryKnowledge(), digests });
    expect((await b.run('digest preview', ctx)).tone).toBe('error');
  });
});

describe('suggestPeople', () => {
  it('matches names and aliases fuzzily, best first', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    expect(await b.suggestPeople('starmr', 3)).toEqual([{ name: 'Keir Starmer', role: 'Prime Minister' }]);
    expect((await b.suggestPeople('Lord Dannat', 3))[0]).toEqual({ name: 'Richard Dannatt', role: 'Former British Army chief' });
  });
  it('lists the most prominent people for an empty query', async () => {
    const b = createBriefing({ knowledge: new MemoryKnowledge() });
    expect((await b.suggestPeople('', 2)).map((p) => p.name)).toEqual(['Keir Starmer', 'Richard Dannatt']);
    expect(await b.suggestPeople('x', 0)).toEqual([]);
  });
});
