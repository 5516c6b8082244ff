// The real core behind the adapter: the launch article loaded, extracted and stored, the real
// Briefing parsing the text the adapter serialised, and the answer rendered as embeds.
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import { loadArticles } from '../../../src/core/articles/load.ts';
import { createBriefing } from '../../../src/core/commands/briefing.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { KnowledgeStore } from '../../../src/store/sqlite/knowledge/store.ts';
import { FakeDiscord, PERMISSIONS, type RecordedCall } from '../../fakes/discord.ts';
import { TOKEN, sub } from './harness.ts';
import { knowledgeOver } from '../../../src/app/asking.ts';

let fake: FakeDiscord;
let adapter: DiscordAdapter;
let store: KnowledgeStore;

beforeAll(async () => {
  const { articles, errors } = loadArticles(['content/2025-02-17-starmer-ukraine-security.md']);
  expect(errors).toEqual([]);
  store = KnowledgeStore.open({ path: ':memory:', extract: extractArticle });
  store.ingestArticles(articles);
  fake = await FakeDiscord.start();
  adapter = createDiscordAdapter({
    config: { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: fake.guild.id },
    briefing: createBriefing({ knowledge: knowledgeOver(store) }),
    logger: silentLogger,
    register: false,
  });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  store?.close();
});

/** The message the user ends up seeing: the callback's data, or the edit after a deferral. */
async function answerTo(options: unknown[], type: 2 | 4 = 2, permissions = '0'): Promise<Record<string, any>> {
  const from = fake.calls.length;
  const { id, token } = fake.dispatchInteraction(options, { type, permissions });
  const cb = await fake.waitForCall((c) => c.path === `/interactions/${id}/${token}/callback`, 10_000, from);
  const body = cb.body as { type: number; data: Record<string, any> };
  if (body.type !== 5) return body.data;
  const edit: RecordedCall = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.startsWith(`/webhooks/${fake.applicationId}/${token}/`), 10_000, from);
  return edit.body as Record<string, any>;
}

describe('/brief against the real briefing', () => {
  it('quotes by speaker and topic: the speaker named, with role, and the article in the footer', async () => {
    const data = await answerTo(sub('quotes', { speaker: 'Keir Starmer', about: 'troops' }));
    const [embed] = data['embeds'];
    expect(data['allowed_mentions']).toEqual({ parse: [] });
    expect(embed.title).toContain('Keir Starmer');
    expect(embed.description).toMatch(/> “[^”]+”\n— \*\*Keir Starmer\*\*/);
    expect(embed.footer.text).toContain('17 Feb 2025');
    expect(data['flags'] ?? 0).toBe(0);
  });

  it('who: a person with a role', async () => {
    const data = await answerTo(sub('who', { name: 'Mark Rutte' }));
    expect(JSON.stringify(data['embeds'])).toContain('Rutte');
  });

  it('autocomplete offers people from the article', async () => {
    const data = await answerTo([{ type: 1, name: 'quotes', options: [{ type: 3, name: 'speaker', value: 'star', focused: true }] }], 4);
    expect(data['choices'].map((c: { value: string }) => c.value)).toContain('Keir Starmer');
  });

  it('a grammar error from the core comes back ephemeral with its usage', async () => {
    const data = await answerTo(
      [{ type: 2, name: 'digest', options: [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'time', value: '25:00' }] }] }],
      2,
      String(PERMISSIONS.ManageChannels),
    );
    expect(data['flags']).toBe(MessageFlags.Ephemeral);
    expect(data['embeds'][0].color).toBe(0xed4245);
    expect(data['embeds'][0].title).toContain("'25:00' is not a time of day");
    expect(data['embeds'][0].description).toMatch(/Usage: `[^`]*digest[^`]*`/);
  });

  it('@everyone in a question is answered without a mention anywhere', async () => {
    const data = await answerTo(sub('ask', { question: '@everyone what did Starmer say about troops' }));
    expect(data['allowed_mentions']).toEqual({ parse: [] });
    expect(JSON.stringify(data)).not.toContain('@everyone');
  });
});
