import { describe, expect, it } from 'vitest';
import { isDebrisLine } from '../../../src/core/text/debris.ts';
import { segment } from '../../../src/core/text/segment.ts';

const sentencesOf = (t: string) => segment(t).sentences.map((s) => t.slice(s.start, s.end));

describe('segment', () => {
  it('does not split at abbreviations, initials, numbers or decimals', () => {
    const t = 'Mr. Smith met Sen. Jones at No. 10 on Jan. 5. He said 2.5% was fine. J. R. Smith agreed.';
    expect(sentencesOf(t)).toEqual(['Mr. Smith met Sen. Jones at No. 10 on Jan. 5.', 'He said 2.5% was fine.', 'J. R. Smith agreed.']);
  });

  it('keeps a closing quotation mark with its sentence', () => {
    expect(sentencesOf('He said: “We won.” Then he left.')).toEqual(['He said: “We won.”', 'Then he left.']);
  });

  it('splits after U.S. only before a sentence opener', () => {
    expect(sentencesOf('He lives in the U.S. The end. The U.S. Army came.')).toEqual(['He lives in the U.S.', 'The end.', 'The U.S. Army came.']);
  });

  it('splits paragraphs on single newlines and skips debris lines', () => {
    const t = 'One.\n(\n(Image: Anadolu))\nTwo.\n\nAFP via Getty Images)\nThree.';
    const s = segment(t);
    expect(s.paragraphs.map((p) => t.slice(p.start, p.end))).toEqual(['One.', 'Two.', 'Three.']);
    expect(s.sentences.map((x) => x.paragraph)).toEqual([0, 1, 2]);
  });

  it('recognises photo credits by shape', () => {
    for (const l of ['(', '(Image: PA)', 'Getty Images', 'Photo: Reuters', 'AFP via Getty Images)', '(Image: Anadolu))', 'Getty/Instagram.', 'Follow Pat Doe on Twitter @patdoe.', 'Read the rest here.', '(Additional reporting by Ann Lee; Editing by Tom Roe.)']) expect(isDebrisLine(l)).toBe(true);
    for (const l of ['Reuters reported that talks would resume on Friday.', 'The PM said so.', 'Read what she said to the committee on Monday.']) expect(isDebrisLine(l)).toBe(false);
  });
});
