// Starts the real Bolt app (HTTP mode, 127.0.0.1, port 0) against a fresh fake Slack.
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/index.ts';
import { createLogger } from '../../../src/log.ts';
import { FakeBriefing } from '../../fakes/slack-briefing.ts';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.ts';

export const BOT_TOKEN = 'xoxb-1111111111-2222222222-abcdefghijklmnopqrstuvwx';
export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const APP_TOKEN = 'xapp-1-A0FAKE-3333333333-0123456789abcdef';

export interface Harness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  briefing: FakeBriefing;
  /** http://127.0.0.1:<port>/slack/events */
  eventsUrl: string;
  logs: string[];
  close(): Promise<void>;
}

export async function startHarness(over: Partial<SlackAdapterOptions> & { socket?: boolean } = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  const briefing = new FakeBriefing();
  const adapter = createSlackAdapter({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, ...(over.socket ? { appToken: APP_TOKEN } : {}) },
    briefing,
    logger,
    host: '127.0.0.1',
    webRetries: 1,
    posting: { channelIntervalMs: 50 },
    ...over,
  });
  await adapter.start();
  return {
    fake,
    adapter,
    briefing,
    eventsUrl: `http://127.0.0.1:${adapter.port}/slack/events`,
    logs,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** Every string Slack parses as mrkdwn in a message: the fallback text, sections and context lines. */
export function mrkdwnTexts(msg: { text?: string; blocks?: any[] }): string[] {
  const out = msg.text !== undefined ? [msg.text] : [];
  for (const b of msg.blocks ?? []) {
    if (b.type === 'section') out.push(b.text.text);
    if (b.type === 'context') out.push(...b.elements.map((e: any) => e.text));
  }
  return out;
}
