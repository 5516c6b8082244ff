// People as a running aggregate over their articles, the same on every backend.
import type { Person } from '../../core/model.ts';

/** Roles and aliases kept per person. */
export const MAX_LIST = 12;

/** Adds `b`'s counts to `a` and unions their roles and aliases (first seen first, bounded). */
export function mergePeople(a: Person, b: Person): Person {
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])].slice(0, MAX_LIST);
  return { id: a.id, name: a.name, roles: union(a.roles, b.roles), aliases: union(a.aliases, b.aliases), mentions: a.mentions + b.mentions, quotes: a.quotes + b.quotes };
}
