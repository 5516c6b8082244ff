// The digest's quotes: at most one per main speaker, named speakers first, the most quotable line
// each (a direct quote of a sentence or two beats a fragment or reported speech).
import type { Extraction, Quote } from '../model.ts';
import type { DigestQuote } from './types.ts';

const MAX_SPEAKERS = 3;
const KIND_WEIGHT = { direct: 3, partial: 1.5, indirect: 1 } as const;

// A quote worth showing says something: a single word in quotation marks ("deplorables") is a label.
const MIN_WORDS = 5;

export function chooseTopQuotes(extraction: Extraction): DigestQuote[] {
  const usable = extraction.quotes.filter((q) => q.speaker && wordCount(q.text) >= MIN_WORDS);
  // Reported speech is the speaker's words as the reporter put them: shown only when nobody is quoted.
  const quoted = usable.filter((q) => q.kind !== 'indirect');
  const bySpeaker = new Map<string, Quote[]>();
  for (const q of quoted.length > 0 ? quoted : usable) {
    if (!q.speaker) continue;
    const key = q.speaker.personId ?? `unnamed:${q.speaker.name.toLowerCase()}`;
    const list = bySpeaker.get(key);
    if (list) list.push(q);
    else bySpeaker.set(key, [q]);
  }
  const people = new Map(extraction.people.map((p) => [p.id, p]));
  const speakers = [...bySpeaker.entries()]
    .map(([key, quotes]) => {
      const person = quotes[0]?.speaker?.personId ? people.get(quotes[0].speaker.personId) : undefined;
      const named = !key.startsWith('unnamed:');
      const weight = quotes.reduce((s, q) => s + KIND_WEIGHT[q.kind], 0) + (person?.mentions ?? 0) * 0.2;
      return { key, quotes, person, named, weight, first: Math.min(...quotes.map((q) => q.start)) };
    })
    // Named speakers before unnamed sources; then who says most; then who speaks first.
    .sort((a, b) => Number(b.named) - Number(a.named) || b.weight - a.weight || a.first - b.first)
    .slice(0, MAX_SPEAKERS);
  return speakers
    .map(({ quotes, person }) => {
      const best = [...quotes].sort((a, b) => quoteScore(b) - quoteScore(a) || a.start - b.start)[0]!;
      const speaker = best.speaker!;
      return {
        kind: best.kind,
        text: best.text.trim(),
        speaker: { name: person?.name ?? speaker.name, role: speaker.role ?? person?.roles[0] ?? null },
        paragraph: best.paragraph,
      };
    })
    .sort((a, b) => a.paragraph - b.paragraph);
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function quoteScore(q: Quote): number {
  const len = q.text.trim().length;
  let s = KIND_WEIGHT[q.kind];
  if (len >= 50 && len <= 240) s += 1.5;
  else if (len < 25) s -= 1.5;
  else if (len > 400) s -= 1;
  return s - q.paragraph * 0.02;
}
