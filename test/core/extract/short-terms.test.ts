// Short quoted terms: the ones a sentence says someone used are partial quotes with that speaker;
// titles, labels and scare quotes with no one's words behind them are not quotes.
import { describe, expect, it } from 'vitest';
import { extract, quoteWith } from './helpers.ts';

const texts = (body: string): string[] => extract(body).quotes.map((q) => q.text);

describe('short quoted terms', () => {
  it('a one-word verdict after a naming verb and its object is the namer’s, even before a capitalised word', () => {
    const x = extract('On the radio, Mayor Lena Brookfield called Hartmann “reckless.” Gov. Omar Quint called the plan “late and costly.”');
    expect(quoteWith(x, 'reckless').speaker?.name).toBe('Lena Brookfield');
    expect(quoteWith(x, 'late and costly').speaker?.name).toBe('Omar Quint');
  });

  it('a nickname between two names still is not a quote', () => {
    expect(texts('The council heard from Marta “Tess” Ollander on Tuesday.')).toEqual([]);
  });

  it('`called the report a "…"`: a naming verb with its object before the term, whoever the subject', () => {
    expect(texts('Varnum’s campaign called the city’s offer a “rush to judgment,” because wages stay flat.')).toEqual(['rush to judgment,']);
    const x = extract('When Ida Varnum in her opening speech called the new tenants from Dorset “squatters” the room went quiet.');
    expect(quoteWith(x, 'squatters').speaker?.name).toBe('Ida Varnum');
    // A noun `calls` and a participle right before the marks name nothing anyone said.
    expect(texts('Sharpton took calls from listeners to his “Morning Drive” hour.\n\nA new show called the “Morning Rush” starts today.')).toEqual([]);
  });

  it('`who he dubbed "…"` is his word; `a film dubbed "…"` is a title', () => {
    const x = extract('Senator Paul Redding mocked his rival, Carl Ostby, who he dubbed “the little clerk.”');
    expect(quoteWith(x, 'the little clerk').speaker?.name).toBe('Paul Redding');
    expect(texts('The studio released a new film dubbed “The Long Night Home.”')).toEqual([]);
  });

  it('a term right after a named person’s verb is theirs; one that only labels the noun after it is not', () => {
    const x = extract('Mayor Grete Lindahl dismissed the report as the work of a campaign in “disarray.”');
    expect(quoteWith(x, 'disarray').speaker?.name).toBe('Grete Lindahl');
    expect(texts('Mayor Grete Lindahl beat the party’s “establishment” candidate in the spring.')).toEqual([]);
  });
});
