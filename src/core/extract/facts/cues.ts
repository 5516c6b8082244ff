// One pass over a statement's words says which families of patterns can match in it, so each
// family's regexes only run where a cue word occurs (most statements carry no figure or date).
import { NUMBER_WORDS_LIST } from './numbers.ts';
import type { Word } from './words.ts';

export const CUE_MONTH = 1;
export const CUE_WEEKDAY = 2;
export const CUE_REL_DAY = 4;
export const CUE_UNIT = 8;
export const CUE_SEASON = 16;
export const CUE_DIGIT = 32;
export const CUE_NUMBER_WORD = 64;
export const CUE_PERCENT = 128;
export const CUE_CURRENCY = 256;
export const CUE_VAGUE = 512;
export const CUE_EVENT_NOUN = 1024;
export const CUE_EVENT_VERB = 2048;
/** A word that can be a year: 1900–2099 alone or after a hyphen ("pre-2014"). */
export const CUE_YEAR = 4096;

const TABLE = new Map<string, number>();
function add(bit: number, list: string): void {
  for (const w of list.split(/\s+/)) if (w) TABLE.set(w, (TABLE.get(w) ?? 0) | bit);
}
add(CUE_MONTH, `january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec`);
add(CUE_WEEKDAY, 'monday tuesday wednesday thursday friday saturday sunday');
add(CUE_REL_DAY, 'today tonight tomorrow yesterday morning afternoon evening');
add(CUE_UNIT, 'week weekend month year');
add(CUE_SEASON, 'spring summer autumn fall winter');
add(CUE_NUMBER_WORD, NUMBER_WORDS_LIST.join(' '));
add(CUE_PERCENT, 'per percent percentage');
add(CUE_CURRENCY, `dollar dollars pound pounds euro euros yen yuan renminbi rouble roubles ruble rubles rupee rupees
  franc francs hryvnia hryvnias usd gbp eur jpy cny rub inr chf aud cad uah`);
add(CUE_VAGUE, 'dozens scores hundreds thousands millions billions');
add(CUE_EVENT_NOUN, `talks negotiations meeting meetings summit visit trip conference call phone telephone election
  elections referendum vote hearing hearings debate ceremony inauguration funeral trial rally`);
add(CUE_EVENT_VERB, `travel travels travelled traveled travelling traveling fly flies flew flying head heads headed
  heading visit visits visited visiting meet meets meeting met`);

const SYMBOL = /[$£€¥₹%]/;

function isYear(raw: string, at: number): boolean {
  if (raw.length - at !== 4 || at < 0) return false;
  const a = raw.charCodeAt(at);
  const b = raw.charCodeAt(at + 1);
  return (a === 49 && b === 57) || (a === 50 && b === 48); // "19" or "20"
}

export function cuesOf(text: string, ws: readonly Word[]): number {
  let cues = 0;
  for (const w of ws) {
    const c = w.raw.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      cues |= CUE_DIGIT;
      if (isYear(w.raw, 0)) cues |= CUE_YEAR;
    }
    else {
      let bits = TABLE.get(w.lower);
      // Month and weekday names are capitalised: "may" and "march" in lower case are other words.
      if (bits !== undefined && c >= 97 && c <= 122) bits &= ~(CUE_MONTH | CUE_WEEKDAY);
      if (bits !== undefined) cues |= bits;
      else if (w.lower.indexOf('-') > 0) {
        // "pre-2014", "twenty-five"
        const tail = w.lower.charCodeAt(w.lower.length - 1);
        if (tail >= 48 && tail <= 57) {
          cues |= CUE_DIGIT;
          if (isYear(w.raw, w.raw.length - 4)) cues |= CUE_YEAR;
        }
        else cues |= TABLE.get(w.lower.slice(0, w.lower.indexOf('-'))) ?? 0;
      }
    }
  }
  // Currency symbols and "%" are not words.
  if (SYMBOL.test(text)) cues |= CUE_CURRENCY | CUE_PERCENT;
  return cues;
}
