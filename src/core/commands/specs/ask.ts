// `ask <question>`: a question answered from the articles. Typed as text, a question on its own is
// asked too (parse.ts sends any text that names no command here); Discord's options always name it.
import { clip } from '../../reply/fit.ts';
import { answerReply } from '../replies.ts';
import { defineCommand } from '../spec.ts';
import { fail, OPTION_LENGTH, PREFIX } from '../grammar.ts';

export interface AskCommand {
  name: 'ask';
  question: string;
}

declare module '../types.ts' {
  interface CommandTypes {
    ask: AskCommand;
  }
}

const usage = `${PREFIX} ask <question>`;

export default defineCommand<AskCommand>({
  name: 'ask',
  aliases: [],
  usage,
  summary: 'Answer a question from the articles, with quotes and facts and where they come from.',
  textSummary: 'A question on its own works too.',
  examples: ['ask what did the prime minister say about troops', 'who said Europe must step up'],
  pooled: true,
  suggest: false,
  parse: (rest) => (rest ? { name: 'ask', question: rest } : fail('ask needs a question, e.g. ask what was said about troops', usage, 'ask')),
  format: (cmd) => `ask ${cmd.question}`,
  async execute(cmd, _ctx, deps) {
    const a = deps.keep(await deps.knowledge.ask(cmd.question, { limit: deps.limits.ask }), 'ask');
    return answerReply(a, clip(cmd.question, 200), 'Nothing in the briefing answers that.');
  },
  options: {
    description: 'Ask a question about the news',
    options: [{ name: 'question', description: 'e.g. what did the prime minister say about troops', required: true, maxLength: OPTION_LENGTH.question }],
    toText: (v) => `ask ${v.get('question') ?? ''}`.trim(),
    fromCommand: (cmd) => ({ action: null, values: [['question', cmd.question]] }),
  },
});
