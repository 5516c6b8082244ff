// /brief over HTTP: the real Bolt app, signed requests, answers through the fake's response_url.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/slack/blocks.ts';
import { sendSlashCommand } from '../../fakes/slack-signing.ts';
import { mrkdwnTexts, SIGNING_SECRET, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function brief(text: string, over: { channel_id?: string; user_id?: string } = {}) {
  const response_url = h.fake.respondUrl();
  const ack = await sendSlashCommand(h.eventsUrl, { text, response_url, ...over }, { secret: SIGNING_SECRET });
  const answer = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname);
  return { ack, answer: answer.body, response_url };
}

describe('/brief over HTTP', () => {
  it('calls auth.test once at start with the bot token', () => {
    const calls = h.fake.callsTo('auth.test');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.authorization).toMatch(/^Bearer xoxb-/);
  });

  it('acks with an empty 200 before answering through response_url', async () => {
    const { ack, answer } = await brief('ask what did Starmer say about troops');
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    expect(answer.response_type).toBe('ephemeral');
  });

  it('acks within 3 s even when the answer takes longer', async () => {
    const slow = h.briefing.run.bind(h.briefing);
    h.briefing.run = async (input, ctx) => {
      await new Promise((r) => setTimeout(r, 3500));
      return slow(input, ctx);
    };
    try {
      const response_url = h.fake.respondUrl();
      const ack = await sendSlashCommand(h.eventsUrl, { text: 'ask slow one', response_url }, { secret: SIGNING_SECRET });
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(3000);
      const answer = await h.fake.waitForCall('respond', (c) => c.path === new URL(response_url).pathname, 8000);
      expect(answer.body.text).toContain('Answer: slow one');
    } finally {
      h.briefing.run = slow;
    }
  });

  it('sends exactly the rendered reply, ephemeral, with a share button, and passes the channel context', async () => {
    const { answer } = await brief('ask what did Starmer say about troops', { channel_id: 'C0NEWS', user_id: 'U0ANNA' });
    const reply = await h.briefing.run('ask what did Starmer say about troops', h.briefing.calls.at(-1)!.ctx);
    expect(answer).toEqual({ response_type: 'ephemeral', ...renderReply(reply, { shareValue: 'ask what did Starmer say about troops' }) });
    expect(h.briefing.calls.at(-2)!.ctx).toEqual({ platform: 'slack', workspace: 'T0FAKE01', channel: 'C0NEWS', user: 'U0ANNA', canManage: true, checkDelivery: expect.any(Function) });
    expect(answer.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Answer: what did Starmer say about troops', emoji: true } });
    expect(answer.blocks.at(-1).elements[0].action_id).toBe('brief_share');
  });

  it('answers each command kind in Block Kit', async () => {
    const quotes = (await brief('quotes Starmer')).answer;
    expect(quotes.blocks[1].text.text).toMatch(/^\*Keir Starmer\*, \*Prime Minister\*\n>“ready and willing/);
    expect(quotes.blocks[3].text.text).toMatch(/\(partial quote\)\n>“putting our own troops/);

    const facts = (await brief('facts')).answer;
    expect(facts.blocks.map((b: any) => b.type)).toEqual(['header', 'section', 'section', 'context', 'section', 'section', 'context', 'actions']);
    expect(facts.blocks[2].text.text).toBe(':bar_chart: *2.5% of GDP*\nDefence spending is to rise to 2.5% of GDP.');
    expect(facts.blocks[5].text.text).toBe(':calendar: *Tue 18 Feb 2025 · Riyadh*\nUS and Russian officials will hold talks in Riyadh on Tuesday.');

    const who = (await brief('who Rutte')).answer;
    expect(who.blocks[1].text.text).toBe('*Mark Rutte* · NATO Secretary General; NATO chief\nAlso: Mr Rutte\n1 quote · 3 mentions\nIn: “Starmer says UK ready to put troops on the ground in Ukraine”');

    const help = (await brief('help')).answer;
    expect(help.blocks[0].text.text).toBe('Briefing commands');
    expect(help.blocks.slice(1, 5).map((b: any) => b.text.text)).toEqual([
      '/brief ask &lt;question&gt;',
      '/brief quotes [&lt;speaker&gt;] [about &lt;topic&gt;]',
      '/brief facts [about &lt;topic&gt;]',
      '/brief who &lt;person&gt;',
    ]);
  });

  it('cuts a long answer and says how many more results there are', async () => {
    const { answer } = await brief('quotes everything');
    expect(answer.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(answer.blocks)).toContain('43 more results not shown');
  });
});

describe('bad input gets a clear ephemeral message and the app keeps serving', () => {
  it('empty /brief shows help', async () => {
    const { ack, answer } = await brief('');
    expect(ack.status).toBe(200);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/^Briefing commands/);
  });

  it('an unknown subcommand gets the error and its usage, without a share button', async () => {
    const { answer } = await brief('frobnicate now');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.blocks[0].text.text).toBe('⚠️ I don\'t know the command "frobnicate"');
    expect(answer.blocks[1].text.text).toBe('Usage: `/brief &lt;ask|quotes|facts|who|digest|help&gt; …`');
    expect(answer.blocks.some((b: any) => b.type === 'actions')).toBe(false);
  });

  it('4,000 characters are refused before reaching the core', async () => {
    const before = h.briefing.calls.length;
    const { ack, answer } = await brief('ask ' + 'x'.repeat(3996));
    expect(ack.status).toBe(200);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe('That request is too long\nYour text is 4,000 characters; /brief takes at most 1,000. Ask a shorter question.');
    expect(h.briefing.calls.length).toBe(before);
  });

  it('<!channel> and <@U123> in the question are echoed inert', async () => {
    // Raw sequences as a hostile client would send them, and Slack's own escaping of typed text.
    const { answer } = await brief('ask <!channel> what did <@U123> say &lt;!here&gt; <http://evil.example|click>');
    const passed = h.briefing.calls.at(-1)!.input;
    expect(passed).toBe('ask @channel what did @U123 say <!here> click');
    for (const t of mrkdwnTexts(answer)) expect(t).not.toMatch(/<[!@#]|<http:\/\/evil/);
    expect(answer.blocks[0].text.text).toBe('Answer: @channel what did @U123 say <!here> click'); // plain_text: never parsed
    expect(answer.text).toMatch(/^Answer: @channel what did @U123 say &lt;!here&gt; click\n/);
  });

  it('a failing core gets an apology, not silence', async () => {
    const { answer } = await brief('ask boom');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/^Something went wrong/);
    expect(h.logs.some((l) => l.includes('briefing failed') && l.includes('index unavailable'))).toBe(true);
  });

  it('retries a response_url that fails once with 500', async () => {
    h.fake.failNext('respond', { status: 500 });
    const response_url = h.fake.respondUrl();
    await sendSlashCommand(h.eventsUrl, { text: 'facts', response_url }, { secret: SIGNING_SECRET });
    const path = new URL(response_url).pathname;
    await h.fake.waitForCall('respond', (c) => c.path === path && c === h.fake.callsTo('respond').filter((x) => x.path === path)[1]);
    expect(h.fake.callsTo('respond').filter((c) => c.path === path)).toHaveLength(2);
  });

  it('still serves after all of the above', async () => {
    const { answer } = await brief('ask troops');
    expect(answer.text).toMatch(/^Answer: troops/);
  });
});

describe('stop()', () => {
  it('lets an acknowledged answer reach the user before returning', async () => {
    const h2 = await startHarness();
    const run = h2.briefing.run.bind(h2.briefing);
    h2.briefing.run = async (input, ctx) => {
      await new Promise((r) => setTimeout(r, 400));
      return run(input, ctx);
    };
    const response_url = h2.fake.respondUrl();
    const ack = await sendSlashCommand(h2.eventsUrl, { text: 'facts', response_url }, { secret: SIGNING_SECRET });
    expect(ack.status).toBe(200);
    await h2.adapter.stop();
    expect(h2.fake.callsTo('respond').map((c) => c.path)).toEqual([new URL(response_url).pathname]);
    await h2.fake.close();
  });
});
