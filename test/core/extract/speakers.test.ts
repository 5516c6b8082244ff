// Speakers who are people: one small paragraph for each class of error seen on unseen news,
// including the paragraphs that must yield no quote or no person. Names are made up.
import { describe, expect, it } from 'vitest';
import { extract } from './helpers.ts';

const speakers = (body: string) => extract(body).quotes.filter((q) => q.kind !== 'indirect').map((q) => [q.text, q.speaker?.name ?? null]);

describe('a surname that is also an English word', () => {
  it('"Kelly said", "Will said" name the speaker (they are not adverbs or auxiliaries)', () => {
    expect(speakers('Retired astronaut Mark Kelly spoke first.\n\n"Elections matter," Kelly said. "Look at the records."')).toEqual([
      ['Elections matter,', 'Mark Kelly'],
      ['Look at the records.', 'Mark Kelly'],
    ]);
    expect(speakers('Columnist Dana Will was unimpressed. "It was a coarse effusion," Will said.')).toEqual([['It was a coarse effusion,', 'Dana Will']]);
  });

  it('"later said" still skips the adverb to reach the speaker', () => {
    expect(speakers('"We are done," Ana Reyes later said.')).toEqual([['We are done,', 'Ana Reyes']]);
  });
});
