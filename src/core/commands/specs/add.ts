// `add <url>`: one article from the web, fetched and added to the briefing (the web module's job).
import { infoReply } from '../../reply/make.ts';
import { defineCommand } from '../spec.ts';
import { fail, linkArg, OPTION_LENGTH, PREFIX } from '../grammar.ts';

export interface AddCommand {
  name: 'add';
  url: string;
}

declare module '../types.ts' {
  interface CommandTypes {
    add: AddCommand;
  }
}

const usage = `${PREFIX} add <url>`;

export default defineCommand<AddCommand>({
  name: 'add',
  aliases: [],
  usage,
  summary: 'Add a news article from the web: the page is fetched, its article found, and its quotes and facts added to the briefing.',
  examples: ['add https://www.example.com/news/2026/dec/01/story'],
  pooled: false,
  suggest: false,
  parse(rest) {
    const url = linkArg(rest);
    if (!url) return fail('add needs a link, e.g. add https://www.example.com/news/story', usage, 'add');
    if (url.includes(' ')) return fail('add takes one link at a time (for a site or feed, use feeds add <url>)', usage, 'add');
    return { name: 'add', url };
  },
  format: (cmd) => `add ${cmd.url}`,
  async execute(cmd, ctx, deps) {
    if (!deps.web) return infoReply('Adding from the web is not enabled here', ['This briefing reads only the articles in its content folder.']);
    return deps.web.add(ctx, cmd.url);
  },
  options: {
    description: 'Add a news article from a link',
    options: [{ name: 'url', description: "The article's address, e.g. https://www.example.com/news/story", required: true, maxLength: OPTION_LENGTH.url }],
    toText: (v) => `add ${v.get('url') ?? ''}`.trim(),
    fromCommand: (cmd) => ({ action: null, values: [['url', cmd.url]] }),
  },
});
