// "Taking Roe as Jane Roe; John Roe is also in the briefing." The note names people, so it must
// follow the same rule as the results: an asker is never told about somebody who is only in
// articles hidden from them. The engine records whom each note names and where they appear; the
// command layer (commands/visibility.ts) rewrites the note for what the asker may see.

/** One ambiguity note in an answer's message, with the articles of each person it names. */
export interface AmbiguityNote {
  /** The words the question used ("Roe"). */
  asked: string;
  /** The person the answer is about, and the articles they appear in. */
  chosen: { name: string; articles: string[] };
  /** Others the words could mean, and the articles each appears in. */
  others: { name: string; articles: string[] }[];
  /** The note as it stands in the message. */
  text: string;
}

/** Names shown in a note; the rest are counted. */
const SHOWN = 4;

/** "Taking Roe as Jane Roe; John Roe is also in the briefing." */
export function ambiguityText(asked: string, chosen: string, others: readonly string[]): string {
  const distinct = [...new Set(others)];
  const names = distinct.slice(0, SHOWN);
  const more = distinct.length > SHOWN ? ` and ${distinct.length - SHOWN} more` : '';
  return `Taking ${asked} as ${chosen}; ${names.join(', ')}${more} ${names.length === 1 && !more ? 'is' : 'are'} also in the briefing.`;
}

/**
 * The note as an asker who sees only some articles may read it: others with no visible article are
 * left out, and the note goes when nobody is left or the chosen person is not visible either.
 * Returns null for no note.
 */
export function visibleNote(n: AmbiguityNote, visible: (articleId: string) => boolean): string | null {
  if (!n.chosen.articles.some(visible)) return null;
  const others = n.others.filter((o) => o.articles.some(visible)).map((o) => o.name);
  return others.length ? ambiguityText(n.asked, n.chosen.name, others) : null;
}

/** A message with each note rewritten for what the asker may see; null when nothing is left. */
export function messageWithVisibleNotes(message: string | null, notes: readonly AmbiguityNote[] | undefined, visible: (articleId: string) => boolean): string | null {
  if (!message || !notes?.length) return message;
  let out = message;
  for (const n of notes) {
    const shown = visibleNote(n, visible);
    if (shown === n.text) continue;
    out = out.replace(n.text, shown ?? '');
  }
  out = out.replace(/\s{2,}/g, ' ').trim();
  return out || null;
}
