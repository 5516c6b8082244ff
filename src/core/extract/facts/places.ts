// Places a statement names, found by longest match against the gazetteer.
import type { Gazetteer } from './gazetteer.ts';
import type { Word } from './words.ts';

export interface PlaceHit {
  start: number;
  end: number;
  name: string;
}

export function findPlaces(ws: Word[], g: Gazetteer): PlaceHit[] {
  const hits: PlaceHit[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const max = g.firstWords.get(w.norm);
    if (max === undefined) continue;
    // Keys are case-sensitive, so a lower-case "turkey" or "chad" never reaches this point.
    for (let n = Math.min(max, ws.length - i); n >= 1; n--) {
      let key = w.norm;
      for (let k = 1; k < n; k++) key += ' ' + ws[i + k]!.norm;
      const name = g.names.get(key);
      if (name !== undefined) {
        hits.push({ start: w.start, end: ws[i + n - 1]!.end, name });
        i += n - 1;
        break;
      }
    }
  }
  return hits;
}
