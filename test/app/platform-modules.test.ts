// The record of platform modules (src/app/platform-modules.ts): the one-shot poster that
// `briefing digest --run-due` builds for Slack posts through the real Web API client, to the fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/slack/blocks.ts';
import { PLATFORM_MODULES } from '../../src/app/platform-modules.ts';
import { PLATFORM_NAMES } from '../../src/config/platforms/index.ts';
import { configSchema } from '../../src/config/schema.ts';
import type { Reply } from '../../src/core/reply/types.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeBriefing } from '../fakes/slack-briefing.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../adapters/slack/harness.ts';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});

describe('platform modules', () => {
  it('has a module for every configurable platform', () => {
    expect(Object.keys(PLATFORM_MODULES)).toEqual(PLATFORM_NAMES);
  });

  it("builds Slack's poster alone for a one-shot run, which posts the digest's blocks", async () => {
    const config = configSchema.parse({ slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl } });
    const made = await PLATFORM_MODULES.slack!.poster({ config, briefing: new FakeBriefing(), logger: silentLogger });
    expect(made.poster.platform).toBe('slack');
    const digest: Reply = { tone: 'answer', title: 'Morning briefing', sections: [{ items: [{ type: 'text', text: 'One new article.' }] }], notes: [], more: 0 };
    const outcome = await made.poster.post({ platform: 'slack', workspace: 'T0FAKE01', channel: 'C0DIGEST' }, digest);
    expect(outcome).toEqual({ ok: true, messageId: expect.stringMatching(/^\d{10}\.\d+$/) });
    const call = fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.body).toMatchObject({ channel: 'C0DIGEST', text: renderReply(digest, { purpose: 'digest' }).text });
    await made.stop();
  });
});
