// Splitting an article body into paragraphs and sentences for key-point selection. Conservative:
// a missed split only makes a candidate longer, which the length filter then drops.

export interface BodySentence {
  text: string;
  paragraph: number;
  /** Position of the sentence within its paragraph. */
  index: number;
}

// Abbreviations that end with a dot but not a sentence.
const ABBREV = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|No|vs|etc|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)\.$/;

export function splitSentences(body: string): BodySentence[] {
  const out: BodySentence[] = [];
  const paragraphs = body.split(/\n\s*\n|\n/).map((p) => p.trim()).filter((p) => p.length > 0);
  paragraphs.forEach((para, paragraph) => {
    let start = 0;
    let index = 0;
    const re = /[.!?…]+["”’)\]]*(?=\s+["“‘(\[]?[A-Z0-9])/g;
    for (let m = re.exec(para); m; m = re.exec(para)) {
      const end = m.index + m[0].length;
      const candidate = para.slice(start, end);
      if (ABBREV.test(candidate.replace(/["”’)\]]+$/, ''))) continue;
      out.push({ text: candidate.trim(), paragraph, index: index++ });
      start = end;
    }
    const rest = para.slice(start).trim();
    if (rest) out.push({ text: rest, paragraph, index: index++ });
  });
  return out;
}

const STOP = new Set(
  'a an the and or but of to in on at for with by from as is are was were be been has have had it its this that these those he she they we i you his her their our not will would can could should may might said says say also than then there here who which what when where'.split(
    ' ',
  ),
);

/** Lower-cased content words, for overlap checks. */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []) if (!STOP.has(w) && w.length > 1) out.add(w);
  return out;
}

/** Share of the smaller set's words found in the other (1 = one says nothing the other does not). */
export function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let n = 0;
  for (const w of small) if (large.has(w)) n++;
  return n / small.size;
}
