// `briefing quotes [--speaker NAME] [--json]`: every quote in content/, optionally by one speaker.
import type { CliCommand } from '../main.ts';
import { extractContent } from './_content.ts';
import { formatQuote } from './_format.ts';

export const command: CliCommand = {
  async run({ values }, io, spec) {
    const json = values.json === true;
    const speaker = typeof values.speaker === 'string' ? values.speaker.trim() : undefined;
    if (speaker === '') {
      io.err(`briefing quotes: --speaker needs a name\nusage: ${spec.usage}\n`);
      return 2;
    }
    const { extractions, failed } = extractContent(io);
    const wanted = speaker?.toLowerCase();
    for (const x of extractions) {
      const quotes = x.quotes.filter((q) => !wanted || (q.speaker && (q.speaker.name.toLowerCase().includes(wanted) || q.speaker.mention.toLowerCase().includes(wanted))));
      for (const q of quotes) {
        io.out(json ? `${JSON.stringify({ article: x.article.id, ...q })}\n` : '');
      }
      if (!json && quotes.length) io.out(`# ${x.article.title}\n${quotes.map(formatQuote).join('')}\n`);
    }
    return failed ? 1 : 0;
  },
};
