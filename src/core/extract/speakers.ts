// Turns a source phrase into a Speaker: names to canonical people, "the PM" to whoever holds that
// role in the article, pronouns to the most salient person of that gender, unnamed sources as written.
import type { Speaker } from '../model.ts';
import { ROLE_ALIASES } from './lexicon.ts';
import type { People, PersonRecord } from './people.ts';
import type { SourcePhrase } from './source-phrase.ts';

export interface ResolvedSpeaker {
  speaker: Speaker;
  person: PersonRecord | null;
}

/** `learn`: whether resolving a pronoun may teach its referent's gender (not in subordinate clauses). */
export function resolveSpeaker(phrase: SourcePhrase, people: People, at: number, lastSpeaker: ResolvedSpeaker | null, learn = true): ResolvedSpeaker | null {
  switch (phrase.kind) {
    case 'person': {
      const p = people.resolve(phrase.name!, at, phrase.honorific);
      if (phrase.role) people.addRole(p, phrase.role);
      return { person: p, speaker: { name: p.name, personId: p.id, role: phrase.role ?? p.roles[0] ?? null, mention: phrase.text } };
    }
    case 'org':
      return { person: null, speaker: { name: phrase.name ?? phrase.text, personId: null, role: null, mention: phrase.text } };
    case 'pronoun': {
      const pr = phrase.pronoun!;
      if (pr === 'he' || pr === 'she') {
        const g = pr === 'he' ? 'm' : 'f';
        const p = people.pronounTarget(g, learn);
        if (!p) return null;
        return { person: p, speaker: { name: p.name, personId: p.id, role: p.roles[0] ?? null, mention: phrase.text } };
      }
      if ((pr === 'they' || pr === 'it') && lastSpeaker && !lastSpeaker.person) return { person: null, speaker: { ...lastSpeaker.speaker, mention: phrase.text } };
      return null;
    }
    case 'nominal': {
      const key = roleKey(phrase.text);
      if (key) {
        const p = people.holderOf(key);
        if (p) {
          const role = titleCase(key);
          people.addRole(p, role, true);
          p.aliases.add(phrase.text.replace(/^The\b/, 'the'));
          return { person: p, speaker: { name: p.name, personId: p.id, role, mention: phrase.text } };
        }
      }
      return { person: null, speaker: { name: phrase.text.replace(/^(?:The|A|An)\b/, (m) => m.toLowerCase()), personId: null, role: null, mention: phrase.text } };
    }
  }
}

/** "the PM", "the Prime Minister", "the president" → the role key; null for anything else. */
function roleKey(text: string): string | null {
  const m = /^the\s+(.+)$/i.exec(text.trim());
  if (!m) return null;
  return ROLE_ALIASES.get(m[1]!.toLowerCase().replace(/\.$/, '')) ?? null;
}

function titleCase(s: string): string {
  return s.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
