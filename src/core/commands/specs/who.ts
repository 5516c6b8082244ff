// `who <name>`: who someone is. `who said …` and `who is leading …` are questions, and go to ask.
import { messageWithVisibleNotes } from '../../ask/ambiguity.ts';
import { infoReply } from '../../reply/make.ts';
import { profileReply } from '../replies.ts';
import { defineCommand } from '../spec.ts';
import { fail, firstWord, OPTION_LENGTH, orList, PREFIX, quoteIf, unwrapped } from '../grammar.ts';
import type { Command, CommandError } from '../types.ts';

export interface WhoCommand {
  name: 'who';
  person: string;
}

declare module '../types.ts' {
  interface CommandTypes {
    who: WhoCommand;
  }
}

const usage = `${PREFIX} who <name>`;

/** Words after `who` that make the text a question about what someone did, not a name. */
const WHO_QUESTION_VERBS = new Set([
  'said', 'says', 'say', 'did', 'does', 'do', 'will', 'would', 'can', 'could', 'should', 'has', 'have',
  'had', 'warned', 'called', 'spoke', 'wants', 'wanted', 'announced', 'claimed', 'told', 'asked',
  'refused', 'met', 'criticised', 'criticized', 'backed', 'supports', 'opposed',
]);
/** `who is X` and `who was X` ask who X is. */
const WHO_COPULAS = new Set(['is', 'was', 'are', 'were', "who's", 'is:']);

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'our', 'their', 'his', 'her', 'its', 'mr', 'mrs', 'ms', 'dr', 'lord', 'lady', 'sir']);

function parse(rest: string, whole: string): Command | CommandError {
  const missing = () => fail('who needs a name, e.g. who Jane Doe', usage, 'who');
  if (!rest) return missing();
  const wrapped = unwrapped(rest);
  if (wrapped !== null) return wrapped ? { name: 'who', person: wrapped } : missing();
  const first = rest.split(' ', 1)[0]!.toLowerCase();
  if (WHO_QUESTION_VERBS.has(first)) return { name: 'ask', question: whole };
  let person = rest;
  if (WHO_COPULAS.has(first)) {
    person = person.slice(first.length).trim();
    // `who is the PM` names someone by role; `who is leading the talks` is a question.
    const next = person.split(' ', 1)[0]!;
    if (/^[a-z]/.test(next) && !DETERMINERS.has(next)) return { name: 'ask', question: whole };
  }
  person = person.replace(/[\s?!.]+$/, '');
  const inner = unwrapped(person);
  if (inner !== null) person = inner;
  return person ? { name: 'who', person } : missing();
}

function format(cmd: WhoCommand): string {
  const p = cmd.person;
  const w = firstWord(p);
  return `who ${quoteIf(p, WHO_QUESTION_VERBS.has(w) || WHO_COPULAS.has(w) || /[\s?!.]$/.test(p))}`;
}

export default defineCommand<WhoCommand>({
  name: 'who',
  aliases: ['whois'],
  usage,
  summary: 'Who someone is: role, other names, how often they are quoted, and their best quotes.',
  examples: ['who Jane Doe', 'who is the defence secretary'],
  pooled: true,
  suggest: false,
  parse,
  format,
  async execute(cmd, _ctx, deps) {
    const found = await deps.knowledge.who(cmd.person);
    const profile = found.profile ? deps.keepProfile(found.profile) : null;
    // An ambiguity note names only people this workspace may see.
    const message = found.profile && !profile ? null : deps.seesEverything ? found.message : messageWithVisibleNotes(found.message, found.ambiguity, deps.sees);
    if (profile) return profileReply(profile, message);
    const suggestions = (await deps.people.suggest(cmd.person, 3)).map((p) => p.name);
    return infoReply(cmd.person, [message ?? `${cmd.person} does not appear in the briefing.`], suggestions.length ? [`Did you mean ${orList(suggestions)}?`] : []);
  },
  options: {
    description: 'Who is who: roles, aliases and where they appear',
    options: [{ name: 'name', description: 'A person in the news', required: true, autocomplete: true, maxLength: OPTION_LENGTH.name }],
    toText: (v) => format({ name: 'who', person: v.get('name') ?? '' }),
    fromCommand: (cmd) => ({ action: null, values: [['name', cmd.person]] }),
  },
});
