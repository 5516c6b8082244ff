// The Briefing facade every adapter talks to: parse once, answer with a neutral Reply. Bad input
// and failures inside the knowledge both become replies; nothing a user types can crash a bot.
// What a command does is its spec's (specs/); this file gives it what it may use.
import type { AskAnswer, Knowledge } from '../ask/types.ts';
import { errorReply } from '../reply/make.ts';
import type { Reply } from '../reply/types.ts';
import { silentLogger, type Logger } from '../../log.ts';
import { helpReply, usageIn } from './help.ts';
import { formatCommand, isCommandError, parseCommand } from './parse.ts';
import { createPeopleIndex } from './people.ts';
import type { CommandDeps } from './spec.ts';
import { specOf } from './specs/index.ts';
import type { Briefing, ChannelContext, Command, DigestCommands, WebCommands } from './types.ts';
import { GENERAL_USAGE } from './usage.ts';
import { visibleAnswer, visibleProfile, type Visible, type VisibilityFor } from './visibility.ts';

export interface BriefingOptions {
  knowledge: Knowledge;
  /** Digest behaviour; without it `digest …` says digests are not enabled. */
  digests?: DigestCommands;
  /** Links and feeds; without it `add …` and `feeds …` say adding from the web is not enabled. */
  web?: WebCommands;
  /** Whose articles a command may see (what a workspace adds is its own); without it, all of them. */
  visibility?: VisibilityFor;
  logger?: Logger;
  /** Results asked of the knowledge per answer; renderers cut further to their limits. */
  limits?: { ask?: number; list?: number };
}

export function createBriefing(opts: BriefingOptions): Briefing {
  const { knowledge } = opts;
  const logger = opts.logger ?? silentLogger;
  const askLimit = opts.limits?.ask ?? 8;
  const listLimit = opts.limits?.list ?? 10;
  const people = createPeopleIndex(() => knowledge.people());
  /** Suggestions `where` may see: a person is suggested only when their profile shows it something. */
  async function suggest(query: string, limit: number, where: { platform: string; workspace: string } = NOWHERE) {
    const visible = opts.visibility?.(where) ?? null;
    if (!visible) return people.suggest(query, limit);
    return people.suggest(query, limit, async (p) => {
      const found = await knowledge.who(p.name);
      return !!found.profile && visibleProfile(found.profile, visible) !== null;
    });
  }
  const help = (about: Command['name'] | undefined, ctx: ChannelContext) => helpReply(about, ctx.commandForm ?? 'text', parseCommand);

  function depsFor(ctx: ChannelContext): CommandDeps {
    const visible = opts.visibility?.(ctx) ?? null;
    const shown = { ask: askLimit, list: listLimit };
    return {
      // A name several people share is read among those this workspace may see.
      knowledge: visible ? seenBy(knowledge, visible) : knowledge,
      ...(opts.digests ? { digests: opts.digests } : {}),
      ...(opts.web ? { web: opts.web } : {}),
      people: { suggest: (query, limit) => suggest(query, limit, ctx) },
      // With articles hidden from this workspace, ask for more and keep what it may see.
      limits: visible ? { ask: askLimit * 4, list: listLimit * 4 } : shown,
      sees: (id) => !visible || visible(id),
      seesEverything: !visible,
      keep: <T extends AskAnswer>(a: T, kind: 'ask' | 'list'): T => (visible ? (visibleAnswer(a, visible, shown[kind]) as T) : a),
      keepProfile: (p) => (visible ? visibleProfile(p, visible) : p),
      help,
    };
  }

  async function execute(cmd: Command, ctx: ChannelContext): Promise<Reply> {
    try {
      return await specOf(cmd.name).execute(cmd, ctx, depsFor(ctx));
    } catch (err) {
      logger.error('command failed', { command: formatCommand(cmd), platform: ctx.platform, channel: ctx.channel, error: err });
      return errorReply('something went wrong answering that; it has been logged. Please try again.');
    }
  }

  return {
    async run(input, ctx) {
      let parsed;
      try {
        parsed = parseCommand(input);
      } catch (err) {
        // The grammar is tested never to throw; if it ever does, the user still gets an answer.
        logger.error('command parsing failed', { input: input.slice(0, 200), error: err });
        return errorReply('something went wrong reading that command; it has been logged.', GENERAL_USAGE);
      }
      if (isCommandError(parsed)) {
        // The usage in the grammar the user typed in: options on Discord, text elsewhere.
        const usage = parsed.command && ctx.commandForm === 'options' ? usageIn(parsed.command, 'options') : parsed.usage;
        return errorReply(parsed.error, usage);
      }
      return execute(parsed, ctx);
    },
    execute,
    async suggestPeople(query, limit, where) {
      try {
        return await suggest(query, limit, where);
      } catch (err) {
        logger.error('people suggestions failed', { error: err });
        return [];
      }
    },
  };
}

/** The knowledge as one asker sees it: every question carries what they may see. */
function seenBy(k: Knowledge, visible: Visible): Knowledge {
  return {
    ask: (question, o) => k.ask(question, { ...o, visible }),
    quotes: (query) => k.quotes({ ...query, visible }),
    facts: (query) => k.facts(query),
    who: (name, o) => k.who(name, { ...o, visible }),
    people: () => k.people(),
  };
}

/** A workspace that added nothing: it sees only the articles everybody sees. */
const NOWHERE = { platform: 'none', workspace: '' };
