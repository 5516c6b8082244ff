// The Briefing facade every adapter talks to: parse once, answer with a neutral Reply. Bad input
// and failures inside the knowledge both become replies; nothing a user types can crash a bot.
import type { AskAnswer, Knowledge } from '../ask/types.ts';
import { clip } from '../reply/fit.ts';
import { errorReply, infoReply } from '../reply/make.ts';
import type { Reply } from '../reply/types.ts';
import { silentLogger, type Logger } from '../../log.ts';
import { formatCommand, isCommandError, parseCommand } from './parse.ts';
import { createPeopleIndex } from './people.ts';
import { answerReply, profileReply } from './replies.ts';
import type { Briefing, ChannelContext, Command, CommandName, DigestCommands, WebCommands } from './types.ts';
import { visibleAnswer, visibleProfile, type VisibilityFor } from './visibility.ts';
import { COMMAND_HELP, COMMAND_NAMES, GENERAL_USAGE, PREFIX } from './usage.ts';

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
  const { knowledge, digests } = opts;
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

  async function answer(cmd: Command, ctx: ChannelContext): Promise<Reply> {
    const visible = opts.visibility?.(ctx) ?? null;
    // With articles hidden from this workspace, ask for more and keep what it may see.
    const ask = visible ? askLimit * 4 : askLimit;
    const list = visible ? listLimit * 4 : listLimit;
    const only = <T extends AskAnswer>(a: T, limit: number): T => (visible ? (visibleAnswer(a, visible, limit) as T) : a);
    switch (cmd.name) {
      case 'ask': {
        const a = only(await knowledge.ask(cmd.question, { limit: ask }), askLimit);
        return answerReply(a, clip(cmd.question, 200), 'Nothing in the briefing answers that.');
      }
      case 'quotes': {
        const a = only(await knowledge.quotes({ ...(cmd.speaker ? { speaker: cmd.speaker } : {}), ...(cmd.topic ? { topic: cmd.topic } : {}), limit: list }), listLimit);
        const speaker = a.speaker ?? cmd.speaker;
        const title = ['Quotes', speaker ? `from ${speaker}` : '', cmd.topic ? `about ${cmd.topic}` : ''].filter(Boolean).join(' ');
        return answerReply(a, title, 'No quotes in the briefing match that.');
      }
      case 'facts': {
        const a = only(await knowledge.facts({ ...(cmd.topic ? { topic: cmd.topic } : {}), limit: list }), listLimit);
        return answerReply(a, cmd.topic ? `Facts about ${cmd.topic}` : 'Facts', 'No facts in the briefing match that.');
      }
      case 'who': {
        const found = await knowledge.who(cmd.person);
        const profile = found.profile && visible ? visibleProfile(found.profile, visible) : found.profile;
        const message = found.profile && !profile ? null : found.message;
        if (profile) return profileReply(profile, message);
        const suggestions = (await suggest(cmd.person, 3, ctx)).map((p) => p.name);
        return infoReply(
          cmd.person,
          [message ?? `${cmd.person} does not appear in the briefing.`],
          suggestions.length ? [`Did you mean ${orList(suggestions)}?`] : [],
        );
      }
      case 'digest':
        return digest(cmd, ctx);
      case 'add':
      case 'feeds':
        return web(cmd, ctx);
      case 'help':
        return help(cmd.about);
    }
  }

  async function digest(cmd: Extract<Command, { name: 'digest' }>, ctx: ChannelContext): Promise<Reply> {
    if (!digests) {
      return infoReply('Digests are not enabled here', ['This briefing runs without a digest scheduler, so there is nothing to preview or subscribe to.']);
    }
    if ((cmd.action === 'subscribe' || cmd.action === 'unsubscribe') && !ctx.canManage) {
      return errorReply(`you need permission to manage this channel to ${cmd.action} its digest`, COMMAND_HELP.digest.usage);
    }
    switch (cmd.action) {
      case 'preview':
        return digests.preview(ctx);
      case 'status':
        return digests.status(ctx);
      case 'unsubscribe':
        return digests.unsubscribe(ctx);
      case 'subscribe': {
        // A subscription that can never be delivered is refused now, with the fix, rather than
        // accepted and paused silently at its first delivery.
        const problem = await ctx.checkDelivery?.();
        if (problem) return errorReply(problem, COMMAND_HELP.digest.usage);
        const spec: Parameters<DigestCommands['subscribe']>[1] = { time: cmd.time };
        if (cmd.timezone) spec.timezone = cmd.timezone;
        if (cmd.weekdays) spec.weekdays = cmd.weekdays;
        return digests.subscribe(ctx, spec);
      }
    }
  }

  async function web(cmd: Extract<Command, { name: 'add' | 'feeds' }>, ctx: ChannelContext): Promise<Reply> {
    const w = opts.web;
    if (!w) return infoReply('Adding from the web is not enabled here', ['This briefing reads only the articles in its content folder.']);
    if (cmd.name === 'add') return w.add(ctx, cmd.url);
    if (cmd.action === 'list') return w.feedsList(ctx);
    if (!ctx.canManage) return errorReply(`you need permission to manage this channel to ${cmd.action} its feeds`, COMMAND_HELP.feeds.usage);
    return cmd.action === 'add' ? w.feedsAdd(ctx, cmd.url) : w.feedsRemove(ctx, cmd.url);
  }

  async function execute(cmd: Command, ctx: ChannelContext): Promise<Reply> {
    try {
      return await answer(cmd, ctx);
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
      if (isCommandError(parsed)) return errorReply(parsed.error, parsed.usage);
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

/** A workspace that added nothing: it sees only the articles everybody sees. */
const NOWHERE = { platform: 'none', workspace: '' };

function help(about: string | undefined): Reply {
  const h = about && Object.hasOwn(COMMAND_HELP, about) ? COMMAND_HELP[about as CommandName] : undefined;
  if (h) {
    return {
      tone: 'info',
      title: h.usage,
      sections: [{ items: [{ type: 'text', text: h.summary }] }, { heading: 'Examples', items: h.examples.map((e) => ({ type: 'text' as const, text: `${PREFIX} ${e}` })) }],
      notes: [],
      more: 0,
    };
  }
  return {
    tone: 'info',
    title: 'Briefing commands',
    sections: [{ items: COMMAND_NAMES.map((n) => ({ type: 'text' as const, text: `${COMMAND_HELP[n].usage}\n    ${COMMAND_HELP[n].summary}` })) }],
    notes: [`A question on its own is asked: ${PREFIX} what was said about troops. Details: ${PREFIX} help <command>.`],
    more: 0,
  };
}

function orList(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
