// How specific a place name is, from the place gazetteer (config/places.yaml): a city names an
// event more precisely than its country. Unknown places rank lowest; a missing gazetteer ranks all alike.
import { gazetteer } from '../extract/facts/gazetteer.ts';

const KIND_RANK: Record<string, number> = { cities: 4, us_states: 3, regions: 2, countries: 1 };

export function gazetteerPlaceRank(place: string): number {
  try {
    return KIND_RANK[gazetteer().kinds.get(place) ?? ''] ?? 0;
  } catch {
    return 0;
  }
}
