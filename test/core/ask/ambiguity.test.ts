// The ambiguity note rewritten for an asker who sees only some articles (made-up names).
import { describe, expect, it } from 'vitest';
import { ambiguityText, messageWithVisibleNotes, type AmbiguityNote } from '../../../src/core/ask/ambiguity.ts';

const note: AmbiguityNote = {
  asked: 'Vell',
  chosen: { name: 'Ada Vell', articles: ['a1', 'a2'] },
  others: [
    { name: 'Bo Vell', articles: ['hidden'] },
    { name: 'Cy Vell', articles: ['a3', 'hidden'] },
  ],
  text: ambiguityText('Vell', 'Ada Vell', ['Bo Vell', 'Cy Vell']),
};
const msg = `None of Ada Vell’s 3 quotes in the briefing mention tides. ${note.text}`;

describe('ambiguity notes cut to what the asker may see', () => {
  it('leaves out the others who are only in hidden articles', () => {
    const out = messageWithVisibleNotes(msg, [note], (id) => id !== 'hidden');
    expect(out).toBe('None of Ada Vell’s 3 quotes in the briefing mention tides. Taking Vell as Ada Vell; Cy Vell is also in the briefing.');
  });

  it('drops the note when nobody else is visible, or the chosen person is not', () => {
    expect(messageWithVisibleNotes(msg, [note], (id) => id.startsWith('a') && id !== 'a3')).toBe('None of Ada Vell’s 3 quotes in the briefing mention tides.');
    expect(messageWithVisibleNotes(note.text, [note], (id) => id === 'hidden')).toBeNull();
  });

  it('keeps the message as it is when everything is visible or there is no note', () => {
    expect(messageWithVisibleNotes(msg, [note], () => true)).toBe(msg);
    expect(messageWithVisibleNotes('Bo Vell does not appear in the briefing.', undefined, () => false)).toBe('Bo Vell does not appear in the briefing.');
  });

  it('counts the names beyond four', () => {
    expect(ambiguityText('Vell', 'Ada Vell', ['B', 'C', 'D', 'E', 'F', 'F'])).toBe('Taking Vell as Ada Vell; B, C, D, E and 1 more are also in the briefing.');
  });
});
