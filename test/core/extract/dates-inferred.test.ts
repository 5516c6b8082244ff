// Issue 11 item 7: an article without a front-matter date takes the date its text gives, marked inferred.
import { describe, expect, it } from 'vitest';
import { inferPublished } from '../../../src/core/extract/dates-inferred.ts';
import { extractArticle } from '../../../src/core/extract/index.ts';
import { articleOf } from './helpers.ts';

const NOW = new Date('2026-12-04T00:00:00Z');
const body = (s: string) => inferPublished(`Title\n\n${s}`, 7, NOW);

describe('inferPublished', () => {
  it('reads a dateline with its year, and one without (the latest year, not in the future)', () => {
    expect(body('WASHINGTON, Nov. 1, 2016 — The House voted.')?.date).toBe('2016-11-01');
    expect(body('SCRANTON, Pa., July 8 — The vice president spoke.')?.date).toBe('2026-07-08');
  });

  it('reads a full date near the start, and a weekday with a month and day fixes the year', () => {
    expect(body('The vote came on Thursday, June 23, 2016, after a long campaign.')?.date).toBe('2016-06-23');
    // 1 November was a Tuesday in 2022 (and not since).
    expect(body('The senator spoke on Tuesday, Nov. 1, to a crowd of supporters.')?.date).toBe('2022-11-01');
  });

  it('guesses nothing from a bare weekday, an impossible date or a weekday that disagrees', () => {
    expect(body('The senator spoke on Tuesday to a crowd.')).toBeNull();
    expect(body('WASHINGTON, Feb. 30, 2016 — Nothing.')).toBeNull();
    expect(body('It happened on Monday, June 23, 2016, they said.')).toBeNull();
  });
});

describe('extractArticle over an article without a date', () => {
  it('marks the inferred date, resolves relative dates against it, and keeps a front-matter date as it is', () => {
    const x = extractArticle(articleOf('A vote\n\nWASHINGTON, Nov. 3, 2016 — The House voted on Tuesday to approve the bill.\n', 'a.txt'));
    expect(x.article.published).toBe('2016-11-03');
    expect(x.article.publishedInferred).toBe(true);
    const tuesday = x.facts.flatMap((f) => f.values).find((v) => v.type === 'date' && /Tuesday/.test(v.text));
    expect(tuesday && tuesday.type === 'date' ? tuesday.date : null).toBe('2016-11-01');
    const dated = extractArticle(articleOf('---\ntitle: "A vote"\npublished: 2016-11-05\n---\nWASHINGTON, Nov. 3, 2016 — The House voted.\n', 'b.md'));
    expect(dated.article.published).toBe('2016-11-05');
    expect(dated.article.publishedInferred).toBe(false);
  });
});
