// Fuzzy matching over the people in the briefing (names and aliases), for autocomplete and for
// "did you mean" when a name is not found. People are few, so a fuse.js scan is fine here.
import Fuse from 'fuse.js';
import type { Person } from '../model.ts';

export interface PersonSuggestion {
  name: string;
  role: string | null;
}

export interface PeopleIndex {
  /** Best matches first; with `keep`, only the people it keeps (asked of at most `CHECKED_PER_RESULT` × limit candidates). */
  suggest(query: string, limit: number, keep?: (p: Person) => Promise<boolean>): Promise<PersonSuggestion[]>;
}

/** How many candidates a filtered suggestion looks at per suggestion wanted (a bound on lookups per keystroke). */
export const CHECKED_PER_RESULT = 4;

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
    async suggest(query, limit, keep) {
      const index = await refresh();
      const q = query.trim();
      const toSuggestion = (p: Person): PersonSuggestion => ({ name: p.name, role: p.roles[0] ?? null });
      if (limit <= 0) return [];
      const wanted = keep ? limit * CHECKED_PER_RESULT : limit;
      const ranked = !q
        ? [...list].sort((a, b) => b.quotes + b.mentions - (a.quotes + a.mentions) || a.name.localeCompare(b.name)).slice(0, wanted)
        : index.search(q, { limit: wanted }).map((r) => r.item);
      if (!keep) return ranked.slice(0, limit).map(toSuggestion);
      const out: PersonSuggestion[] = [];
      for (const p of ranked) {
        if (out.length === limit) break;
        if (await keep(p)) out.push(toSuggestion(p));
      }
      return out;
    },
  };
}
