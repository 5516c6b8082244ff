// One small paragraph per quotation pattern, including the ones that must yield no quote.
import { describe, expect, it } from 'vitest';
import { extract, quoteWith } from './helpers.ts';

describe('quotation patterns', () => {
  it('X said: "…" with straight marks', () => {
    const x = extract('Jane Holloway, the mayor, spoke on Monday.\n\nMs Holloway said: "We will rebuild the bridge this year."');
    expect(quoteWith(x, 'We will rebuild')).toMatchObject({ kind: 'direct', speaker: { name: 'Jane Holloway' }, cue: 'said' });
  });

  it('"…," X said and "…," said X', () => {
    const x = extract('“The plan is sound,” Senator Tom Briggs said.\n\n“It will pass,” said Anna Kowalczyk, a spokeswoman for the party.');
    expect(quoteWith(x, 'The plan is sound').speaker?.name).toBe('Tom Briggs');
    expect(quoteWith(x, 'It will pass').speaker?.name).toBe('Anna Kowalczyk');
  });

  it('interrupted quotes keep one speaker', () => {
    const x = extract('“We tried,” said Paul Okafor. “Nobody listened to us, and now it is too late.”');
    expect(quoteWith(x, 'Nobody listened').speaker?.name).toBe('Paul Okafor');
  });

  it('ellipses inside a quote do not break it', () => {
    const x = extract('Maria Lindqvist said: “We want … a fair deal for workers.”');
    expect(quoteWith(x, 'a fair deal').text).toBe('We want … a fair deal for workers.');
  });

  it('went on:, added: and stating:', () => {
    const x = extract('Governor Ruth Adebayo spoke to reporters. She went on: “The budget is balanced.” She added: “Taxes will not rise.”\n\nThe governor later wrote to staff, stating: “Hiring resumes next week.”');
    expect(quoteWith(x, 'budget is balanced').speaker?.name).toBe('Ruth Adebayo');
    expect(quoteWith(x, 'Taxes will not rise').speaker?.name).toBe('Ruth Adebayo');
    expect(quoteWith(x, 'Hiring resumes').speaker?.name).toBe('Ruth Adebayo');
  });

  it('a role beside the name: the aide, not the president', () => {
    const x = extract('President Anton Varga’s aide, Ilya Petrenko, said the visit was “a success for both sides”.');
    expect(quoteWith(x, 'a success').speaker?.name).toBe('Ilya Petrenko');
  });

  it('unnamed sources stay unnamed', () => {
    const x = extract('Officials said the talks were “going nowhere fast”.\n\n“Nobody expects a deal,” a senior source said.');
    const q1 = quoteWith(x, 'going nowhere');
    expect(q1.speaker).toMatchObject({ name: 'Officials', personId: null });
    expect(quoteWith(x, 'Nobody expects').speaker).toMatchObject({ name: 'a senior source', personId: null });
  });

  it('outlets are named sources', () => {
    const x = extract('The Daily Ledger reports that the minister “misled the house”.');
    expect(quoteWith(x, 'misled the house').speaker).toMatchObject({ name: 'The Daily Ledger', personId: null });
  });

  it('a quote-only paragraph continues the previous speaker', () => {
    const x = extract('Dr Sara Mensah said: “The results are clear.\n\n“We need more trials before anyone celebrates.”');
    expect(quoteWith(x, 'We need more trials').speaker?.name).toBe('Sara Mensah');
  });

  it('pronouns follow the gender the text establishes', () => {
    const x = extract('Mrs Helen Ward met Mr Victor Lane in Leeds. Mr Lane left early.\n\nShe said: “It was a useful meeting.”');
    expect(quoteWith(x, 'useful meeting').speaker?.name).toBe('Helen Ward');
  });

  it('scare quotes, titles and nicknames are not quotes', () => {
    const x = extract('The so-called “deal” was signed at the “Summit of Hope” in Geneva. Fans watched “The Long Night” on television.');
    expect(x.quotes.filter((q) => q.kind !== 'indirect')).toEqual([]);
  });

  it('a short term the sentence attributes is a partial quote', () => {
    const x = extract('Senator Ruth Okafor, who has led the inquiry since March, blasted the minister as a “disgrace” on Tuesday. Okafor once called the plan a “fiasco” and “a gift to lobbyists.” Hana Reyes described the bill as “reckless.” Reyes said the delay was “justified.” The claim was labeled “Mostly True.”');
    expect(quoteWith(x, 'disgrace')).toMatchObject({ kind: 'partial', text: 'disgrace', speaker: { name: 'Ruth Okafor' } });
    expect(quoteWith(x, 'fiasco').speaker?.name).toBe('Ruth Okafor');
    expect(quoteWith(x, 'gift to lobbyists').speaker?.name).toBe('Ruth Okafor');
    expect(quoteWith(x, 'reckless').speaker?.name).toBe('Hana Reyes');
    expect(quoteWith(x, 'justified').speaker?.name).toBe('Hana Reyes');
    expect(quoteWith(x, 'Mostly True')).toBeTruthy();
  });

  it('a term named but not attributed stays out: a show called "…", a bill known as "…"', () => {
    const x = extract('She watched a show called “Night Court” with friends. The bill, known as “Safe Streets Act,” passed. Ruth Okafor appeared on “Morning Desk” to discuss it.');
    expect(x.quotes.filter((q) => q.kind !== 'indirect').map((q) => q.text)).toEqual([]);
  });

  it('being the subject of a sentence does not make a short quoted term one\'s words', () => {
    const x = extract('Governor Ana Ruiz defended her “fresh start” plan on Monday. Ruiz runs a “no frills” cafe in Leeds. Ruiz hosts his “Voices Of Home” radio show.');
    expect(x.quotes.filter((q) => q.kind !== 'indirect').map((q) => q.text)).toEqual([]);
  });

  it('likened to, accused of, the phrase and a verdict after earlier quoted words attribute a term', () => {
    const x = extract('Mayor Tom Vale likened the budget to “a slow leak.” Vale accused the council of being “asleep.” Vale used the phrase “quiet crisis” often. The watchdog ruled that his claim about “record growth” was “false.”');
    expect(quoteWith(x, 'slow leak').speaker?.name).toBe('Tom Vale');
    expect(quoteWith(x, 'asleep').speaker?.name).toBe('Tom Vale');
    expect(quoteWith(x, 'quiet crisis').speaker?.name).toBe('Tom Vale');
    expect(quoteWith(x, 'false')).toBeTruthy();
  });

  it('a term followed by the clause that cites it, or sharing a sentence with a quote, is attributed', () => {
    const x = extract('Mayor Tom Vale spoke on Monday. The three “loopholes” he cited are old. According to the audit, the firm ran a “long and deliberate scheme” in which managers “quietly skimmed” funds.');
    expect(quoteWith(x, 'loopholes').speaker?.name).toBe('Tom Vale');
    expect(quoteWith(x, 'quietly skimmed')).toMatchObject({ kind: 'partial' });
  });

  it('a term before a plain clause, or alone in its sentence, stays a scare quote', () => {
    const x = extract('Mayor Tom Vale spoke on Monday. The three “loopholes” were closed. The firm ran a “pilot” scheme.');
    expect(x.quotes.filter((q) => q.kind !== 'indirect').map((q) => q.text)).toEqual([]);
  });

  it('the second half of an interrupted quote is a quote even when it looks like a title', () => {
    const x = extract('“Here comes the Boss,” Jane Roe said, clapping. “The Boss. Big Man.”\n\n“We will fight,” Roe told “Morning Desk.”');
    expect(quoteWith(x, 'Big Man')).toMatchObject({ text: 'The Boss. Big Man.', speaker: { name: 'Jane Roe' } });
    expect(x.quotes.some((q) => q.text.includes('Morning Desk'))).toBe(false);
  });

  it('a sentence about a person ending in a colon introduces their words; a colon after a thing does not', () => {
    const x = extract('Senator Jo Lane spoke in Ohio. Lane made the following comment:\n\n“Young people are finding things hard.”\n\nThe bill has one line:\n\n“All schools must open by nine.”');
    expect(quoteWith(x, 'finding things hard').speaker?.name).toBe('Jo Lane');
    expect(quoteWith(x, 'must open by nine').speaker).toBeNull();
  });

  it('a title-like term after a speech verb is a quote unless a show or outlet is meant', () => {
    const x = extract('Governor Ana Ruiz proclaimed a goal of “Peace Through Trade.” Ruiz said on “Morning Desk” that taxes would fall. Ruiz told a “Town Hall” audience the same.');
    expect(quoteWith(x, 'Peace Through Trade').speaker?.name).toBe('Ana Ruiz');
    expect(x.quotes.some((q) => /Morning Desk|Town Hall/.test(q.text))).toBe(false);
  });

  it('a possessive name inside the clause is not its subject', () => {
    const x = extract('Senator Ana Ruiz spoke on Tuesday. Though she called Harlow Pike’s conduct “shameful,” Ruiz opposed a ban.');
    expect(quoteWith(x, 'shameful').speaker?.name).toBe('Ana Ruiz');
  });

  it('reported speech without marks is an indirect quote', () => {
    const x = extract('Finance Minister Lena Park said the economy would grow next year.');
    const q = x.quotes.find((q) => q.kind === 'indirect');
    expect(q).toMatchObject({ text: 'the economy would grow next year', speaker: { name: 'Lena Park' } });
  });

  it('a quoted transcript line names its own speaker', () => {
    const x = extract('Governor Mark Eddowes spoke to host Dana Rowe.\n\n"ROWE: Will you attend the debate?\n\n"EDDOWES: Yes, and we will win it."');
    expect(quoteWith(x, 'Will you attend')).toMatchObject({ text: 'Will you attend the debate?', speaker: { name: 'Dana Rowe' } });
    expect(quoteWith(x, 'we will win it').speaker?.name).toBe('Mark Eddowes');
  });

  it('"the President" follows the role the text binds, not any president', () => {
    const x = extract('President Amelia Stone met French President Luc Girard in Rome.\n\nThe President said: “We agreed on trade.”');
    expect(quoteWith(x, 'We agreed on trade').speaker?.name).toBe('Amelia Stone');
  });

  it('according to X, and X told reporters:', () => {
    const x = extract('The plan is “dead on arrival”, according to Senator Joan Pike.\n\nMayor Omar Haddad told reporters: “We are ready.”');
    expect(quoteWith(x, 'dead on arrival').speaker?.name).toBe('Joan Pike');
    expect(quoteWith(x, 'We are ready').speaker?.name).toBe('Omar Haddad');
  });

  it('a pronoun means the person the text is about, not the last name seen', () => {
    const x = extract('Sarah Kline, the party leader, toured the plant with its owner Mr Peter Vance on Friday. She praised the workers.\n\nShe said: “This is the future of the region.”');
    expect(quoteWith(x, 'future of the region').speaker?.name).toBe('Sarah Kline');
  });

  it('an unclosed quotation stops at its paragraph and the next paragraph is still sound', () => {
    const x = extract('Dr Ines Moreau said: "The trial worked\n\nOfficials said the results were “very promising”.');
    expect(quoteWith(x, 'The trial worked')).toMatchObject({ text: 'The trial worked', speaker: { name: 'Ines Moreau' } });
    expect(quoteWith(x, 'very promising').speaker).toMatchObject({ name: 'Officials', personId: null });
  });

  it('a sentence ending in its attribution introduces the next quote', () => {
    const x = extract('Talks stalled over the border, Senator Ruth Okoro said. "We need a new approach."\n\nThe Daily Ledger reports:\n\n"The deal collapsed late on Friday after hours of talks."');
    expect(quoteWith(x, 'new approach').speaker?.name).toBe('Ruth Okoro');
    expect(quoteWith(x, 'The deal collapsed').speaker).toMatchObject({ name: 'The Daily Ledger', personId: null });
    expect(x.quotes.find((q) => q.kind === 'indirect')).toMatchObject({ text: 'Talks stalled over the border', speaker: { name: 'Ruth Okoro' } });
  });

  it('a pronoun after the sentence subject refers to that subject', () => {
    const x = extract('Mrs Dana Fell praised Ms Rosa Quint on Monday. Quint thanked her.\n\nFell says she admired Quint’s courage in what she calls a “war of words.”');
    expect(quoteWith(x, 'war of words').speaker?.name).toBe('Dana Fell');
  });

  it('nicknames, titles of writing and markup are not quotes', () => {
    const x = extract('State Del. Marcia "Cia" Price shouted to the crowd. Tom Reyes\' column, "Why the vote matters to all of us," ran on Sunday. The page had <a tweet-date="2016-09-12">a link</a>.\n\nShe told the "Morning Hour" show about a "Commander Forum" she attended.');
    expect(x.quotes.filter((q) => q.kind !== 'indirect').map((q) => q.text)).toEqual([]);
  });

  it('a cue in an introductory clause gives way to the main subject', () => {
    const x = extract('With party leaders worried about turnout, Governor Ana Ruiz is rolling out a blunt new message: "Vote as if your job depends on it."');
    expect(quoteWith(x, 'Vote as if').speaker?.name).toBe('Ana Ruiz');
  });

  it('modifiers before a role word belong to the source; an unbound role noun stays unnamed', () => {
    const x = extract('According to conservative talk radio host Sam Ortiz, the move reeks of “fear” and desperation.\n\nThe mayor said the claim of “thousands of shootings” was wrong.');
    expect(quoteWith(x, 'fear').speaker).toMatchObject({ name: 'Sam Ortiz', role: 'conservative talk radio host' });
    expect(quoteWith(x, 'thousands of shootings').speaker).toMatchObject({ name: 'the mayor', personId: null });
  });

  it('a quotation inside a quotation stays part of it', () => {
    const x = extract('“I would rather live in what he calls “hell” than live in his world,” said Ana Diaz.');
    expect(quoteWith(x, 'rather live').text).toBe('I would rather live in what he calls “hell” than live in his world,');
    expect(quoteWith(x, 'rather live').speaker?.name).toBe('Ana Diaz');
  });
});
