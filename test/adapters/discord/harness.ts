// Starts the fake Discord and the real adapter against it; shared by the adapter tests.
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import type { Briefing } from '../../../src/core/commands/types.ts';
import { silentLogger } from '../../../src/log.ts';
import { fakeBriefing, type FakeBriefing } from '../../fakes/discord-briefing.ts';
import { FakeDiscord, type RecordedCall } from '../../fakes/discord.ts';

export const TOKEN = 'MTAxfake.bot-token.for-tests-only';

export interface Harness {
  fake: FakeDiscord;
  briefing: FakeBriefing;
  adapter: DiscordAdapter;
  close(): Promise<void>;
}

export async function startHarness(opts: { deferAfterMs?: number; guildId?: boolean; register?: boolean; fake?: FakeDiscord; briefing?: Briefing } = {}): Promise<Harness> {
  const fake = opts.fake ?? (await FakeDiscord.start());
  const briefing = fakeBriefing();
  const adapter = createDiscordAdapter({
    config: { token: TOKEN, applicationId: fake.applicationId, apiUrl: fake.apiUrl, ...(opts.guildId === false ? {} : { guildId: fake.guild.id }) },
    briefing: opts.briefing ?? briefing,
    logger: silentLogger,
    deferAfterMs: opts.deferAfterMs ?? 1500,
    register: opts.register ?? false,
  });
  await adapter.start();
  return {
    fake,
    briefing,
    adapter,
    async close() {
      await adapter.stop();
      if (!opts.fake) await fake.close();
    },
  };
}

/** Option tree for `/brief <sub> name:value…`. */
export function sub(name: string, values: Record<string, string> = {}): unknown[] {
  return [{ type: Opt.Subcommand, name, options: Object.entries(values).map(([k, v]) => ({ type: Opt.String, name: k, value: v })) }];
}

export function digestSub(name: string, values: Record<string, string> = {}): unknown[] {
  return [{ type: Opt.SubcommandGroup, name: 'digest', options: sub(name, values) }];
}

/** Dispatches the interaction and waits for its callback. */
export async function interact(h: Harness, options: unknown[], opts: Parameters<FakeDiscord['dispatchInteraction']>[1] = {}): Promise<{ id: string; token: string; callback: RecordedCall }> {
  const from = h.fake.calls.length;
  const { id, token } = h.fake.dispatchInteraction(options, opts);
  const callback = await h.fake.waitForCall((c) => c.method === 'POST' && c.path === `/interactions/${id}/${token}/callback`, 5_000, from);
  return { id, token, callback };
}

export function bodyOf(call: RecordedCall): { type: number; data: Record<string, any> } {
  return call.body as { type: number; data: Record<string, any> };
}
