// `facts [topic]`: figures, dates, coming events and roles.
import { answerReply } from '../replies.ts';
import { defineCommand } from '../spec.ts';
import { fail, firstWord, OPTION_LENGTH, PREFIX, quoteIf, unwrap } from '../grammar.ts';

export interface FactsCommand {
  name: 'facts';
  topic?: string;
}

declare module '../types.ts' {
  interface CommandTypes {
    facts: FactsCommand;
  }
}

const usage = `${PREFIX} facts [topic]`;

const format = (cmd: FactsCommand) => (cmd.topic ? `facts ${quoteIf(cmd.topic, ['about', 'on'].includes(firstWord(cmd.topic)))}` : 'facts');

export default defineCommand<FactsCommand>({
  name: 'facts',
  aliases: ['fact'],
  usage,
  summary: 'Figures, dates, coming events and who holds which role.',
  examples: ['facts', 'facts spending', 'facts talks'],
  pooled: true,
  suggest: true,
  parse(rest) {
    if (/^(?:about|on)$/i.test(rest)) return fail(`facts ${rest} needs a topic, e.g. facts spending`, usage, 'facts');
    const topic = unwrap(rest.replace(/^(?:about|on)\s+/i, ''));
    return topic ? { name: 'facts', topic } : { name: 'facts' };
  },
  format,
  async execute(cmd, _ctx, deps) {
    const a = deps.keep(await deps.knowledge.facts({ ...(cmd.topic ? { topic: cmd.topic } : {}), limit: deps.limits.list }), 'list');
    return answerReply(a, cmd.topic ? `Facts about ${cmd.topic}` : 'Facts', 'No facts in the briefing match that.');
  },
  options: {
    description: 'Figures, dates, coming events and roles',
    options: [{ name: 'topic', description: 'Topic words, e.g. defence spending', maxLength: OPTION_LENGTH.topic }],
    toText(v) {
      const topic = v.get('topic');
      return format({ name: 'facts', ...(topic ? { topic } : {}) });
    },
    fromCommand: (cmd) => ({ action: null, values: cmd.topic ? [['topic', cmd.topic]] : [] }),
  },
});
