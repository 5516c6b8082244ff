// Scraped-page debris (photo credits, stray brackets) masked out of statements. Masking with
// spaces keeps every offset valid, so spans found afterwards still point into the article.

const DEBRIS = [
  // "(Image: Anadolu))", "(Picture: PA)", "(Photo: Reuters)"
  /\(?\s*(?:Images?|Pictures?|Photos?|Photograph|Pic|Credit)\s*:[^()\n]{0,80}\)+/g,
  // "AFP via Getty Images)", "Carl Court via Getty Images"
  /(?:\(\s*)?[\p{Lu}][\p{L}&.'’ -]{0,40}?\s+via\s+(?:Getty(?:\s+Images)?|Shutterstock|Alamy|Reuters|AP|AFP|EPA|PA(?:\s+Wire)?|Bloomberg)\b\)*/gu,
  // "Carl Court/Getty Images)", "(Getty Images)", "(AFP)"
  /(?:\(\s*)?(?:[\p{Lu}][\p{L}.'’ -]{0,30}\/\s*)?(?:Getty\s+Images|Shutterstock|Alamy|PA\s+Wire|AFP|EPA)\s*\)+/gu,
  // A line that is nothing but brackets.
  /^[ \t]*[()[\]]+[ \t]*$/gm,
];

// Every pattern needs a bracket or the word "via": most sentences have neither and skip the scan.
const MAY_HOLD_DEBRIS = /[()[\]]|\svia\s/;

export function maskDebris(text: string): string {
  if (!MAY_HOLD_DEBRIS.test(text)) return text;
  let out = text;
  for (const re of DEBRIS) {
    re.lastIndex = 0;
    if (re.test(out)) {
      re.lastIndex = 0;
      out = out.replace(re, (m) => ' '.repeat(m.length));
    }
  }
  return out;
}

/** The statement as shown to people: debris gone, whitespace collapsed. */
export function cleanStatement(masked: string): string {
  return masked.replace(/\s+/g, ' ').trim();
}
