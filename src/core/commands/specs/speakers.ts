// `speakers [topic]`: who is quoted, most first. On a topic, counted from its best quotes that this
// channel may see; without one, from each person's quotes this channel may see.
import { infoReply } from '../../reply/make.ts';
import { defineCommand } from '../spec.ts';
import { fail, firstWord, OPTION_LENGTH, PREFIX, quoteIf, unwrap } from '../grammar.ts';

export interface SpeakersCommand {
  name: 'speakers';
  topic?: string;
}

declare module '../types.ts' {
  interface CommandTypes {
    speakers: SpeakersCommand;
  }
}

const usage = `${PREFIX} speakers [topic]`;
/** Quotes read to count speakers on a topic (the most the knowledge gives), and speakers shown. */
const QUOTES_READ = 50;
const SHOWN = 10;
/** Where some articles are hidden, people checked per speaker shown. */
const CHECKED_PER_SHOWN = 4;

const format = (cmd: SpeakersCommand) => (cmd.topic ? `speakers ${quoteIf(cmd.topic, ['about', 'on'].includes(firstWord(cmd.topic)))}` : 'speakers');

export default defineCommand<SpeakersCommand>({
  name: 'speakers',
  aliases: ['speaker'],
  usage,
  summary: 'Who is quoted, most first, in the whole briefing or on one topic.',
  examples: ['speakers', 'speakers troops'],
  pooled: true,
  suggest: true,
  parse(rest) {
    if (/^(?:about|on)$/i.test(rest)) return fail(`speakers ${rest} needs a topic, e.g. speakers troops`, usage, 'speakers');
    const topic = unwrap(rest.replace(/^(?:about|on)\s+/i, ''));
    return topic ? { name: 'speakers', topic } : { name: 'speakers' };
  },
  format,
  async execute(cmd, _ctx, deps) {
    const counts = new Map<string, { role: string | null; quotes: number }>();
    if (cmd.topic) {
      const a = await deps.knowledge.quotes({ topic: cmd.topic, limit: QUOTES_READ });
      for (const r of a.results) {
        if (!r.speaker || !deps.sees(r.article.id)) continue;
        const c = counts.get(r.speaker.name) ?? { role: r.speaker.role, quotes: 0 };
        c.quotes++;
        counts.set(r.speaker.name, c);
      }
    } else {
      const quoted = (await deps.knowledge.people()).filter((p) => p.quotes > 0).sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name));
      if (deps.seesEverything) {
        for (const p of quoted) counts.set(p.name, { role: p.roles[0] ?? null, quotes: p.quotes });
      } else {
        // Someone quoted only in another workspace's articles is not named here, and counts are of
        // the quotes this channel may see. Profiles are looked up for the first few only.
        for (const p of quoted.slice(0, SHOWN * CHECKED_PER_SHOWN)) {
          const found = await deps.knowledge.who(p.name);
          const profile = found.profile ? deps.keepProfile(found.profile) : null;
          if (profile && profile.quotes > 0) counts.set(p.name, { role: p.roles[0] ?? null, quotes: profile.quotes });
        }
      }
    }
    const title = cmd.topic ? `Speakers on ${cmd.topic}` : 'Speakers';
    if (!counts.size) return infoReply(title, [cmd.topic ? `Nobody in the briefing is quoted on ${cmd.topic}.` : 'Nobody is quoted in the briefing yet.']);
    const ranked = [...counts].sort(([an, a], [bn, b]) => b.quotes - a.quotes || an.localeCompare(bn));
    const lines = ranked.slice(0, SHOWN).map(([name, c]) => `${name}${c.role ? `, ${c.role}` : ''}: ${c.quotes} quote${c.quotes === 1 ? '' : 's'}`);
    const notes = [
      ...(ranked.length > SHOWN ? [`And ${ranked.length - SHOWN} more.`] : []),
      ...(cmd.topic ? [`Counted among the ${QUOTES_READ} best quotes on ${cmd.topic}.`] : []),
      `Their quotes: ${PREFIX} quotes <speaker>.`,
    ];
    return infoReply(title, lines, [notes.join(' ')]);
  },
  options: {
    description: 'Who is quoted, most first',
    options: [{ name: 'topic', description: 'Topic words, e.g. troops', maxLength: OPTION_LENGTH.topic }],
    toText(v) {
      const topic = v.get('topic');
      return format({ name: 'speakers', ...(topic ? { topic } : {}) });
    },
    fromCommand: (cmd) => ({ action: null, values: cmd.topic ? [['topic', cmd.topic]] : [] }),
  },
});
