import { describe, expect, it } from 'vitest';
import { fitReply, moreNote } from '../../../src/core/reply/layout.ts';
import type { Reply } from '../../../src/core/reply/types.ts';

const text = (t: string) => ({ type: 'text' as const, text: t });
const reply: Reply = {
  tone: 'answer',
  title: 't',
  sections: [
    { heading: 'First', items: [text('aaaa'), text('bbbb')] },
    { heading: 'Second', items: [text('cccc'), text('dddd')] },
  ],
  notes: [],
  more: 3,
};
const measure = { item: (i: { type: string }) => ('text' in i ? (i as { text: string }).text.length : 0), heading: (h: string) => h.length };

describe('fitReply', () => {
  it('returns the reply unchanged when it fits', () => {
    expect(fitReply(reply, { budget: 100, maxItems: 10 }, measure)).toBe(reply);
  });
  it('keeps whole items in order and adds the rest to more', () => {
    // First(5)+aaaa(4)=9, bbbb=4 -> 13, Second(6)+cccc(4) -> 23 > 20
    const r = fitReply(reply, { budget: 20, maxItems: 10 }, measure);
    expect(r.sections).toEqual([{ heading: 'First', items: [text('aaaa'), text('bbbb')] }]);
    expect(r.more).toBe(5);
  });
  it('honours the item count', () => {
    const r = fitReply(reply, { budget: 100, maxItems: 3 }, measure);
    expect(r.sections.reduce((n, s) => n + s.items.length, 0)).toBe(3);
    expect(r.sections[1]!.items).toEqual([text('cccc')]);
    expect(r.more).toBe(4);
  });
  it('drops everything when nothing fits, counting it all', () => {
    const r = fitReply(reply, { budget: 2, maxItems: 10 }, measure);
    expect(r.sections).toEqual([]);
    expect(r.more).toBe(7);
  });
});

describe('moreNote', () => {
  it('counts in words', () => {
    expect(moreNote(1)).toBe('… and 1 more result');
    expect(moreNote(4)).toBe('… and 4 more results');
    expect(moreNote(1200)).toBe('… and 1,200 more results');
  });
});
