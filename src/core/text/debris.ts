// Scraped-page debris: lines that are not prose (stray brackets, photo credits). Recognised by
// general shape, never by a list of articles, so segmentation, quotes and facts can skip them.

/** Photo/agency credit vocabulary seen at the end of caption lines. */
const CREDIT_WORDS =
  /\b(?:Getty(?:\s+Images)?|Reuters|AFP|AP(?:\s+Photo)?|Associated Press|PA(?:\s+(?:Wire|Media|Images))?|Shutterstock|Alamy|EPA(?:-EFE)?|Anadolu(?:\s+Agency)?|Bloomberg|Xinhua|SWNS|Rex(?:\s+Features)?|NurPhoto|SOPA Images|LightRocket|WireImage|Sipa|Pool|Handout|TASS|Sputnik|Kremlin Pool)\b/;
/** `(Image: X)`, `Photo: X`, `Picture: X`, `Credit: X` caption labels. */
const CAPTION_LABEL = /^\(?\s*(?:Image|Images|Photo|Photos|Photograph|Picture|Pic|Credit|Video|Illustration)s?\s*(?:credit)?\s*:/i;
/** Only brackets, dashes, bullets or punctuation. */
const PUNCT_ONLY = /^[\s()[\]{}.,;:|*•·\-–—_/\\"'“”‘’]*$/;

/** Page furniture: "Follow X on Twitter @x", "Read the rest here.", "Sign up for our newsletter". */
const PROMO = /^["“”]?\s*(?:follow|read|watch|click|sign up|subscribe|share|listen|download|like us)\b.{0,80}(?:\btwitter\b|\bfacebook\b|\binstagram\b|@\w+|\bhere\b|\bnewsletter\b|\bpodcast\b|\bour app\b)[\s.!"”]*$/i;

/** True when a (trimmed) line is page debris rather than article prose. */
export function isDebrisLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0) return true;
  if (PUNCT_ONLY.test(t)) return true;
  if (t.length > 120) return false;
  if (PROMO.test(t)) return true;
  // Wire credits: "(Additional reporting by …; Editing by …)", "Reporting by … in Washington".
  if (/^\(?\s*(?:additional\s+)?(?:reporting|editing|writing|compiled|produced)\s+by\b/i.test(t)) return true;
  if (CAPTION_LABEL.test(t)) return true;
  // Credits are short, carry an agency name, and usually end with the leftover ")" of a caption.
  if (CREDIT_WORDS.test(t)) {
    const words = t.split(/\s+/).length;
    const closes = count(t, ')');
    const opens = count(t, '(');
    if (closes > opens) return true;
    if (/^\(.*\)+$/.test(t) && words <= 8) return true;
    if (words <= 6 && !/[.!?]["”’]?$/.test(t)) return true;
    // "Getty/Instagram.", "Reuters via Getty Images.": agency names joined by a slash or "via".
    if (words <= 5 && /\/|\bvia\b/.test(t)) return true;
  }
  return false;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}
