// Hand-built extractions for composition tests: each field set explicitly so a test shows exactly
// what the composer chose from.
import type { Extraction, Fact, FactValue, Person, Quote } from '../../../src/core/model.ts';

export function article(over: Partial<Extraction['article']> = {}): Extraction['article'] {
  return { id: 'art1', path: 'content/art1.md', title: 'Ministers agree flood defence plan', published: '2025-03-03', publishedInferred: false, source: 'The Courier', url: 'https://example.test/art1', tags: [], ...over };
}

let n = 0;
export function quote(text: string, speaker: string | null, over: Partial<Quote> = {}): Quote {
  return {
    id: `q${++n}`,
    start: n * 100,
    end: n * 100 + text.length,
    kind: 'direct',
    text,
    paragraph: 1,
    sentence: { start: 0, end: 0 },
    speaker: speaker === null ? null : { name: speaker, personId: speaker.startsWith('officials') ? null : speaker.toLowerCase().replace(/\s+/g, '-'), role: null, mention: speaker },
    cue: 'said',
    ...over,
  };
}

export function person(name: string, over: Partial<Person> = {}): Person {
  return { id: name.toLowerCase().replace(/\s+/g, '-'), name, roles: [], aliases: [], mentions: 1, quotes: 1, ...over };
}

export function fact(kind: Fact['kind'], text: string, values: FactValue[], over: Partial<Fact> = {}): Fact {
  return { id: `f${++n}`, kind, text, values, paragraph: 2, start: 0, end: text.length, people: [], places: [], ...over };
}
