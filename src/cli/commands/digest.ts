// `briefing digest --preview [--channel platform:workspace:channel]` prints a digest now;
// `briefing digest --run-due` posts whatever is due and exits (for system cron);
// `briefing digest --list` shows every subscription with its next time and last delivery.
import { createConsolePoster, DIGEST_LIMITS } from '../../adapters/console/poster.ts';
import { renderText } from '../../adapters/console/render.ts';
import { knowledgeOver } from '../../app/asking.ts';
import { createBriefing } from '../../core/commands/briefing.ts';
import type { DigestPoster } from '../../core/delivery/types.ts';
import { discordConfigured, slackConfigured } from '../../config/describe.ts';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { createLogger, type Logger } from '../../log.ts';
import { createDigestCommands } from '../../scheduling/commands.ts';
import { describeProblem } from '../../scheduling/config-subscriptions.ts';
import { createScheduler } from '../../scheduling/scheduler.ts';
import { listSubscriptions } from '../../scheduling/list.ts';
import { parseChannelKey } from '../../core/delivery/subscription.ts';
import { CHANNEL_SHAPES } from '../../config/platforms/index.ts';
import { openDigestStorage } from '../../app/digest-storage.ts';
import type { Db } from '../../store/sqlite/db.ts';
import { openStateDb } from '../../store/sqlite/state.ts';
import type { DigestStorage } from '../../store/types.ts';
import { digestSource, openKnowledge, type BriefingStore } from '../../app/knowledge.ts';
import type { CliArgs, CliCommand, CliIo } from '../main.ts';

export const command: CliCommand = {
  async run({ values }, io, spec) {
    const parsed = readArgs(values);
    if ('error' in parsed) {
      io.err(`briefing digest: ${parsed.error}\nusage: ${spec.usage}\n`);
      return 2;
    }
    const { config, source } = loadConfig();
    const logger = createLogger({ level: config.logLevel });
    const store = await openKnowledge({ databasePath: config.databasePath, databaseUrl: config.databaseUrl, logger, name: 'digest', oneShot: true });
    // Subscriptions and the ledger: PostgreSQL with BRIEFING_DATABASE_URL, else the SQLite state file.
    let db: Db | null = null;
    const opened = openDigestStorage({ databaseUrl: config.databaseUrl, stateDb: () => (db ??= openStateDb(config.databasePath)), logger, name: 'digest', oneShot: true });
    const storage = opened.storage;
    try {
      await opened.ready;
      // A one-shot run has no watcher: bring the store up to date with content/ first.
      if (!store.readonly) await store.syncContent(config.contentDir);
      switch (parsed.mode) {
        case 'preview':
          return await preview(io, config, storage, store, parsed.channel);
        case 'list':
          return await list(io, storage);
        case 'run-due':
          return await runDue(io, config, source, storage, store, logger);
      }
    } finally {
      await store.close();
      (db as Db | null)?.close();
      await opened.close();
    }
  },
};

const SUBSCRIBABLE = Object.keys(CHANNEL_SHAPES);

type Args = { mode: 'preview'; channel: string | null } | { mode: 'run-due' } | { mode: 'list' } | { error: string };

function readArgs(values: CliArgs['values']): Args {
  const modes = (['preview', 'run-due', 'list'] as const).filter((m) => values[m] === true);
  if (modes.length !== 1) return { error: modes.length ? 'choose one of --preview, --run-due, --list' : 'missing --preview, --run-due or --list' };
  const channel = typeof values.channel === 'string' ? values.channel : null;
  if (channel !== null && modes[0] !== 'preview') return { error: '--channel goes with --preview' };
  if (channel !== null && !parseChannelKey(channel, SUBSCRIBABLE)) return { error: `--channel ${JSON.stringify(channel)}: expected platform:workspace:channel, e.g. slack:T0123:C0456 or console:local:news` };
  return modes[0] === 'preview' ? { mode: 'preview', channel } : modes[0] === 'list' ? { mode: 'list' } : { mode: 'run-due' };
}

async function preview(io: CliIo, config: Config, storage: DigestStorage, store: BriefingStore, channel: string | null): Promise<number> {
  const commands = createDigestCommands({ storage, source: digestSource(store), config });
  const at = parseChannelKey(channel ?? 'console:local:preview', SUBSCRIBABLE)!;
  const reply = await commands.preview({ ...at, user: 'cli', canManage: false });
  io.out(renderText(reply, DIGEST_LIMITS) + '\n');
  return reply.tone === 'error' ? 1 : 0;
}

async function list(io: CliIo, storage: DigestStorage): Promise<number> {
  const { lines, problems } = await listSubscriptions(storage, Date.now());
  io.out(lines.length ? lines.join('\n') + '\n' : 'no digest subscriptions\n');
  for (const p of problems) io.err(`${describeProblem(p)}\n`);
  return problems.length ? 1 : 0;
}

/** `--run-due` exit codes (docs/digest.md): cron mails on anything but 0. */
export const RUN_DUE_EXIT = {
  /** Everything due was posted or settled, and every subscription can run. */
  ok: 0,
  /** A digest failed or is unknown (it may or may not have posted). */
  deliveryProblem: 1,
  /** Every valid subscription was handled, but some cannot run (a bad config entry, a damaged row), named on stderr. */
  subscriptionProblem: 3,
} as const;

async function runDue(io: CliIo, config: Config, configSource: string, storage: DigestStorage, store: BriefingStore, logger: Logger): Promise<number> {
  const { posters, stop } = await platformPosters(config, store, logger, io);
  try {
    const scheduler = createScheduler({ storage, source: digestSource(store), posters, config, logger, configSource });
    await scheduler.syncConfig();
    const s = await scheduler.runDue();
    io.out(
      `digests due ${s.due}: sent ${s.sent}, nothing new ${s.nothingNew}, failed ${s.failed}, paused ${s.paused}, ` +
        `unknown ${s.unknown}, handled elsewhere ${s.busy}, skipped (missed) ${s.skipped}, no poster ${s.noPoster}\n`,
    );
    for (const p of s.problems) io.err(`${describeProblem(p)}\n`);
    if (s.failed + s.unknown > 0) return RUN_DUE_EXIT.deliveryProblem;
    return s.problems.length > 0 ? RUN_DUE_EXIT.subscriptionProblem : RUN_DUE_EXIT.ok;
  } finally {
    await stop();
  }
}

/** The console always; Slack and Discord when their tokens are set. */
async function platformPosters(config: Config, store: BriefingStore, logger: Logger, io: CliIo): Promise<{ posters: DigestPoster[]; stop: () => Promise<void> }> {
  const posters: DigestPoster[] = [createConsolePoster({ write: io.out })];
  const stops: (() => Promise<void>)[] = [];
  const briefing = createBriefing({ knowledge: knowledgeOver(store), logger });
  if (slackConfigured(config)) {
    const { createSlackAdapter } = await import('../../adapters/slack/index.ts');
    // Posting needs only the Web API: the app is built for its poster and never started.
    posters.push(createSlackAdapter({ config: config.slack, briefing, logger }).poster);
  }
  if (discordConfigured(config)) {
    const { createDiscordAdapter } = await import('../../adapters/discord/index.ts');
    const discord = createDiscordAdapter({ config: config.discord, briefing, logger, register: false });
    try {
      await discord.start();
      posters.push(discord.poster);
      stops.push(() => discord.stop());
    } catch (err) {
      io.err(`discord: cannot log in, its digests wait for the next run: ${(err as Error).message}\n`);
    }
  }
  return { posters, stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}
