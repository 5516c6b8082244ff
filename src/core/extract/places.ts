// Place words from the gazetteer (config/places.yaml), so a place used alone ("Mexico said",
// "talks in Florida") is never taken for a person's surname. Geography is data, not code.
import { gazetteer } from './facts/gazetteer.ts';

// Words that occur inside place names but are not places on their own ("New", "United").
const GENERIC = new Set(
  'New North South East West Northern Southern Eastern Western Central Upper Lower Greater United States Kingdom Republic Democratic Federal Federation Union Islands Island Isle Saint St Santa San City Coast Gulf Sea Bay Lake River Mount Cape Port Fort Great Arab Arabia People of the and Middle Near Far'.split(' '),
);

function placeWords(): ReadonlySet<string> {
  const g = gazetteer();
  const out = new Set<string>();
  for (const key of [...g.names.keys(), ...g.nameLike]) {
    for (const w of key.split(' ')) if (/^[A-Z]/.test(w) && !GENERIC.has(w)) out.add(w);
  }
  return out;
}

export const PLACES: ReadonlySet<string> = placeWords();

/** Nationality and group words ("Mexicans", "North American", "Republicans") that are not people's names. */
export function isDemonym(word: string): boolean {
  return /(?:ans?|ese|ish|ians?|ers)$/.test(word) && /^[A-Z][a-z]+$/.test(word) && !/^(?:[A-Z][a-z]?an)$/.test(word);
}
