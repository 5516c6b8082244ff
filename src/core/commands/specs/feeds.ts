// `feeds add <url> | remove <url> | list`: the feeds this channel follows (the web module's job).
import { errorReply, infoReply } from '../../reply/make.ts';
import { defineCommand } from '../spec.ts';
import { clipWord, fail, linkArg, OPTION_LENGTH, PREFIX } from '../grammar.ts';
import type { Command, CommandError, FeedsAction } from '../types.ts';

export type FeedsCommand = { name: 'feeds' } & FeedsAction;

declare module '../types.ts' {
  interface CommandTypes {
    feeds: FeedsCommand;
  }
}

const usage = `${PREFIX} feeds add <url> | remove <url> | list`;
const ACTIONS = ['add', 'remove', 'list'] as const;
const bad = (error: string) => fail(error, usage, 'feeds');

function parse(rest: string): Command | CommandError {
  const args = rest ? rest.split(' ') : [];
  const action = (args.shift() ?? 'list').toLowerCase();
  const verb = action === 'rm' || action === 'delete' || action === 'unsubscribe' ? 'remove' : action === 'subscribe' ? 'add' : action;
  if (!(ACTIONS as readonly string[]).includes(verb)) return bad(`unknown feeds action '${clipWord(action)}' (use add, remove or list)`);
  if (verb === 'list') {
    if (args.length) return bad(`feeds list takes no arguments (got '${clipWord(args.join(' '))}')`);
    return { name: 'feeds', action: 'list' };
  }
  const url = linkArg(args.join(' '));
  if (!url) return bad(`feeds ${verb} needs a link to a feed or a site, e.g. feeds ${verb} https://www.example.com/rss`);
  if (url.includes(' ')) return bad(`feeds ${verb} takes one link at a time`);
  return { name: 'feeds', action: verb as 'add' | 'remove', url };
}

const format = (cmd: FeedsCommand) => (cmd.action === 'list' ? 'feeds list' : `feeds ${cmd.action} ${cmd.url}`);

export default defineCommand<FeedsCommand>({
  name: 'feeds',
  aliases: ['feed'],
  usage,
  short: 'feeds add|remove|list',
  summary: "The feeds (RSS, Atom, JSON Feed, or a site's home page) this channel follows: new articles are added as they appear and go into its digest.",
  examples: ['feeds add https://www.example.com/rss', 'feeds add https://www.example.com/', 'feeds list', 'feeds remove https://www.example.com/rss'],
  pooled: false,
  suggest: true,
  parse,
  format,
  async execute(cmd, ctx, deps) {
    const w = deps.web;
    if (!w) return infoReply('Adding from the web is not enabled here', ['This briefing reads only the articles in its content folder.']);
    if (cmd.action === 'list') return w.feedsList(ctx);
    if (!ctx.canManage) return errorReply(`you need permission to manage this channel to ${cmd.action} its feeds`, usage);
    return cmd.action === 'add' ? w.feedsAdd(ctx, cmd.url) : w.feedsRemove(ctx, cmd.url);
  },
  options: {
    description: 'The news feeds this channel follows',
    actions: [
      {
        name: 'add',
        description: 'Follow a feed or a site here (needs Manage Channels)',
        manages: true,
        options: [{ name: 'url', description: "An RSS, Atom or JSON feed, or a site's home page", required: true, maxLength: OPTION_LENGTH.url }],
      },
      {
        name: 'remove',
        description: 'Stop following a feed here (needs Manage Channels)',
        manages: true,
        options: [{ name: 'url', description: 'The feed, as feeds list shows it', required: true, maxLength: OPTION_LENGTH.url }],
      },
      { name: 'list', description: 'The feeds followed here, with their last fetch and errors' },
    ],
    toText: (v, action) => (action === 'list' || !action ? 'feeds list' : `feeds ${action} ${v.get('url') ?? ''}`.trim()),
    fromCommand: (cmd) => ({ action: cmd.action, values: cmd.action === 'list' ? [] : [['url', cmd.url]] }),
  },
});
