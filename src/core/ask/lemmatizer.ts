// The lemmatizer: wink-lemmatizer's rules (an adaptation of WordNet's Morphy) over wink-lexicon's
// words, senses and exception lists. The package itself parses a 3 MB lexicon before its first
// answer (about half a second of a one-shot `briefing ask`, for a handful of words), so the build
// writes the part the rules read as a compact table (dist/core/ask/lemma-table.txt, by
// scripts/build-tables.mjs) and this module looks words up in it. Without the table (running from
// src/, or a table built from another version of the packages) the same rules read wink-lexicon
// directly. test/core/ask/lemmatizer.test.ts holds both to the package's own answers.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { packageVersion, SortedKeys, tableText } from './sorted-keys.ts';

export interface Lemmatizer {
  noun(word: string): string;
  verb(word: string): string;
  adjective(word: string): string;
}

/** What the rules read: which parts of speech a base form has, and the irregular forms. */
interface LemmaSource {
  /** NOUN | VERB | ADJ bits. */
  kinds(word: string): number;
  exception(pos: 'noun' | 'verb' | 'adjective', word: string): string | undefined;
}

const NOUN = 1;
const VERB = 2;
const ADJ = 4;
const POS_FIELD = { noun: 1, verb: 2, adjective: 3 } as const;

export const LEMMA_TABLE = fileURLToPath(new URL('./lemma-table.txt', import.meta.url));

/** wink-lexicon's lexicographer-file numbers: 0-1 adjectives, 3-28 nouns, 29-43 verbs. */
function kindsOfSenses(senses: readonly number[]): number {
  let k = 0;
  for (const s of senses) {
    if (s < 2) k |= ADJ;
    if (s > 2 && s < 29) k |= NOUN;
    if (s > 28 && s < 44) k |= VERB;
  }
  return k;
}

interface WinkLexicon {
  words: Record<string, number>;
  senses: number[][];
  exceptions: Record<'noun' | 'verb' | 'adjective', Record<string, string>>;
}

/** wink-lexicon as wink-lemmatizer requires it (the lexicon is its dependency, found from it). */
function winkLexicon(): WinkLexicon {
  const req = createRequire(createRequire(import.meta.url).resolve('wink-lemmatizer'));
  const file = (name: string) => req(`wink-lexicon/src/${name}.js`);
  return {
    words: file('wn-words'),
    senses: file('wn-word-senses'),
    exceptions: { noun: file('wn-noun-exceptions'), verb: file('wn-verb-exceptions'), adjective: file('wn-adjective-exceptions') },
  };
}

/** The first line of the table: the package versions it was built from. */
export function lemmaTableHeader(): string {
  const lemmatizerPkg = createRequire(import.meta.url).resolve('wink-lemmatizer/package.json');
  const lexiconPkg = createRequire(lemmatizerPkg).resolve('wink-lexicon/package.json');
  return `# wink-lemmatizer ${packageVersion(lemmatizerPkg)} wink-lexicon ${packageVersion(lexiconPkg)}`;
}

/** The table's text: `word<TAB>kinds<TAB>noun exception<TAB>verb exception<TAB>adjective exception`. */
export function lemmaTableText(): string {
  const lex = winkLexicon();
  const rows = new Map<string, string[]>();
  const row = (w: string) => rows.get(w) ?? rows.set(w, ['0', '', '', '']).get(w)!;
  for (const [w, i] of Object.entries(lex.words)) {
    const k = kindsOfSenses(lex.senses[i] ?? []);
    if (k) row(w)[0] = String(k);
  }
  for (const pos of ['noun', 'verb', 'adjective'] as const) {
    for (const [w, lemma] of Object.entries(lex.exceptions[pos])) if (lemma) row(w)[POS_FIELD[pos]] = lemma;
  }
  // Trailing empty fields are left out: most words have no irregular forms.
  for (const fields of rows.values()) while (fields.length > 1 && fields.at(-1) === '') fields.pop();
  return tableText(lemmaTableHeader(), rows);
}

function tableSource(table: SortedKeys): LemmaSource {
  return {
    kinds: (w) => Number(table.get(w)?.[0] ?? 0),
    exception: (pos, w) => table.get(w)?.[POS_FIELD[pos]] || undefined,
  };
}

function lexiconSource(lex: WinkLexicon): LemmaSource {
  return {
    kinds: (w) => {
      const i = lex.words[w];
      return i === undefined ? 0 : kindsOfSenses(lex.senses[i] ?? []);
    },
    exception: (pos, w) => lex.exceptions[pos][w] || undefined,
  };
}

const NOUN_RULES: [RegExp, string][] = [
  [/s$/, ''],
  [/ses$/, 's'],
  [/xes$/, 'x'],
  [/zes$/, 's'],
  [/ves$/, 'f'],
  [/ches$/, 'ch'],
  [/shes$/, 'sh'],
  [/men$/, 'man'],
  [/ies$/, 'y'],
];

/** wink-lemmatizer 3.0.4's rules, step for step (including where they give up), over `src`. */
export function morphy(src: LemmaSource): Lemmatizer {
  const is = (w: string, kind: number) => (src.kinds(w) & kind) !== 0;
  return {
    adjective(adjective) {
      const exception = src.exception('adjective', adjective);
      if (exception) return exception;
      let lemma = adjective.replace(/est$|er$/, '');
      if (lemma.length === adjective.length) return adjective;
      if (is(lemma, ADJ)) return lemma;
      lemma += 'e';
      if (is(lemma, ADJ)) return lemma;
      return adjective;
    },
    verb(verb) {
      const exception = src.exception('verb', verb);
      if (exception) return exception;
      let lemma = verb.replace(/s$/, '');
      if (lemma.length !== verb.length && is(lemma, VERB)) return lemma;
      lemma = verb.replace(/ies$/, 'y');
      if (lemma.length !== verb.length && is(lemma, VERB)) return lemma;
      lemma = verb.replace(/es$|ed$|ing$/, '');
      if (lemma.length !== verb.length) {
        if (is(lemma, VERB)) return lemma;
        lemma += 'e';
        if (is(lemma, VERB)) return lemma;
      }
      return verb;
    },
    noun(noun) {
      const exception = src.exception('noun', noun);
      if (exception) return exception;
      for (const [pattern, by] of NOUN_RULES) {
        const lemma = noun.replace(pattern, by);
        if (lemma.length !== noun.length && is(lemma, NOUN)) return lemma;
      }
      return noun;
    },
  };
}

/** The rules over the table at `path` when it was built from the installed packages, else over wink-lexicon. */
export function loadLemmatizer(path: string = LEMMA_TABLE): Lemmatizer {
  const table = SortedKeys.open(path, lemmaTableHeader());
  return morphy(table ? tableSource(table) : lexiconSource(winkLexicon()));
}

/** The rules over a table given as text (tests; the build checks what it wrote). */
export function lemmatizerOfTable(text: string): Lemmatizer {
  return morphy(tableSource(SortedKeys.fromText(text)));
}
