// Fuzzy matching over the people in the briefing (names and aliases), for autocomplete and for
// "did you mean" when a name is not found. People are few, so a fuse.js scan is fine here.
import Fuse from 'fuse.js';
import type { Person } from '../model.ts';

export interface PersonSuggestion {
  name: string;
  role: string | null;
}

export interface PeopleIndex {
  suggest(query: string, limit: number): Promise<PersonSuggestion[]>;
}

/** Rebuilds its index only when the set of people changes. */
export function createPeopleIndex(people: () => Promise<Person[]>): PeopleIndex {
  let key = '';
  let list: Person[] = [];
  let fuse: Fuse<Person> | null = null;
  const refresh = async () => {
    const now = await people();
    const nextKey = now.map((p) => `${p.id}:${p.aliases.length}:${p.quotes}:${p.mentions}`).join('|');
    if (nextKey !== key || !fuse) {
      key = nextKey;
      list = now;
      fuse = new Fuse(now, { keys: [{ name: 'name', weight: 2 }, 'aliases'], threshold: 0.35, ignoreLocation: true, includeScore: true });
    }
    return fuse;
  };
  return {
    async suggest(query, limit) {
      const index = await refresh();
      const q = query.trim();
      const toSuggestion = (p: Person): PersonSuggestion => ({ name: p.name, role: p.roles[0] ?? null });
      if (limit <= 0) return [];
      if (!q) {
        return [...list]
          .sort((a, b) => b.quotes + b.mentions - (a.quotes + a.mentions) || a.name.localeCompare(b.name))
          .slice(0, limit)
          .map(toSuggestion);
      }
      return index.search(q, { limit }).map((r) => toSuggestion(r.item));
    },
  };
}
