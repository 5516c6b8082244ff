// Word-level text handling shared by question understanding, expansion and ranking.
import { BoundedMemo } from '../util/memo.ts';
import { loadLemmatizer, type Lemmatizer } from './lemmatizer.ts';

/** Lowercased words (letters and digits); apostrophes split words the way the FTS tokenizer does. */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  // ASCII text (most of it) takes the plain pattern; NFKC and Unicode classes only when needed.
  if (!/[^\x00-\x7f]/.test(lower)) return lower.match(/[a-z0-9]+/g) ?? [];
  return lower.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

export const STOPWORDS = new Set(
  (
    'a an the and or but if then else of at by for with about against between into through during before after above below ' +
    'to from up down in out on off over under again further once here there when where why how all any both each few more most ' +
    'other some such no nor not only own same so than too very s t can will just don should now i me my myself we our ours ' +
    'ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs ' +
    'themselves what which who whom this that these those am is are was were be been being have has had having do does did ' +
    'doing would could ought im youre hes shes its were theyre ive youve weve theyve id youd hed shed wed theyd ill youll hell ' +
    'shell well theyll isnt arent wasnt werent hasnt havent hadnt doesnt dont didnt wont wouldnt shant shouldnt cant cannot ' +
    'couldnt mustnt lets thats whos whats heres theres whens wheres whys hows also may might must shall us'
  ).split(' '),
);

/** Words that shape a question but are never its topic. */
export const QUESTION_WORDS = new Set(
  (
    'say says said saying tell told think thinks thought quote quotes quoted quotation quotations comment comments ' +
    'commented remark remarks statement statements view views position stance opinion opinions words speak spoke ' +
    'talk talked mention mentioned regarding concerning re anything something everything give show list find please ' +
    'me us know latest recent briefing brief summary summarise summarize figures figure numbers number facts fact stats ' +
    'statistics happen happens happening take takes place planned scheduled set going'
  ).split(' '),
);

/** Words a question about a topic can be made of: not stopwords, not question scaffolding. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOPWORDS.has(w) && !QUESTION_WORDS.has(w) && !/^\d{1,2}$/.test(w));
}

let lemmatizer: Lemmatizer | null = null;

// Loaded on first use (the build's compact table; see lemmatizer.ts), so a process answering nothing never pays.
function lem(): Lemmatizer {
  lemmatizer ??= loadLemmatizer();
  return lemmatizer;
}

const lemmaCache = new BoundedMemo<string, string[]>(50_000);

/** Base forms of a word (noun, verb and adjective readings), the word itself first. */
export function lemmas(word: string): string[] {
  const hit = lemmaCache.get(word);
  if (hit) return hit;
  const l = lem();
  const out = [...new Set([word, l.noun(word), l.verb(word), l.adjective(word)])].filter((w) => w.length > 0);
  lemmaCache.set(word, out);
  return out;
}

/** One normalised form per word for comparing texts: the shortest base form. */
export function baseForm(word: string): string {
  const ls = lemmas(word);
  let best = ls[0] ?? word;
  for (const x of ls) if (x.length < best.length) best = x;
  return best;
}

/** The shared edit distance, re-exported for the asking engine's callers. */
export { editDistance } from '../util/edit-distance.ts';

/** Diacritics removed, as the FTS tokenizer (unicode61 remove_diacritics 2) indexes words. */
export function fold(word: string): string {
  return /[^\x00-\x7f]/.test(word) ? word.normalize('NFD').replace(/\p{M}+/gu, '') : word;
}

const inflectionCache = new BoundedMemo<string, Set<string>>(20_000);

/** Surface forms a word may take in text: itself, its lemmas and their regular inflections. */
export function inflections(word: string): Set<string> {
  const hit = inflectionCache.get(word);
  if (hit) return hit;
  const out = new Set<string>([word]);
  for (const l of lemmas(word)) {
    out.add(l);
    out.add(l + 's');
    out.add(l + 'es');
    out.add(l + 'ed');
    out.add(l + 'ing');
    if (l.endsWith('e')) {
      out.add(l + 'd');
      out.add(l.slice(0, -1) + 'ing');
    }
    if (l.endsWith('y')) {
      out.add(l.slice(0, -1) + 'ies');
      out.add(l.slice(0, -1) + 'ied');
    }
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(l)) {
      out.add(l + l.slice(-1) + 'ed');
      out.add(l + l.slice(-1) + 'ing');
    }
  }
  inflectionCache.set(word, out);
  return out;
}

const SUFFIXES = new Set(
  ['', 'e', 's', 'es', 'ed', 'd', 'ing', 'ion', 'ions', 'ation', 'ations', 'ate', 'ated', 'ates', 'ating', 'ment', 'ments', 'er', 'ers', 'or', 'ors', 'ive', 'ives', 'al', 'ally', 'ly', 'ity', 'ance', 'ence', 'ant', 'ants', 'ent', 'ents', 'ist', 'ists', 'ism', 'y', 'ies', 'ied'],
);

/**
 * Words of one family that lemmas keep apart ("negotiations" / "negotiated"): a long shared stem
 * (at least 5 letters and all but the last 3 of the shorter word) followed by derivational or
 * inflectional endings only — so "tantalum" and "tantalite" are not one family.
 */
export function sameFamily(a: string, b: string): boolean {
  if (a.length < 6 || b.length < 6) return false;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  if (i < Math.max(5, n - 3)) return false;
  // Try the longest stem first, backing off so "negotiat|ions" / "negotiat|ed" is found.
  for (let k = i; k >= Math.max(5, n - 3); k--) if (SUFFIXES.has(a.slice(k)) && SUFFIXES.has(b.slice(k))) return true;
  return false;
}

const ROLE_ABBREVIATIONS = new Map([
  ['gov', 'governor'], ['sen', 'senator'], ['sens', 'senator'], ['rep', 'representative'], ['reps', 'representative'],
  ['congressman', 'representative'], ['congresswoman', 'representative'], ['pres', 'president'], ['atty', 'attorney'],
  ['gen', 'general'], ['sec', 'secretary'], ['chair', 'chairman'], ['chairwoman', 'chairman'], ['spokeswoman', 'spokesman'],
  ['spokesperson', 'spokesman'], ['governors', 'governor'], ['senators', 'senator'],
]);
const ROLE_FILLER = new Set(['the', 'a', 'an', 'of', 'for', 'former', 'ex', 'then', 's', 'from', 'in', 'at', 'and', 'u', 'us']);

/**
 * The words of a role, comparable across spellings: abbreviations expanded, fillers dropped, so
 * "the governor of Ohio", "Ohio Gov." and "Ohio Governor" all read as {ohio, governor}.
 */
export function roleWords(text: string): string[] {
  return words(text.replace(/['’]s\b/g, ''))
    .map((w) => ROLE_ABBREVIATIONS.get(w) ?? w)
    .filter((w) => !ROLE_FILLER.has(w));
}
