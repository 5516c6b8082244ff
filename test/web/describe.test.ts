// The one-line summary `/brief add` replies with: a date read from the article's text says so.
import { describe as group, expect, it } from 'vitest';
import { describe } from '../../src/web/commands.ts';

const base = { title: 'Ferry timetable row', outlet: 'The Harbour Post', quotes: 3, people: 2 };

group('the reply to /brief add', () => {
  it('shows the page’s own date as it is', () => {
    expect(describe({ ...base, published: '2025-02-17' })).toBe('Ferry timetable row (The Harbour Post, 17 Feb 2025): 3 quotes from 2 people');
  });

  it('marks a date the extractor read from the text as inferred', () => {
    expect(describe({ ...base, published: '2025-02-17', publishedInferred: true })).toBe(
      'Ferry timetable row (The Harbour Post, 17 Feb 2025 (date inferred)): 3 quotes from 2 people',
    );
  });

  it('says nothing of a date there is none of', () => {
    expect(describe({ ...base, published: null, publishedInferred: true, quotes: 0 })).toBe('Ferry timetable row (The Harbour Post): no quotes found');
  });
});
