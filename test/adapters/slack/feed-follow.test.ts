// Feeds are followed per channel, through the real Bolt app: the channel that adds a feed gets its
// articles in its digest; another channel of the same workspace answers from them but does not
// get them in its digest; another workspace sees nothing. Real SQLite, the local web.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../../fakes/slack-signing.ts';
import { FakeWeb } from '../../fakes/web.ts';
import { openHarness, type WebHarness } from '../../web/harness.ts';
import { rss, storyHtml, storyTitle } from '../../web/pages.ts';
import { SIGNING_SECRET, startHarness, type Harness } from './harness.ts';

const web = new FakeWeb();
let bot: WebHarness;
let h: Harness;

beforeAll(async () => {
  await web.start();
  for (const n of [1, 2]) web.page(`/story/${n}`, storyHtml({ n }));
  web.route('/harbour.rss', { body: rss('Harbour news', [1, 2].map((n) => ({ n, url: web.url(`/story/${n}`) }))), type: 'application/rss+xml' });
  bot = openHarness();
  h = await startHarness({ briefing: bot.briefing });
});

afterAll(async () => {
  await h?.close();
  await bot?.close();
  await web.stop();
});

async function brief(text: string, team_id: string, channel_id: string) {
  const response_url = h.fake.respondUrl();
  const ack = await sendSlashCommand(h.eventsUrl, { text, response_url, team_id, channel_id }, { secret: SIGNING_SECRET });
  expect(ack.status).toBe(200);
  const answer = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname, 15_000);
  return answer.body;
}

const storyLink = (n: number) => `<${web.url(`/story/${n}`)}|${storyTitle(n)}>`;

describe('a feed followed in one Slack channel', () => {
  it('is followed there, with the exact reply', async () => {
    const answer = await brief(`feeds add ${web.url('/harbour.rss')}`, 'T0TEAMONE', 'C0HARBOUR');
    await bot.web.poller.idle();
    const note = `${web.url('/harbour.rss')}: 2 entries now; new articles are added to the briefing as they appear (checked every 15 min) and go into this channel's digest.`;
    expect(answer).toEqual({
      response_type: 'ephemeral',
      text: `Following: Harbour news\n${note}`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Following: Harbour news', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: note, verbatim: true } },
      ],
    });
  });

  it('its articles are in that channel’s digest, linked', async () => {
    const digest = JSON.stringify((await brief('digest preview', 'T0TEAMONE', 'C0HARBOUR')).blocks);
    expect(digest).toContain(storyLink(1));
    expect(digest).toContain(storyLink(2));
  });

  it('another channel of the workspace answers from them, and its digest does not have them', async () => {
    const digest = JSON.stringify(await brief('digest preview', 'T0TEAMONE', 'C0SPORT'));
    expect(digest).not.toContain(web.url('/story/1'));
    expect(digest).not.toContain(web.url('/story/2'));
    const quotes = JSON.stringify((await brief('quotes Tomas Reyes', 'T0TEAMONE', 'C0SPORT')).blocks);
    expect(quotes).toContain('We cannot run a service that loses money on every sailing of route 1,');
    const list = await brief('feeds list', 'T0TEAMONE', 'C0SPORT');
    expect(list.text.split('\n')[0]).toBe('Feeds (1)');
    expect(list.text).toContain(`Harbour news — ${web.url('/harbour.rss')}`);
    expect(list.text).toContain('followed in 1 channel');
  });

  it('another workspace sees none of it', async () => {
    const digest = JSON.stringify(await brief('digest preview', 'T0TEAMTWO', 'C0HARBOUR'));
    expect(digest).not.toContain(web.url('/story/'));
    expect(JSON.stringify(await brief('quotes Tomas Reyes', 'T0TEAMTWO', 'C0HARBOUR'))).not.toContain('route 1,');
    expect((await brief('feeds list', 'T0TEAMTWO', 'C0HARBOUR')).text.split('\n')[0]).toBe('No feeds yet');
  });

  it('following it in the second channel brings it into that digest too', async () => {
    expect((await brief(`feeds add ${web.url('/harbour.rss')}`, 'T0TEAMONE', 'C0SPORT')).text.split('\n')[0]).toBe('Following: Harbour news');
    expect(JSON.stringify((await brief('digest preview', 'T0TEAMONE', 'C0SPORT')).blocks)).toContain(storyLink(1));
  });
});
