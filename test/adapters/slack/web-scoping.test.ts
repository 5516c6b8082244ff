// Links added from one Slack workspace are that workspace's: the real Bolt app, two teams, one bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../../fakes/slack-signing.ts';
import { FakeWeb } from '../../fakes/web.ts';
import { fixture, openHarness, type WebHarness } from '../../web/harness.ts';
import { SIGNING_SECRET, startHarness, type Harness } from './harness.ts';

const web = new FakeWeb();
let bot: WebHarness;
let h: Harness;

beforeAll(async () => {
  await web.start();
  web.route('/news/dock-strike', { body: fixture('harbour-strike.html'), type: 'text/html; charset=utf-8' });
  bot = openHarness();
  h = await startHarness({ briefing: bot.briefing });
});

afterAll(async () => {
  await h?.close();
  await bot?.close();
  await web.stop();
});

async function brief(text: string, team_id: string) {
  const response_url = h.fake.respondUrl();
  const ack = await sendSlashCommand(h.eventsUrl, { text, response_url, team_id }, { secret: SIGNING_SECRET });
  expect(ack.status).toBe(200);
  const answer = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname, 15_000);
  return answer.body;
}

describe('/brief add on Slack, per workspace', () => {
  it('replies with what was added, as Block Kit', async () => {
    const answer = await brief(`add ${web.url('/news/dock-strike')}`, 'T0TEAMONE');
    const x = bot.store.getExtraction(bot.store.listArticles()[0]!.id)!;
    const people = new Set(x.quotes.map((q) => q.speaker?.personId).filter(Boolean)).size;
    const title = `Added: Dock workers walk out as harbour talks collapse (The Coastal Herald, 1 Dec 2026): ${x.quotes.length} quotes from ${people} people`;
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text.split('\n')[0]).toBe(title);
    expect(answer.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: title, emoji: true } });
    expect(JSON.stringify(answer.blocks)).toContain('<https://www.coastal-herald.example/news/2026/dec/01/dock-workers-strike|Dock workers walk out as harbour talks collapse>');
  });

  it('answers from it in the workspace that added it, and not in another', async () => {
    const mine = await brief('quotes Kowalczyk', 'T0TEAMONE');
    expect(JSON.stringify(mine.blocks)).toContain('We have been patient for eighteen months');
    const theirs = await brief('quotes Kowalczyk', 'T0TEAMTWO');
    expect(JSON.stringify(theirs)).not.toContain('patient for eighteen months');
    const who = await brief('who Marta Kowalczyk', 'T0TEAMTWO');
    expect(JSON.stringify(who)).not.toContain('Harbour Workers');
    expect(who.text).toContain('Marta Kowalczyk does not appear in the briefing.');
    const facts = await brief('facts strike', 'T0TEAMTWO');
    expect(JSON.stringify(facts)).not.toContain('Dock workers');
  });

  it('says a link is already there only to the workspace that has it', async () => {
    expect((await brief(`add ${web.url('/news/dock-strike')}`, 'T0TEAMONE')).text).toMatch(/^Already in the briefing: Dock workers/);
    expect((await brief(`add ${web.url('/news/dock-strike')}`, 'T0TEAMTWO')).text).toMatch(/^Added: Dock workers/);
    // Shared extraction, one article.
    expect(bot.store.listArticles()).toHaveLength(1);
    expect(JSON.stringify((await brief('quotes Kowalczyk', 'T0TEAMTWO')).blocks)).toContain('We have been patient for eighteen months');
  });

  it('says exactly why a link was refused', async () => {
    const answer = await brief('add http://10.1.2.3/', 'T0TEAMONE');
    expect(answer.text.split('\n')[0]).toBe('Not added (blocked address): 10.1.2.3 is a private address, which the bot does not fetch from');
  });
});
