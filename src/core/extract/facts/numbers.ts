// Numbers written as digits ("1,500", "2.5") or words ("two", "twenty-five", "a dozen").

const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, dozen: 12,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
export const SCALES: Record<string, number> = {
  hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9, tn: 1e12, trn: 1e12,
};

/** Every word that can open a number written in words. */
export const NUMBER_WORDS_LIST: readonly string[] = [...Object.keys(UNITS), ...Object.keys(TENS)];
const UNIT_WORDS = Object.keys(UNITS).join('|');
const TEN_WORDS = Object.keys(TENS).join('|');
/** A number in digits or words, as a regex source (no groups). */
export const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|(?:(?:${TEN_WORDS})(?:[-\\s](?:${UNIT_WORDS}))?|(?:${UNIT_WORDS})|a)(?:\\s+hundred)?)`;
/** A scale after a number: "million", "bn", "m". */
export const SCALE = `(?:\\s?(?:thousand|million|billion|trillion)\\b|(?:bn|mn|m|k|tn|trn|b)\\b)`;

/** Value of a NUMBER match (case-insensitive words), or NaN. */
export function numberValue(text: string): number {
  const s = text.trim().toLowerCase();
  if (/^[\d,.]+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (s === 'a') return 1;
  let total = 0;
  for (const part of s.split(/[-\s]+/)) {
    if (part in UNITS) total += UNITS[part]!;
    else if (part in TENS) total += TENS[part]!;
    else if (part === 'hundred') total = (total || 1) * 100;
    else if (part !== 'a' && part !== 'and') return NaN;
  }
  return total;
}

export function scaleValue(scale: string | undefined): number {
  if (!scale) return 1;
  return SCALES[scale.trim().toLowerCase()] ?? 1;
}

/** Product without floating-point noise (1.2 * 1e12 is 1200000000000.0002). */
export function scaled(n: number, scale: number): number {
  return Number((n * scale).toPrecision(12));
}
