import { describe, expect, it } from 'vitest';
import { facts, factsOfOneSentence, person } from './helpers.ts';

describe('statements', () => {
  it('yields no facts for a statement without figures, dates, events or roles', () => {
    expect(facts('Europe must have a secure future. Democratic values must prevail.')).toEqual([]);
  });

  it('yields no facts for debris', () => {
    expect(facts('(\n(Image: Anadolu))\n')).toEqual([]);
    expect(facts('(\nAFP via Getty Images)\n')).toEqual([]);
  });

  it('removes debris inside a sentence from the statement text', () => {
    const f = factsOfOneSentence('Defence spending will reach 2.5% of GDP (Image: Anadolu)) by 2030. AFP via Getty Images)');
    expect(f.map((x) => x.text)).toEqual(['Defence spending will reach 2.5% of GDP by 2030.', 'Defence spending will reach 2.5% of GDP by 2030.']);
    expect(f.flatMap((x) => x.values.map((v) => v.text))).toEqual(['2.5%', 'by 2030']);
    const g = factsOfOneSentence('Spending hit £2bn (Picture: PA) last year. Carl Court/Getty Images)');
    expect(g.map((x) => x.text)).toEqual(['Spending hit £2bn last year.', 'Spending hit £2bn last year.']);
  });

  it('gives each fact its span, paragraph, people and places', () => {
    const text = 'Intro line.\n\nMs Vale said Kenya will hold an election in August.';
    const [f] = facts(text, '2025-02-17', [person('Rosa Vale', { aliases: ['Ms Vale'] })]);
    expect(f).toMatchObject({ kind: 'event', paragraph: 1, people: ['Rosa Vale'], places: ['Kenya'] });
    expect(text.slice(f!.start, f!.end)).toBe('Ms Vale said Kenya will hold an election in August.');
    expect(f!.id).toBe('test:f1');
  });

  it('does not take a pronoun alias or a non-person entry for a person', () => {
    const people = [person('Rosa Vale', { aliases: ['she', 'Ms Vale'] }), person('US', { quotes: 1 }), person('No10', { quotes: 2 })];
    const [f] = facts('She said the US will spend 3% of GDP.', '2025-02-17', people);
    expect(f!.people).toEqual([]);
  });
});

describe('near-duplicates', () => {
  it('merges a repeated statement into one fact with alsoIn', () => {
    const text = [
      'President Ana Kovac said she has not been invited and will not accept a deal forced on her.',
      'Markets were calm.',
      'Regional leader Ana Kovac said she has not been invited and she would not accept a deal forced on her.',
    ].join('\n');
    const f = facts(text).filter((x) => x.kind === 'role');
    expect(f).toHaveLength(1);
    expect(f[0]!.paragraph).toBe(0);
    expect(f[0]!.alsoIn).toEqual([2]);
    expect(f[0]!.values.map((v) => (v.type === 'role' ? v.role : ''))).toEqual(['President', 'Regional leader']);
  });

  it('keeps statements that share only a few words apart', () => {
    const text = 'Spending will rise to 2.5% of GDP.\nThe UK was committed to spending 2.5%, the minister said.';
    expect(facts(text).filter((x) => x.kind === 'figure')).toHaveLength(2);
  });
});

describe('people in statements', () => {
  const people = [person('Hillary Clinton', { aliases: ['Clinton', 'Mrs Clinton'], mentions: 9 })];

  it('maps a surname and a titled surname to the known person', () => {
    expect(facts('Clinton will travel to Ohio on Friday.', '2016-09-26', people)[0]!.people).toEqual(['Hillary Clinton']);
  });

  it('reads role words before a surname as roles, not first names', () => {
    const both = [...people, person('Ivan Grozny', { aliases: ['Grozny'] })];
    const [f] = facts('Aides will plan a meeting between Presidents Clinton and Grozny.', '2016-09-26', both);
    expect(f!.people).toEqual(['Hillary Clinton', 'Ivan Grozny']);
  });

  it('does not take a namesake with another first name for the known person', () => {
    const f = facts('The law was signed by former President Bill Clinton in 1994.', '2016-09-26', people);
    expect(f.flatMap((x) => x.people)).not.toContain('Hillary Clinton');
    expect(f.find((x) => x.kind === 'role')!.values).toEqual([
      { type: 'role', text: 'former President Bill Clinton', person: 'Bill Clinton', role: 'former President' },
    ]);
  });
});

describe('names that look like dates', () => {
  it('does not read "USA Today" as today, but reads a sentence-initial Today', () => {
    expect(facts('A reporter for USA Today spotted her at the venue.')).toEqual([]);
    expect(facts('Today the committee will vote on the bill.')[0]!.values).toEqual([
      { type: 'date', text: 'Today', date: '2025-02-17', precision: 'day' },
    ]);
  });
});
