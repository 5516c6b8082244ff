import { describe, expect, it } from 'vitest';
import { facts, person } from './helpers.ts';

const events = (s: string, published: string | null = '2025-02-17') =>
  facts(s, published).filter((f) => f.kind === 'event').map((f) => ({ ...f.event, upcoming: f.upcoming ?? false }));

describe('events', () => {
  it('finds talks with their place and date', () => {
    expect(events('Officials were flying out to Riyadh for talks planned for Tuesday.')).toEqual([
      { type: 'talks', place: 'Riyadh', date: '2025-02-18', upcoming: true },
    ]);
    expect(events('The two sides will hold talks in Geneva on 3 March.')).toEqual([
      { type: 'talks', place: 'Geneva', date: '2025-03-03', upcoming: true },
    ]);
  });
  it('reads a passive future as future: the coming weekday, upcoming', () => {
    // The article is of Monday 17 Feb 2025.
    expect(events('Talks will be held in Riyadh on Tuesday.')).toEqual([{ type: 'talks', place: 'Riyadh', date: '2025-02-18', upcoming: true }]);
    expect(events('A summit is to be held in Paris on Friday.')).toEqual([{ type: 'summit', place: 'Paris', date: '2025-02-21', upcoming: true }]);
    // ...and a passive past as past.
    expect(events('Talks were held in Riyadh on Tuesday.')).toEqual([{ type: 'talks', place: 'Riyadh', date: '2025-02-11', upcoming: false }]);
    expect(events('Talks had been held in Riyadh on Tuesday.')).toEqual([{ type: 'talks', place: 'Riyadh', date: '2025-02-11', upcoming: false }]);
  });
  it('finds a trip from a travel verb, with the week it happens in', () => {
    expect(events('The PM is set to travel to Washington DC next week, where he will discuss the crisis.')).toEqual([
      { type: 'trip', place: 'Washington DC', date: '2025-02-24', upcoming: true },
    ]);
  });
  it('names a meeting verb plus event noun after the noun, with the destination', () => {
    expect(events('He scrambled to Paris to meet fellow leaders at an emergency summit.')).toEqual([
      { type: 'summit', place: 'Paris', upcoming: false },
    ]);
  });
  it('keeps each place and date with the nearest event', () => {
    expect(
      events('The emergency meeting was called by the president ahead of talks between officials in Saudi Arabia, set to start on Tuesday.'),
    ).toEqual([{ type: 'talks', place: 'Saudi Arabia', date: '2025-02-18', upcoming: true }]);
  });
  it('does not take a participant for the venue', () => {
    expect(events('Negotiators will hold talks with Russia.')).toEqual([{ type: 'talks', upcoming: true }]);
  });
  it('reports a future event without place or date, and drops a past one', () => {
    expect(events('Senior envoys will meet Russian counterparts.')).toEqual([{ type: 'meeting', upcoming: true }]);
    expect(events('Lavrov insisted there was no role for Europe during the talks.')).toEqual([]);
  });
  it('finds votes, elections and hearings', () => {
    expect(events('A vote in parliament is expected on Thursday.')).toEqual([{ type: 'vote', date: '2025-02-20', upcoming: true }]);
    expect(events('Germany will hold a general election on 23 February.')).toEqual([
      { type: 'election', date: '2025-02-23', upcoming: true },
    ]);
    expect(events('The committee held a hearing in London last week.')).toEqual([
      { type: 'hearing', place: 'London', date: '2025-02-10', upcoming: false },
    ]);
  });
  it('is not fooled by "meet" as in meeting a target', () => {
    expect(events('The Government must meet other pledges such as cutting waiting lists.')).toEqual([]);
  });
  it('uses the people the statement names', () => {
    const [f] = facts('Mr Diaz will visit Madrid on Friday.', '2025-02-17', [person('Ana Diaz', { aliases: ['Mr Diaz'] })]);
    expect(f).toMatchObject({ kind: 'event', people: ['Ana Diaz'], places: ['Madrid'], event: { type: 'visit', place: 'Madrid', date: '2025-02-21' } });
  });
  it('leaves the date out when the article has none', () => {
    const [f] = facts('Officials will hold talks in Riyadh on Tuesday.', null);
    expect(f).toMatchObject({ kind: 'event', event: { type: 'talks', place: 'Riyadh' }, unresolved: ['on Tuesday'], upcoming: true });
    expect(f!.event!.date).toBeUndefined();
  });
});

describe('event nouns that name no event', () => {
  it('skips a noun used as a modifier, and "vote" meaning the voters', () => {
    expect(events('He would tussle with debate moderators again.')).toEqual([]);
    expect(events('He has 5 percent of the black vote in Florida.')).toEqual([]);
    expect(events('Election officials in Ohio will meet the deadline.')).toEqual([]);
  });
});
