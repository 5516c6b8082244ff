// Speaker classes from the briefing question set (issue 11), on made-up sentences: a place after a
// preposition is not the speaker, the subject of a "When …," clause is not the main clause's,
// a passive "when asked" makes nobody a speaker, and a lead-in naming nobody continues the
// previous speaker.
import { describe, expect, it } from 'vitest';
import { extract, quoteWith } from './helpers.ts';

describe('who said it', () => {
  it('a place after a preposition is not the speaker ("told reporters in Keene")', () => {
    const x = extract('Gov. Pat Worth spoke first. Worth told reporters in Keene last week, "I can feel things happening here on the ground."');
    expect(quoteWith(x, 'feel things happening').speaker?.name).toBe('Pat Worth');
    expect(x.people.map((p) => p.name)).not.toContain('Keene');
  });

  it('the subject of a "When …," clause is not the one who spoke, nor is a name inside the quote', () => {
    const x = extract('Pat Worth and Lee Marr served together.\n\nWhen Marr died in 1998, Gov. Worth released the following statement:\n\n“I offer my condolences to the family and friends of Lee Marr. I remember working with him.”');
    expect(quoteWith(x, 'condolences').speaker?.name).toBe('Pat Worth');
  });

  it('"X, when asked about it, …" makes X the subject but not a speaker of what follows', () => {
    const x = extract('Pat Worth and Dan Kell are rivals.\n\nWorth, when asked about his errors, never admits he was wrong.\n\nFor example: “We made a terrible mistake getting involved in the first place,” he told a radio host in October.');
    expect(quoteWith(x, 'terrible mistake').speaker?.name).toBe('Pat Worth');
    expect(x.quotes.some((q) => q.text.includes('never admits'))).toBe(false);
  });

  it('a short lead-in naming nobody continues the previous speaker; one naming somebody does not', () => {
    const x = extract('“We made a terrible mistake getting involved in the first place,” Sen. Pat Worth told a radio host in October.\n\nThen, later that month on television: “I have never said we made a mistake going in.”');
    expect(quoteWith(x, 'never said').speaker?.name).toBe('Pat Worth');
    const y = extract('“We will win this race by a mile,” said Sen. Pat Worth.\n\nGov. Dan Kell replied: “Nobody believes that any more.”');
    expect(quoteWith(y, 'Nobody believes').speaker?.name).toBe('Dan Kell');
  });
});
