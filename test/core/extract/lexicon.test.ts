// The lexicon as checked data: no key or word twice, speech verbs listed once in their base form,
// and their inflections exactly what the lemmatizer derives (no hand-written forms to drift).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveAll, formsOf, render } from '../../../scripts/speech-forms.ts';
import { checkedMap, checkedSet } from '../../../src/core/extract/checked.ts';
import { CORE_SPEECH_VERBS, ROLE_TITLES, SPEECH_VERBS } from '../../../src/core/extract/lexicon.ts';
import { CORE_SPEECH_VERB_BASES, SPEECH_VERB_BASES } from '../../../src/core/extract/speech-verbs.ts';
import { extract } from './helpers.ts';

describe('checked tables', () => {
  it('refuse a key listed twice instead of letting the later entry win', () => {
    expect(() => checkedMap('ROLE_TITLES', [['delegate', 'Delegate'], ['delegate', 'delegate']])).toThrow("ROLE_TITLES: 'delegate' is listed twice");
    expect(() => checkedSet('ORG_WORDS', ['union', 'party', 'union'])).toThrow("ORG_WORDS: 'union' is listed twice");
    expect([...checkedMap('X', [['a', 1], ['b', 2]])]).toEqual([['a', 1], ['b', 2]]);
  });

  it('every table in the lexicon loads (each is built checked)', () => {
    const src = readFileSync(new URL('../../../src/core/extract/lexicon.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/export const \w+[^=]*= new (?:Map|Set)\(\[/);
    expect(ROLE_TITLES.get('delegate')).toBe('Delegate');
  });

  it('a title before a name gives the capitalised role: "Delegate Mary Poe"', () => {
    const x = extract('"We will vote no," Delegate Mary Poe said.');
    expect(x.people).toEqual([expect.objectContaining({ name: 'Mary Poe', roles: ['Delegate'] })]);
  });
});

describe('speech verbs', () => {
  it('are listed once each, in their base form', () => {
    expect(SPEECH_VERB_BASES.filter((b, i) => SPEECH_VERB_BASES.indexOf(b) !== i)).toEqual([]);
    expect(CORE_SPEECH_VERB_BASES.filter((b, i) => CORE_SPEECH_VERB_BASES.indexOf(b) !== i)).toEqual([]);
    expect(CORE_SPEECH_VERB_BASES.filter((b) => !SPEECH_VERB_BASES.includes(b))).toEqual([]);
  });

  it('have the inflections the lemmatizer derives, and the checked-in file is up to date', () => {
    const file = readFileSync(new URL('../../../src/core/extract/speech-forms.ts', import.meta.url), 'utf8');
    expect(file).toBe(render(deriveAll()));
  }, 30_000);

  it('derive regular, doubled and irregular forms', () => {
    expect(formsOf('say')).toEqual(['say', 'says', 'said', 'saying']);
    expect(formsOf('quip')).toEqual(['quip', 'quips', 'quipped', 'quipping']);
    expect(formsOf('argue')).toEqual(['argue', 'argues', 'argued', 'arguing']);
    expect(formsOf('reply')).toEqual(['reply', 'replies', 'replied', 'replying']);
    expect(formsOf('read')).toEqual(['read', 'reads', 'reading']);
    expect(formsOf('write')).toEqual(['write', 'writes', 'written', 'wrote', 'writing']);
  }, 30_000);

  it('every derived form is a speech verb, core ones too', () => {
    for (const w of ['retorted', 'countering', 'concedes', 'quipped', 'begun']) expect(SPEECH_VERBS.has(w)).toBe(true);
    for (const w of ['retorted', 'conceded', 'countered', 'quipped']) expect(CORE_SPEECH_VERBS.has(w)).toBe(true);
  });
});
