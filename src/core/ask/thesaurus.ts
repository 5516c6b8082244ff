// The user-extendable thesaurus (config/thesaurus.yaml): groups of words and phrases that mean the
// same thing for search, filling the gaps a general lexicon leaves in news language
// ("troops" ↔ "forces on the ground", "servicemen").
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { baseForm, words } from './words.ts';

export class ThesaurusError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line: number | null,
  ) {
    super(`${path}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'ThesaurusError';
  }
}

export class Thesaurus {
  /** Normalised term (base forms of its words, space-joined) → the other members of its groups. */
  private readonly related = new Map<string, Set<string>>();
  /** Groups not yet normalised: normalising loads the lemmatizer, which a fresh process defers. */
  private pending: string[][] = [];

  constructor(groups: readonly (readonly string[])[] = []) {
    for (const g of groups) this.addGroup(g);
  }

  addGroup(group: readonly string[]): void {
    this.pending.push([...group]);
  }

  private settle(): void {
    const pending = this.pending;
    this.pending = [];
    for (const g of pending) this.index(g);
  }

  private index(group: readonly string[]): void {
    const terms = [...new Set(group.map((t) => t.trim().toLowerCase()).filter(Boolean))];
    for (const t of terms) {
      const key = normaliseTerm(t);
      let set = this.related.get(key);
      if (!set) this.related.set(key, (set = new Set()));
      for (const o of terms) if (o !== t) set.add(o);
    }
  }

  /** Terms that mean the same as `term` (a word or a phrase), in any inflection. */
  lookup(term: string): string[] {
    if (this.pending.length) this.settle();
    return [...(this.related.get(normaliseTerm(term)) ?? [])];
  }

  get size(): number {
    if (this.pending.length) this.settle();
    return this.related.size;
  }

  /** Reads a thesaurus file: `groups:` a list of lists of strings. A missing file is an empty thesaurus. */
  static load(path: string): Thesaurus {
    if (!existsSync(path)) return new Thesaurus();
    const doc = parseDocument(readFileSync(path, 'utf8'), { keepSourceTokens: false });
    const lineOf = (offset: number | undefined) =>
      offset === undefined ? null : doc.toString().slice(0, offset).split('\n').length;
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      throw new ThesaurusError(`not valid YAML: ${e.message.split('\n')[0]}`, path, e.linePos?.[0]?.line ?? null);
    }
    const data = doc.toJS() as unknown;
    if (data === null || data === undefined) return new Thesaurus();
    const groups = (data as { groups?: unknown }).groups;
    if (typeof data !== 'object' || !Array.isArray(groups)) {
      throw new ThesaurusError('expected a top-level `groups:` list of lists of words, e.g. `- [troops, forces]`', path, 1);
    }
    const t = new Thesaurus();
    groups.forEach((g, i) => {
      if (!Array.isArray(g) || !g.every((x) => typeof x === 'string' || typeof x === 'number')) {
        const node = (doc.get('groups') as { items?: { range?: [number, number, number] }[] } | undefined)?.items?.[i];
        throw new ThesaurusError(`group ${i + 1} must be a list of words or phrases, e.g. [troops, forces]`, path, lineOf(node?.range?.[0]));
      }
      t.addGroup(g.map(String));
    });
    return t;
  }
}

function normaliseTerm(term: string): string {
  return words(term).map(baseForm).join(' ');
}
