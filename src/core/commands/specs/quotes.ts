// `quotes [speaker] [about <topic>]`: quotes, best first, by a speaker, on a topic, or both.
import { answerReply } from '../replies.ts';
import { defineCommand } from '../spec.ts';
import { fail, firstWord, leadingQuoted, OPTION_LENGTH, PREFIX, quoteIf, unwrap } from '../grammar.ts';
import type { Command, CommandError } from '../types.ts';

export interface QuotesCommand {
  name: 'quotes';
  speaker?: string;
  topic?: string;
}

declare module '../types.ts' {
  interface CommandTypes {
    quotes: QuotesCommand;
  }
}

const usage = `${PREFIX} quotes [speaker] [about <topic>]`;

function parse(rest: string): Command | CommandError {
  let s = rest.replace(/^(?:by|from)\s+/i, '');
  if (/^(?:by|from)$/i.test(s)) return fail(`quotes ${s} needs a speaker, e.g. quotes by Jane Doe`, usage, 'quotes');
  let speaker = '';
  let topic: string | undefined;
  const quoted = leadingQuoted(s);
  if (quoted && (quoted.after === '' || /^about(\s|$)/i.test(quoted.after))) {
    speaker = quoted.inner;
    s = quoted.after;
    if (s) topic = s.replace(/^about\s*/i, '');
  } else {
    const m = /(?:^|\s)about(?:\s|$)/i.exec(s);
    if (m) {
      speaker = s.slice(0, m.index).trim();
      topic = s.slice(m.index + m[0].length).trim();
    } else {
      speaker = s;
    }
  }
  if (topic !== undefined) {
    topic = unwrap(topic);
    if (!topic) return fail('quotes … about needs a topic, e.g. quotes about troops', usage, 'quotes');
  }
  const cmd: QuotesCommand = { name: 'quotes' };
  if (speaker) cmd.speaker = speaker;
  if (topic) cmd.topic = topic;
  return cmd;
}

function format(cmd: QuotesCommand): string {
  const parts = ['quotes'];
  if (cmd.speaker) {
    const s = cmd.speaker;
    parts.push(quoteIf(s, ['by', 'from', 'about'].includes(firstWord(s)) || /(?:^|\s)about(?:\s|$)/i.test(s)));
  }
  if (cmd.topic) parts.push('about', quoteIf(cmd.topic, false));
  return parts.join(' ');
}

export default defineCommand<QuotesCommand>({
  name: 'quotes',
  aliases: ['quote'],
  usage,
  summary: 'Quotes, best first, by one speaker, on one topic, or both.',
  examples: ['quotes Jane Doe', 'quotes about defence spending', 'quotes Jane Doe about troops'],
  pooled: true,
  suggest: true,
  parse,
  format,
  async execute(cmd, _ctx, deps) {
    const query = { ...(cmd.speaker ? { speaker: cmd.speaker } : {}), ...(cmd.topic ? { topic: cmd.topic } : {}), limit: deps.limits.list };
    const a = deps.keep(await deps.knowledge.quotes(query), 'list');
    const speaker = a.speaker ?? cmd.speaker;
    const title = ['Quotes', speaker ? `from ${speaker}` : '', cmd.topic ? `about ${cmd.topic}` : ''].filter(Boolean).join(' ');
    return answerReply(a, title, 'No quotes in the briefing match that.');
  },
  options: {
    description: 'Quotes, by speaker and/or topic',
    options: [
      { name: 'speaker', description: 'Who said it', autocomplete: true, maxLength: OPTION_LENGTH.name },
      { name: 'about', description: 'Topic words, e.g. troops', maxLength: OPTION_LENGTH.topic },
    ],
    toText(v) {
      const speaker = v.get('speaker');
      const topic = v.get('about');
      return format({ name: 'quotes', ...(speaker ? { speaker } : {}), ...(topic ? { topic } : {}) });
    },
    fromCommand: (cmd) => ({
      action: null,
      values: [...(cmd.speaker ? [['speaker', cmd.speaker] as [string, string]] : []), ...(cmd.topic ? [['about', cmd.topic] as [string, string]] : [])],
    }),
  },
});
