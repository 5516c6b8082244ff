// The place gazetteer: config/places.yaml (plus an optional BRIEFING_PLACES file), loaded once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { words } from './words.ts';

export interface Gazetteer {
  /** Lookup key (normalised words joined by one space) -> canonical place name. */
  names: Map<string, string>;
  /** First word of any key -> the longest key length in words starting with it. */
  firstWords: Map<string, number>;
  /** Canonical name -> section ("countries", "cities", ...). */
  kinds: Map<string, string>;
  /**
   * Places whose names are also common given names or surnames (section `name_like`): they are
   * not matched as places in statements ("Chelsea Roe"), but a lone one is never a surname.
   */
  nameLike: Set<string>;
}

const NAME_LIKE = 'name_like';

export const DEFAULT_PLACES_PATH = fileURLToPath(new URL('../../../../config/places.yaml', import.meta.url));

let cached: Gazetteer | null = null;

/** The gazetteer used by extraction, read from disk on first use. */
export function gazetteer(): Gazetteer {
  if (!cached) {
    const paths = [DEFAULT_PLACES_PATH];
    const extra = process.env.BRIEFING_PLACES;
    if (extra) paths.push(extra);
    cached = buildGazetteer(paths.map((p) => ({ path: p, text: readFileSync(p, 'utf8') })));
  }
  return cached;
}

/** Drops the cached gazetteer (tests, or after the files change). */
export function resetGazetteer(): void {
  cached = null;
}

/** Builds a gazetteer from YAML sources: `{section: {Canonical: [alias, ...] | null}}`. */
export function buildGazetteer(sources: { path: string; text: string }[]): Gazetteer {
  const g: Gazetteer = { names: new Map(), firstWords: new Map(), kinds: new Map(), nameLike: new Set() };
  for (const { path, text } of sources) {
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (err) {
      throw new Error(`${path}: not valid YAML: ${(err as Error).message}`);
    }
    if (doc == null) continue;
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${path}: expected sections of places (a mapping)`);
    for (const [section, entries] of Object.entries(doc as Record<string, unknown>)) {
      if (entries == null) continue;
      if (typeof entries !== 'object' || Array.isArray(entries)) {
        throw new Error(`${path}: section '${section}' must map place names to lists of aliases`);
      }
      for (const [name, aliases] of Object.entries(entries as Record<string, unknown>)) {
        if (aliases != null && !(Array.isArray(aliases) && aliases.every((a) => typeof a === 'string'))) {
          throw new Error(`${path}: ${section}.${name}: aliases must be a list of strings`);
        }
        if (section === NAME_LIKE) {
          g.nameLike.add(name);
          continue;
        }
        g.kinds.set(name, section);
        for (const surface of [name, ...((aliases as string[] | null) ?? [])]) add(g, surface, name);
      }
    }
  }
  return g;
}

function add(g: Gazetteer, surface: string, canonical: string): void {
  // "the Balkans" is matched as "Balkans": a leading article is not part of the name.
  const ws = words(surface.replace(/^the\s+/i, ''));
  if (ws.length === 0) return;
  const key = ws.map((w) => w.norm).join(' ');
  g.names.set(key, canonical);
  const first = ws[0]!.norm;
  g.firstWords.set(first, Math.max(g.firstWords.get(first) ?? 0, ws.length));
}
